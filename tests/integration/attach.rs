//! `-a/--attach` end to end against the emulator (which checks image parts as the SDK types
//! and Fireworks do): images told from their bytes, text files, URLs and standard input on both
//! surfaces, the errors for bad attachments, the text-only warning, `--dry-run` and `--json`.

use serde_json::{json, Value};

use crate::support::{fw, fw_at, Emulator};

/// The start of a PNG file, enough for any reader that looks at the signature.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0";

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn chat_images_text_and_urls_become_content_parts() {
    let dir = tempfile::tempdir().unwrap();
    // Named .txt, but a PNG: the bytes decide.
    let img = write(&dir, "shot.txt", PNG);
    let notes = write(&dir, "notes.md", b"- buy milk\n");
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args(["chat", "-a", &img, "--attach", &notes, "-a"])
        .args(["https://example.com/cat.webp", "what is this?"])
        .run();
    r.code(0);
    let body = emu.only_body();
    let parts = body["messages"][0]["content"].as_array().unwrap().clone();
    assert_eq!(parts.len(), 4, "{parts:?}");
    assert_eq!(parts[0]["type"], "image_url");
    let url = parts[0]["image_url"]["url"].as_str().unwrap();
    assert!(
        url.starts_with("data:image/png;base64,iVBORw0KGgo"),
        "{url}"
    );
    assert_eq!(
        parts[1],
        json!({"type": "text", "text": format!("File: {notes}\n\n- buy milk\n")})
    );
    assert_eq!(
        parts[2],
        json!({"type": "image_url", "image_url": {"url": "https://example.com/cat.webp"}})
    );
    assert_eq!(parts[3], json!({"type": "text", "text": "what is this?"}));
}

#[test]
fn messages_images_are_image_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let img = write(&dir, "photo.png", JPEG);
    let emu = Emulator::start();
    fw_at(&emu)
        .args([
            "messages",
            "-a",
            &img,
            "-a",
            "https://example.com/a.png",
            "describe",
        ])
        .run()
        .code(0);
    let content = emu.only_body()["messages"][0]["content"].clone();
    assert_eq!(content[0]["type"], "image");
    assert_eq!(content[0]["source"]["type"], "base64");
    assert_eq!(content[0]["source"]["media_type"], "image/jpeg");
    assert_eq!(
        content[1],
        json!({"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}})
    );
    assert_eq!(content[2], json!({"type": "text", "text": "describe"}));
}

#[test]
fn an_attachment_from_standard_input_and_no_prompt_words() {
    let emu = Emulator::start();
    let r = fw_at(&emu).args(["chat", "-a", "-"]).stdin_bytes(PNG).run();
    r.code(0);
    let parts = emu.only_body()["messages"][0]["content"].clone();
    assert_eq!(parts.as_array().unwrap().len(), 1, "{parts}");
    assert_eq!(parts[0]["type"], "image_url");
    let r = fw_at(&emu)
        .args(["chat", "-a", "-", "--messages", "-"])
        .stdin("[]")
        .run();
    r.code(2);
    assert!(
        r.stderr.contains("standard input can be read once"),
        "{}",
        r.stderr
    );
}

#[test]
fn attachments_join_the_last_turn_of_a_messages_file() {
    let dir = tempfile::tempdir().unwrap();
    let img = write(&dir, "a.gif", b"GIF89a\x01\0\x01\0");
    let m = write(
        &dir,
        "m.json",
        json!([{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"},
               {"role": "user", "content": "and this?"}])
        .to_string()
        .as_bytes(),
    );
    let emu = Emulator::start();
    fw_at(&emu)
        .args(["chat", "--messages", &m, "-a", &img])
        .run()
        .code(0);
    let messages = emu.only_body()["messages"].clone();
    assert_eq!(messages.as_array().unwrap().len(), 3);
    assert_eq!(messages[0]["content"], "hi");
    let url = messages[2]["content"][0]["image_url"]["url"]
        .as_str()
        .unwrap();
    assert!(url.starts_with("data:image/gif;base64,"), "{url}");
    assert_eq!(messages[2]["content"][1]["text"], "and this?");
}

#[test]
fn bad_attachments_are_usage_errors_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let binary = write(&dir, "blob.bin", &[0, 1, 2, 0xff, 0xfe]);
    let big = dir.path().join("big.png");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(10 * 1024 * 1024 + 1).unwrap();
    let emu = Emulator::start();
    for (arg, says) in [
        (
            dir.path().join("gone.png").to_string_lossy().into_owned(),
            "cannot read -a",
        ),
        (binary, "unknown type"),
        (
            big.to_string_lossy().into_owned(),
            "over the 10 MiB attachment limit",
        ),
        (dir.path().to_string_lossy().into_owned(), "is a directory"),
        ("https://exa mple.com/x.png".into(), "not a valid URL"),
    ] {
        let r = fw_at(&emu).args(["chat", "-a", &arg, "x"]).run();
        r.code(2);
        assert!(r.stderr.contains(says), "{arg}: {}", r.stderr);
        assert_eq!(
            r.stderr.lines().filter(|l| l.starts_with("error:")).count(),
            1
        );
    }
    assert!(emu.requests().is_empty());
}

#[test]
fn a_text_only_model_warns_but_sends() {
    let dir = tempfile::tempdir().unwrap();
    let img = write(&dir, "a.png", PNG);
    let notes = write(&dir, "n.txt", b"text is fine");
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args(["chat", "-m", "gpt-oss-20b", "-a", &img, "x"])
        .run();
    r.code(0);
    assert!(
        r.stderr
            .contains("warning: accounts/fireworks/models/gpt-oss-20b is text-only"),
        "{}",
        r.stderr
    );
    assert_eq!(emu.requests().len(), 1);
    let r = fw_at(&emu)
        .args(["chat", "-m", "gpt-oss-20b", "-a", &notes, "x"])
        .run();
    assert!(!r.code(0).stderr.contains("warning"), "{}", r.stderr);
    // The config file can say otherwise.
    let r = fw_at(&emu)
        .config("[models.gpt-oss-20b]\nimages = true\n")
        .args(["chat", "-m", "gpt-oss-20b", "-a", &img, "x"])
        .run();
    assert!(!r.code(0).stderr.contains("warning"), "{}", r.stderr);
}

#[test]
fn dry_run_shows_attachments_shortened() {
    let dir = tempfile::tempdir().unwrap();
    let mut png = PNG.to_vec();
    png.resize(300_000, b'x');
    let img = write(&dir, "big.png", &png);
    for cmd in ["chat", "messages"] {
        let r = fw()
            .env("FIREWORKS_API_KEY", "k")
            .args([cmd, "--dry-run", "-a", &img, "x"])
            .run();
        r.code(0);
        assert!(r.stdout.len() < 4000, "{} bytes", r.stdout.len());
        assert!(
            r.stdout.contains("iVBORw0KGgoAAAAN…(300000 bytes)"),
            "{}",
            r.stdout
        );
        assert!(
            r.stdout.contains(&format!(
                "# attachment: {img} (image/png, 300000 bytes, sha256 "
            )),
            "{}",
            r.stdout
        );
    }
    // --curl is a command to run: it carries the data in full.
    let r = fw()
        .env("FIREWORKS_API_KEY", "k")
        .args(["chat", "--curl", "-a", &img, "x"])
        .run();
    assert!(r.code(0).stdout.len() > 400_000);
}

#[test]
fn json_output_describes_attachments_by_reference() {
    let dir = tempfile::tempdir().unwrap();
    let img = write(&dir, "a.png", PNG);
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args([
            "messages",
            "--json",
            "-a",
            &img,
            "-a",
            "https://example.com/b.png",
            "x",
        ])
        .run();
    r.code(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let a = v["attachments"].as_array().unwrap();
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["source"], img.as_str());
    assert_eq!(a[0]["media_type"], "image/png");
    assert_eq!(a[0]["bytes"], PNG.len());
    // sha256 of the bytes, as `sha256sum` prints it.
    let sum = std::process::Command::new("sha256sum")
        .arg(&img)
        .output()
        .unwrap();
    let want = String::from_utf8_lossy(&sum.stdout);
    assert_eq!(a[0]["sha256"], want.split_whitespace().next().unwrap());
    assert_eq!(
        a[1],
        json!({"source": "https://example.com/b.png", "media_type": null, "bytes": null,
               "sha256": null})
    );
    assert!(!r.stdout.contains("iVBOR"), "no bytes in the output");
    // Without attachments the output is as before.
    let r = fw_at(&emu).args(["chat", "--json", "x"]).run();
    let v: Value = serde_json::from_str(&r.code(0).stdout).unwrap();
    assert!(v.get("attachments").is_none() && v.get("structured").is_none());
}

//! `fw config path|show|set`.

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;

use crate::support::{fw, Emulator};

#[test]
fn path_follows_flag_env_and_default() {
    let f = fw();
    let want = f.config_dir().join("config.toml");
    let mut f = f;
    let r = f.args(["config", "path"]).run();
    r.code(0);
    assert_eq!(r.stdout.trim(), want.to_str().unwrap());
    let r = fw()
        .env("FW_CONFIG", "/tmp/x.toml")
        .args(["config", "path"])
        .run();
    assert_eq!(r.stdout, "/tmp/x.toml\n");
    let r = fw()
        .args(["--config", "/tmp/y.toml", "config", "path"])
        .run();
    assert_eq!(r.stdout, "/tmp/y.toml\n");
}

#[test]
fn show_names_every_source_and_redacts_the_key() {
    let mut f = fw();
    f.config("model = \"glm-5p1\"\ntimeout = 30\n[profile.ci]\ntier = \"priority\"\n");
    f.env("FIREWORKS_API_KEY", "fw_SHOWME_NOT")
        .env("FIREWORKS_BASE_URL", "https://proxy.example/v1");
    let r = f
        .args([
            "--profile",
            "ci",
            "--connect-timeout",
            "3",
            "config",
            "show",
        ])
        .run();
    r.code(0);
    let out = &r.stdout;
    assert!(!out.contains("fw_SHOWME_NOT"), "{out}");
    for want in [
        "profile          ci (flag)",
        "base_url         https://proxy.example/v1 (env FIREWORKS_BASE_URL)",
        "control_url      https://proxy.example/ (from base_url's origin)",
        "api_key          (redacted) from env FIREWORKS_API_KEY",
        "model            accounts/fireworks/models/glm-5p1 (config file)",
        "tier             priority (config file)",
        "connect_timeout  3 s (flag)",
        "read_timeout     300 s (default)",
        "timeout          30 s (config file)",
        "retries          2 (default)",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let mut f = fw();
    let r = f.args(["config", "show", "--json"]).run();
    r.code(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["model"]["source"], "default");
    assert_eq!(v["api_key"]["value"], "none found");
}

#[test]
fn set_writes_values_keeps_comments_and_validates() {
    let mut f = fw();
    f.config("# my settings\nmodel = \"glm-5p1\" # the usual one\n");
    let path = f.config_dir().join("config.toml");
    let home = f.home().to_path_buf();
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut g = fw();
        g.env("HOME", home.to_str().unwrap())
            .env("XDG_CONFIG_HOME", home.join(".config").to_str().unwrap());
        if let Some(s) = stdin {
            g.stdin(s);
        }
        g.args(args).run()
    };
    let r = run(&["config", "set", "timeout", "45"], None);
    r.code(0);
    assert!(r.stderr.contains("set timeout in"), "{}", r.stderr);
    run(
        &["--profile", "ci", "config", "set", "tier", "priority"],
        None,
    )
    .code(0);
    run(&["config", "set", "retries", "5"], None).code(0);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("# my settings\nmodel = \"glm-5p1\" # the usual one\n"),
        "{text}"
    );
    assert!(text.contains("timeout = 45"), "{text}");
    assert!(text.contains("retries = 5"), "{text}");
    assert!(text.contains("[profile.ci]\ntier = \"priority\""), "{text}");

    // Values are checked before the file is touched.
    run(&["config", "set", "tier", "gold"], None).code(2);
    run(&["config", "set", "timeout", "soon"], None).code(2);
    let r = run(&["config", "set", "modle", "x"], None);
    r.code(2);
    assert!(
        r.stderr.contains("unknown config key \"modle\""),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    // The key comes from standard input only, and makes the file private.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let r = run(
        &["config", "set", "api_key", "fw_on_the_command_line"],
        None,
    );
    r.code(2);
    assert!(r.stderr.contains("shell history"), "{}", r.stderr);
    run(&["config", "set", "api_key", "-"], Some("fw_from_stdin\n")).code(0);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("api_key = \"fw_from_stdin\""));
}

#[test]
fn a_new_file_is_created_private_and_used() {
    let emu = Emulator::start();
    let mut f = fw();
    let home = f.home().to_path_buf();
    f.stdin(crate::support::emulator::KEY)
        .args(["config", "set", "api_key", "-"])
        .run()
        .code(0);
    let path = home.join(".config/fw/config.toml");
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let r = fw()
        .env("HOME", home.to_str().unwrap())
        .env("XDG_CONFIG_HOME", home.join(".config").to_str().unwrap())
        .env("FIREWORKS_BASE_URL", &emu.base_url())
        .args(["chat", "x"])
        .run();
    r.code(0);
    assert!(r.stderr.is_empty(), "no permission warning: {}", r.stderr);
}

#[test]
fn path_and_set_work_with_a_broken_file() {
    let mut f = fw();
    f.config("model = \n");
    let r = f.args(["config", "path"]).run();
    r.code(0);
    let mut f = fw();
    f.config("model = \n");
    let r = f.args(["config", "set", "timeout", "5"]).run();
    r.code(2);
    assert!(r.stderr.contains("is not valid TOML"), "{}", r.stderr);
}

/// A file that holds a key ends 0600 whatever the key's spelling or table, and a file
/// without one keeps its mode.
#[test]
fn set_makes_any_file_holding_a_key_private() {
    for (text, want) in [
        ("api_key=\"fw_tight\"\n", 0o600),
        ("api_key = 'fw_single'\n", 0o600),
        ("[profile.ci]\napi_key = \"fw_profile\"\n", 0o600),
        ("# api_key = \"commented out\"\nmodel = \"a\"\n", 0o644),
    ] {
        let mut f = fw();
        f.config(text);
        let path = f.config_dir().join("config.toml");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        f.args(["config", "set", "model", "glm-5p1"]).run().code(0);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, want, "{text:?} ended {mode:o}");
    }
}

/// A leftover or planted temporary file is neither reused nor written through: the new file
/// is 0600 and the leftover is untouched, and no temporary file is left behind.
#[test]
fn set_never_reuses_an_existing_temporary_file() {
    let mut f = fw();
    let dir = f.config_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let leftover = dir.join("config.toml.tmp");
    std::fs::write(&leftover, "stale").unwrap();
    std::fs::set_permissions(&leftover, std::fs::Permissions::from_mode(0o666)).unwrap();
    f.stdin("fw_secret\n")
        .args(["config", "set", "api_key", "-"])
        .run()
        .code(0);
    let path = dir.join("config.toml");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(std::fs::read_to_string(&leftover).unwrap(), "stale");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["config.toml", "config.toml.tmp"]);
}

/// A missing key is not "(redacted)", and model IDs are shown in one form, the full ID that
/// is sent, whether they come from the file as a short name or from the catalogue.
#[test]
fn show_says_no_key_and_shows_full_model_ids() {
    let r = fw().args(["config", "show"]).run();
    r.code(0);
    assert!(
        r.stdout.contains("api_key          none found\n"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("redacted"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("model            accounts/fireworks/models/kimi-k2p6 (default)"),
        "{}",
        r.stdout
    );
    let mut f = fw();
    f.config("model = \"glm-5p1\"\n");
    let r = f.args(["config", "show", "--json"]).run();
    let v: Value = serde_json::from_str(&r.code(0).stdout).unwrap();
    assert_eq!(v["model"]["value"], "accounts/fireworks/models/glm-5p1");
    assert_eq!(v["model"]["source"], "config file");
}

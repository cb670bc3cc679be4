//! Settings: key sources in order, config file discovery, profiles, base URL rules.

use crate::support::{emulator, fw, write_private, Emulator};

/// fw pointed at the emulator, with no key in the environment.
fn keyless(emu: &Emulator) -> crate::support::Fw {
    let mut f = fw();
    f.env("FIREWORKS_BASE_URL", &emu.base_url());
    f
}

#[test]
fn key_from_config_file() {
    let emu = Emulator::start();
    let mut f = keyless(&emu);
    f.config(&format!("api_key = \"{}\"\n", emulator::KEY));
    f.args(["chat", "x"]).run().code(0);
}

#[test]
fn key_from_api_key_cmd() {
    let emu = Emulator::start();
    let mut f = keyless(&emu);
    f.config(&format!(
        "api_key_cmd = \"printf '  {}\\\\n'\"\n",
        emulator::KEY
    ));
    f.args(["chat", "x"]).run().code(0);
    let mut f = keyless(&emu);
    f.config("api_key_cmd = \"exit 3\"\n");
    let r = f.args(["chat", "x"]).run();
    r.code(3);
    assert!(r.stderr.contains("api_key_cmd failed"), "{}", r.stderr);
}

#[test]
fn key_from_firectl_auth_ini() {
    let emu = Emulator::start();
    let mut f = keyless(&emu);
    let dir = f.home().join(".fireworks");
    std::fs::create_dir_all(&dir).unwrap();
    write_private(
        &dir.join("auth.ini"),
        &format!("[fireworks]\napi_key = {}\n", emulator::KEY),
    );
    let r = f.args(["chat", "--dry-run", "x"]).run();
    assert!(r.stdout.contains("auth.ini"), "{}", r.stdout);
    let mut f2 = keyless(&emu);
    let dir = f2.home().join(".fireworks");
    std::fs::create_dir_all(&dir).unwrap();
    write_private(
        &dir.join("auth.ini"),
        &format!("api_key = {}\n", emulator::KEY),
    );
    f2.args(["chat", "x"]).run().code(0);
}

#[test]
fn key_sources_in_order() {
    // The environment beats the config file, which beats api_key_cmd, which beats auth.ini.
    let emu = Emulator::start();
    let mut f = keyless(&emu);
    f.env("FIREWORKS_API_KEY", emulator::KEY);
    f.config("api_key = \"wrong\"\napi_key_cmd = \"echo wrong\"\n");
    f.args(["chat", "x"]).run().code(0);

    let mut f = keyless(&emu);
    f.config(&format!(
        "api_key = \"{}\"\napi_key_cmd = \"echo wrong\"\n",
        emulator::KEY
    ));
    f.args(["chat", "x"]).run().code(0);

    let mut f = keyless(&emu);
    f.config(&format!("api_key_cmd = \"echo {}\"\n", emulator::KEY));
    let dir = f.home().join(".fireworks");
    std::fs::create_dir_all(&dir).unwrap();
    write_private(&dir.join("auth.ini"), "api_key = wrong\n");
    f.args(["chat", "x"]).run().code(0);
}

#[test]
fn profiles_from_flag_and_env() {
    let emu = Emulator::start();
    let text = format!(
        "api_key = \"{}\"\nmodel = \"glm-5p1\"\n[profile.ci]\nmodel = \"kimi-k2p6\"\ntier = \"priority\"\n",
        emulator::KEY
    );
    let mut f = keyless(&emu);
    f.config(&text).args(["chat", "x"]).run().code(0);
    let mut f = keyless(&emu);
    f.config(&text)
        .args(["--profile", "ci", "chat", "x"])
        .run()
        .code(0);
    let mut f = keyless(&emu);
    f.config(&text)
        .env("FW_PROFILE", "ci")
        .args(["chat", "--tier", "standard", "x"])
        .run()
        .code(0);
    let reqs = emu.requests();
    assert_eq!(reqs[0].body["model"], "accounts/fireworks/models/glm-5p1");
    assert!(reqs[0].body.get("service_tier").is_none());
    assert_eq!(reqs[1].body["model"], "accounts/fireworks/models/kimi-k2p6");
    assert_eq!(reqs[1].body["service_tier"], "priority");
    assert!(
        reqs[2].body.get("service_tier").is_none(),
        "--tier beats the profile"
    );

    let mut f = keyless(&emu);
    let r = f
        .config(&text)
        .args(["--profile", "nope", "chat", "x"])
        .run();
    r.code(2);
    assert!(
        r.stderr.contains("no profile named \"nope\""),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("profiles defined: ci"), "{}", r.stderr);
}

#[test]
fn config_tier_priority_is_dropped_on_fast_with_a_warning() {
    let emu = Emulator::start();
    let mut f = keyless(&emu);
    f.config(&format!(
        "api_key = \"{}\"\ntier = \"priority\"\n",
        emulator::KEY
    ));
    let r = f.args(["chat", "--fast", "x"]).run();
    r.code(0);
    assert!(
        r.stderr.contains("warning: ignoring tier = \"priority\""),
        "{}",
        r.stderr
    );
    assert!(emu.only_body().get("service_tier").is_none());
}

#[test]
fn config_from_flag_and_fw_config() {
    let emu = Emulator::start();
    let mut f = keyless(&emu);
    let path = f.home().join("other.toml");
    write_private(
        &path,
        &format!("api_key = \"{}\"\nmodel = \"from-flag\"\n", emulator::KEY),
    );
    f.arg("--config")
        .arg(&path)
        .args(["chat", "x"])
        .run()
        .code(0);
    let mut f = keyless(&emu);
    let path = f.home().join("env.toml");
    write_private(
        &path,
        &format!("api_key = \"{}\"\nmodel = \"from-env\"\n", emulator::KEY),
    );
    f.env("FW_CONFIG", path.to_str().unwrap())
        .args(["chat", "x"])
        .run()
        .code(0);
    let reqs = emu.requests();
    assert_eq!(reqs[0].body["model"], "accounts/fireworks/models/from-flag");
    assert_eq!(reqs[1].body["model"], "accounts/fireworks/models/from-env");

    let r = fw()
        .args(["--config", "/nonexistent/fw.toml", "chat", "--dry-run", "x"])
        .run();
    r.code(2);
    assert!(
        r.stderr
            .contains("cannot read config file /nonexistent/fw.toml"),
        "{}",
        r.stderr
    );
}

#[test]
fn malformed_config_names_file_line_and_column() {
    let mut f = fw();
    f.config("model = \"x\"\ntier = priority\n");
    let r = f.args(["chat", "--dry-run", "x"]).run();
    r.code(2);
    let path = f.config_dir().join("config.toml");
    let first = r.stderr.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "error: invalid config file {} at line 2, column 8:",
            path.display()
        )),
        "{first}"
    );
    let mut f = fw();
    f.config("modle = \"x\"\n");
    let r = f.args(["chat", "--dry-run", "x"]).run();
    r.code(2);
    assert!(
        r.stderr
            .contains("at line 1, column 1: unknown field `modle`"),
        "{}",
        r.stderr
    );
}

#[test]
fn base_url_sources_and_plain_http_refusal() {
    let mut f = fw();
    f.config("base_url = \"https://proxy.example/inference/v1\"\n");
    let r = f.args(["chat", "--dry-run", "x"]).run();
    assert!(r
        .stdout
        .contains("# base url: https://proxy.example/inference/v1 (config file)"));
    let r = fw()
        .env("FIREWORKS_BASE_URL", "https://env.example/v1")
        .args([
            "--base-url",
            "https://flag.example/v1",
            "chat",
            "--dry-run",
            "x",
        ])
        .run();
    assert!(
        r.stdout
            .contains("# base url: https://flag.example/v1 (flag)"),
        "{}",
        r.stdout
    );
    let r = fw()
        .env("FIREWORKS_BASE_URL", "http://192.0.2.7/v1")
        .args(["chat", "--dry-run", "x"])
        .run();
    r.code(2);
    assert!(
        r.stderr
            .contains("refusing to send the API key over plain http to 192.0.2.7"),
        "{}",
        r.stderr
    );
}

#[test]
fn readable_config_with_a_key_warns() {
    use std::os::unix::fs::PermissionsExt;
    let mut f = fw();
    f.config("api_key = \"fw_x\"\n");
    let path = f.config_dir().join("config.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let r = f.args(["chat", "--dry-run", "x"]).run();
    r.code(0);
    assert!(
        r.stderr
            .contains("can be read by other users; run: chmod 600"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("fw_x") && !r.stdout.contains("fw_x"));
}

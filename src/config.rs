//! The config file: where it is, what it may hold, and how it is parsed. Discovery order is
//! `--config PATH`, then `FW_CONFIG`, then `<config dir>/fw/config.toml`; only the last may be
//! missing silently. Unknown keys are errors (a typo must not be ignored), and every parse error
//! names the file, line and column. `KEYS` is the one list of the keys a file may hold: it
//! makes the parsed `Layer`, lays profiles over the top level, and tells `fw config show` and
//! `fw config set` what there is. Also reads firectl's `~/.fireworks/auth.ini`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Deserialize;

use crate::exit::{Exit, Failure};
use crate::secret::Secret;
use crate::serving::ModelEntry;

/// One key a config file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub group: Group,
    /// What it sets, in one line.
    pub doc: &'static str,
}

/// What a key holds: how `fw config set` checks and writes it, and how `fw config show` prints
/// it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The API key: `config set` reads it from standard input only, so it stays out of shell
    /// history; `config show` prints where it comes from, never the key.
    Secret,
    /// A command that prints the key: `config show` names it as the key's source rather than
    /// in a row of its own.
    KeyCommand,
    Text,
    Url,
    /// "standard" or "priority".
    Tier,
    /// A number of seconds, 0 or more; written as an integer when it is whole.
    Seconds,
    /// A whole number, 0 or more.
    Count,
    /// true or false.
    Bool,
    /// A file path.
    Path,
}

/// What a key is about. `fw config show` prints the groups in this order (where requests go
/// before the key they carry), each group's keys in `KEYS` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Endpoint,
    Credentials,
    Target,
    Limits,
    Log,
}

/// Declares the keys once: each line makes the `Layer` field, its `KEYS` entry and its part in
/// laying a profile over the top level. Its use (resolving the value, showing it) is in
/// `settings.rs`.
macro_rules! config_keys {
    ($($name:ident: $ty:ty, $kind:ident, $group:ident, $doc:literal;)+) => {
        /// One level of settings: the top of the file, or one `[profile.NAME]` table.
        #[derive(Debug, Default, Clone, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Layer {
            $(#[doc = $doc] pub $name: Option<$ty>,)+
            /// Serving-path catalogue entries, keyed by short name or full model ID.
            #[serde(default)]
            pub models: BTreeMap<String, ModelEntry>,
            #[serde(default)]
            pub profile: BTreeMap<String, Layer>,
        }

        /// Every key a layer may hold, in the order a parse error and `fw config set` list
        /// them.
        pub const KEYS: &[Key] = &[$(Key {
            name: stringify!($name),
            kind: Kind::$kind,
            group: Group::$group,
            doc: $doc,
        },)+];

        impl Layer {
            /// This layer (a profile) over `base`: each key from the profile if it sets it,
            /// else from `base`; catalogue entries merged, the profile's winning.
            fn over(&self, base: &Layer) -> Layer {
                let mut models = base.models.clone();
                models.extend(self.models.clone());
                Layer {
                    $($name: self.$name.clone().or_else(|| base.$name.clone()),)+
                    models,
                    profile: BTreeMap::new(),
                }
            }
        }
    };
}

config_keys! {
    // name: type in the file, kind, group, what it sets
    api_key: Secret, Secret, Credentials,
        "The API key (FIREWORKS_API_KEY wins over it).";
    api_key_cmd: String, KeyCommand, Credentials,
        "A shell command that prints the API key, run only when a request is sent.";
    base_url: String, Url, Endpoint,
        "Inference base URL.";
    control_url: String, Url, Endpoint,
        "Control-plane base URL, for model listing.";
    model: String, Text, Target,
        "Default model: short name, full model ID or router ID.";
    tier: String, Tier, Target,
        "Default serving tier: standard or priority.";
    connect_timeout: f64, Seconds, Limits,
        "Time limit for connecting, in seconds.";
    read_timeout: f64, Seconds, Limits,
        "Longest silence within a reply, in seconds.";
    timeout: f64, Seconds, Limits,
        "Whole-request time limit, in seconds.";
    retries: u32, Count, Limits,
        "Times chat and messages send again after a transient failure, before any output.";
    log: bool, Bool, Log,
        "Whether chat, messages and bench write to the local log (default true).";
    log_db: String, Path, Log,
        "The local log's database file (FW_LOG_DB wins over it).";
}

/// The key of this name.
pub fn key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

/// The keys `fw config show` gives a row of their own, in its order.
pub fn keys_shown() -> Vec<&'static Key> {
    let mut keys: Vec<&'static Key> = KEYS.iter().filter(|k| k.kind != Kind::KeyCommand).collect();
    keys.sort_by_key(|k| k.group);
    keys
}

/// "a, b or c": the key names, for help text.
pub fn key_list() -> String {
    let names: Vec<&str> = KEYS.iter().map(|k| k.name).collect();
    match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

impl Layer {
    /// Whether this layer, or any profile in it, holds an `api_key`: decided from the parsed
    /// document, so `api_key="..."`, `api_key = '...'` and a profile's key all count.
    pub fn holds_key(&self) -> bool {
        self.api_key.is_some() || self.profile.values().any(|p| p.api_key.is_some())
    }
}

#[derive(Debug, Default)]
pub struct Config {
    /// The file that was read, if any.
    pub path: Option<PathBuf>,
    pub root: Layer,
}

impl Config {
    /// Finds and parses the config file. `explicit` is `--config`, `env_path` is `FW_CONFIG`.
    pub fn load(explicit: Option<&Path>, env_path: Option<PathBuf>) -> Result<Config> {
        let Some((path, required)) = locate(explicit, env_path) else {
            return Ok(Config::default());
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
                return Ok(Config::default())
            }
            Err(e) => {
                return Err(Failure::usage(format!(
                    "cannot read config file {}: {e}",
                    path.display()
                ))
                .hint("fix the path given by --config or FW_CONFIG")
                .into())
            }
        };
        let root = parse(&text, &path)?;
        warn_if_readable_key(&path, &root);
        Ok(Config {
            path: Some(path),
            root,
        })
    }

    /// The top-level layer with the named profile laid over it.
    pub fn layer(&self, profile: Option<&str>) -> Result<Layer> {
        let Some(name) = profile else {
            return Ok(self.root.clone());
        };
        let Some(p) = self.root.profile.get(name) else {
            let known: Vec<&str> = self.root.profile.keys().map(String::as_str).collect();
            let where_ = match &self.path {
                Some(p) => format!("in {}", p.display()),
                None => "(no config file was found)".to_string(),
            };
            let hint = if known.is_empty() {
                "add a [profile.NAME] table to the config file".to_string()
            } else {
                format!("profiles defined: {}", known.join(", "))
            };
            return Err(
                Failure::usage(format!("no profile named {name:?} {where_}"))
                    .hint(hint)
                    .into(),
            );
        };
        Ok(p.over(&self.root))
    }
}

/// The config file's path, and whether it must exist (it was named by flag or environment).
pub fn locate(explicit: Option<&Path>, env_path: Option<PathBuf>) -> Option<(PathBuf, bool)> {
    match (explicit, env_path) {
        (Some(p), _) => Some((p.to_path_buf(), true)),
        (None, Some(p)) => Some((p, true)),
        (None, None) => dirs::config_dir().map(|dir| (dir.join("fw").join("config.toml"), false)),
    }
}

/// Parses config text; errors say file, line and column in one line.
pub fn parse(text: &str, path: &Path) -> Result<Layer> {
    let layer: Layer = toml::from_str(text).map_err(|e| {
        let at = e
            .span()
            .map(|s| {
                let (line, col) = line_col(text, s.start);
                format!(" at line {line}, column {col}")
            })
            .unwrap_or_default();
        Failure::usage(format!(
            "invalid config file {}{at}: {}",
            path.display(),
            e.message().trim()
        ))
        .hint("see docs/config.md for the keys the file may hold")
    })?;
    if let Some((name, _)) = layer.profile.iter().find(|(_, p)| !p.profile.is_empty()) {
        return Err(Failure::usage(format!(
            "invalid config file {}: profile {name:?} contains another profile table",
            path.display()
        ))
        .into());
    }
    Ok(layer)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

#[cfg(unix)]
fn warn_if_readable_key(path: &Path, layer: &Layer) {
    use std::os::unix::fs::PermissionsExt;
    if !layer.holds_key() {
        return;
    }
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.permissions().mode() & 0o077 != 0 {
            crate::output::warn(&format!(
                "{} holds an API key and can be read by other users; run: chmod 600 {}",
                path.display(),
                path.display()
            ));
        }
    }
}

#[cfg(not(unix))]
fn warn_if_readable_key(_: &Path, _: &Layer) {}

/// The `api_key` from firectl's auth.ini: flat `key = value` lines, or inside a `[fireworks]`
/// section (both forms are in use). Other sections are skipped.
pub fn firectl_key(text: &str) -> Option<Secret> {
    let mut section: Option<String> = None;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            section = Some(line[1..line.len() - 1].trim().to_ascii_lowercase());
            continue;
        }
        if section.as_deref().is_some_and(|s| s != "fireworks") {
            continue;
        }
        if let Some((k, v)) = line.split_once('=') {
            if k.trim() == "api_key" {
                let v = v.trim().trim_matches('"').trim_matches('\'');
                if !v.is_empty() {
                    return Some(Secret::new(v));
                }
            }
        }
    }
    None
}

/// How long `api_key_cmd` may run. Long enough to type a password at a prompt; short enough
/// that a command waiting on input it will never get does not hang a CI job.
pub const KEY_COMMAND_LIMIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Runs `api_key_cmd` through the shell; its trimmed stdout is the key. stderr stays on the
/// terminal so password managers can prompt. It is killed after `KEY_COMMAND_LIMIT`.
pub fn run_key_command(cmd: &str) -> Result<Secret> {
    // Off a terminal nobody can answer a prompt, so the command gets its own process group
    // and everything it started is killed with it. On a terminal it stays in the foreground
    // group: a prompt that reads /dev/tty from a background group would be stopped.
    let own_group = !crate::output::Terminal::get().stderr_tty;
    run_key_command_within(cmd, KEY_COMMAND_LIMIT, own_group)
}

fn run_key_command_within(
    cmd: &str,
    limit: std::time::Duration,
    own_group: bool,
) -> Result<Secret> {
    use std::io::Read;
    use std::time::{Duration, Instant};
    let mut command = std::process::Command::new("sh");
    command
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit());
    #[cfg(unix)]
    if own_group {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command
        .spawn()
        .map_err(|e| Failure::new(Exit::Auth, format!("cannot run api_key_cmd: {e}")))?;
    // Read on a thread: a command that fills the pipe must not block its own exit, and one
    // that never closes it must not block fw past the limit.
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let read = (&mut stdout).take(1 << 20).read_to_end(&mut buf);
        let _ = tx.send(read.map(|_| buf));
    });
    let deadline = Instant::now() + limit;
    let timed_out = || {
        Failure::new(
            Exit::Auth,
            format!(
                "api_key_cmd did not finish within {} s and was stopped",
                limit.as_secs_f64()
            ),
        )
        .hint(
            "run the api_key_cmd from the config file by hand to see where it waits              (standard input is closed; a prompt must use the terminal)",
        )
        .into()
    };
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                #[cfg(unix)]
                if own_group {
                    // The group's id is the child's pid; the child is not reaped yet, so the
                    // id cannot have been reused.
                    unsafe { libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL) };
                }
                let _ = child.kill();
                let _ = child.wait();
                return Err(timed_out());
            }
            Ok(None) => std::thread::sleep(
                deadline
                    .saturating_duration_since(Instant::now())
                    .min(Duration::from_millis(10)),
            ),
            Err(e) => {
                return Err(Failure::new(Exit::Auth, format!("cannot run api_key_cmd: {e}")).into())
            }
        }
    };
    if !status.success() {
        return Err(
            Failure::new(Exit::Auth, format!("api_key_cmd failed ({status})"))
                .hint("run the api_key_cmd from the config file by hand to see why")
                .into(),
        );
    }
    // Something it started in the background may still hold the pipe open.
    let out = match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(Ok(out)) => out,
        Ok(Err(e)) => {
            return Err(Failure::new(
                Exit::Auth,
                format!("cannot read the output of api_key_cmd: {e}"),
            )
            .into())
        }
        Err(_) => return Err(timed_out()),
    };
    let key = String::from_utf8_lossy(&out).trim().to_string();
    if key.is_empty() {
        return Err(Failure::new(Exit::Auth, "api_key_cmd printed nothing").into());
    }
    Ok(Secret::new(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_error_names_line_and_column() {
        let text = "model = \"kimi-k2p6\"\napi_kye = \"x\"\n";
        let err = parse(text, Path::new("/tmp/c.toml")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("/tmp/c.toml at line 2, column 1"), "{msg}");
        assert!(msg.contains("api_kye"), "{msg}");
        assert!(!msg.contains('\n'), "{msg}");
    }

    #[test]
    fn syntax_error_position() {
        let err = parse("tier = \n", Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("line 1, column 8"), "{err}");
    }

    #[test]
    fn key_list_names_every_key_in_order() {
        assert_eq!(
            key_list(),
            "api_key, api_key_cmd, base_url, control_url, model, tier, connect_timeout, \
             read_timeout, timeout, retries, log or log_db"
        );
    }

    #[test]
    fn profiles_override_and_merge_models() {
        let text = r#"
            model = "glm-5p1"
            tier = "priority"
            [models.a]
            fast = "r-a"
            [profile.ci]
            model = "kimi-k2p6"
            [profile.ci.models.b]
            fast = "r-b"
        "#;
        let cfg = Config {
            path: None,
            root: parse(text, Path::new("c.toml")).unwrap(),
        };
        let l = cfg.layer(Some("ci")).unwrap();
        assert_eq!(l.model.as_deref(), Some("kimi-k2p6"));
        assert_eq!(l.tier.as_deref(), Some("priority"));
        assert_eq!(l.models.len(), 2);
        let err = cfg.layer(Some("nope")).unwrap_err();
        assert!(crate::exit::hint(&err).unwrap().contains("ci"));
    }

    #[test]
    fn firectl_both_forms() {
        assert_eq!(
            firectl_key("api_key = fw_flat\naccount_id = me\n")
                .unwrap()
                .expose(),
            "fw_flat"
        );
        assert_eq!(
            firectl_key("[other]\napi_key = no\n[fireworks]\napi_key = \"fw_sec\"\n")
                .unwrap()
                .expose(),
            "fw_sec"
        );
        assert!(firectl_key("# api_key = x\n").is_none());
    }

    #[test]
    fn a_hanging_key_command_is_killed_at_the_limit() {
        use std::time::{Duration, Instant};
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        // A background child keeps the output pipe open: it must be killed too.
        let cmd = format!("sleep 30 & echo $! > {}; wait", pid_file.display());
        let t = Instant::now();
        let err = run_key_command_within(&cmd, Duration::from_millis(300), true).unwrap_err();
        assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
        assert_eq!(crate::exit::classify(&err), Exit::Auth);
        assert_eq!(
            err.to_string(),
            "api_key_cmd did not finish within 0.3 s and was stopped"
        );
        assert!(crate::exit::hint(&err).unwrap().contains("by hand"));
        // The background sleep goes too (gone, or a zombie on its way out); SIGKILL is
        // delivered asynchronously, so allow it a moment.
        let pid = std::fs::read_to_string(&pid_file).unwrap();
        let stat = format!("/proc/{}/stat", pid.trim());
        let gone = || {
            std::fs::read_to_string(&stat).map_or(true, |s| {
                s.rsplit(") ").next().unwrap_or("").starts_with('Z')
            })
        };
        let until = Instant::now() + Duration::from_secs(5);
        while !gone() && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(gone(), "sleep {pid} still running");
    }

    #[test]
    fn a_key_command_that_finishes_gives_its_output() {
        let k = run_key_command_within("printf ' fw_k \\n'", KEY_COMMAND_LIMIT, true).unwrap();
        assert_eq!(k.expose(), "fw_k");
        let err = run_key_command_within("exit 3", KEY_COMMAND_LIMIT, false).unwrap_err();
        assert!(err.to_string().starts_with("api_key_cmd failed"), "{err}");
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncdé f", 8), (2, 5));
    }
}

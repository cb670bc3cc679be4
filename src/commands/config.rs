//! `fw config`: where the config file is, every resolved setting with its source, and setting
//! one value in the file without disturbing the rest of it (comments and order are kept).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde_json::json;

use crate::cli::{ConfigCommand, GlobalArgs};
use crate::config::{self, Kind, KEYS};
use crate::exit::{Exit, Failure};
use crate::settings::{Env, KeySource, Settings};

/// Runs before settings are resolved, so `path` and `set` work with a broken config file.
pub fn run(global: &GlobalArgs, cmd: &ConfigCommand, env: Env) -> Result<Exit> {
    let path = config::locate(
        global.config.as_deref(),
        env("FW_CONFIG").map(PathBuf::from),
    )
    .map(|(p, _)| p)
    .ok_or_else(|| Failure::usage("no config directory on this system; use --config PATH"))?;
    let mut out = crate::output::stdout();
    match cmd {
        ConfigCommand::Path => writeln!(out, "{}", path.display())?,
        ConfigCommand::Show { json } => {
            let settings = Settings::resolve(global, env)?;
            if *json {
                let obj: serde_json::Map<String, serde_json::Value> = settings
                    .shown
                    .iter()
                    .map(|(k, v, src)| {
                        (
                            k.to_string(),
                            json!({"value": v, "source": src.to_string()}),
                        )
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut out, &obj)?;
                writeln!(out)?;
            } else {
                let has_key = !matches!(settings.key, KeySource::Missing { .. });
                for (k, v, src) in &settings.shown {
                    let secret = config::key(k).is_some_and(|key| key.kind == Kind::Secret);
                    if secret && has_key {
                        // The value says where the key comes from; the key itself is never shown.
                        writeln!(out, "{k:<16} (redacted) {v}")?;
                    } else if secret {
                        writeln!(out, "{k:<16} {v}")?;
                    } else {
                        writeln!(out, "{k:<16} {v} ({src})")?;
                    }
                }
            }
        }
        ConfigCommand::Set { key, value } => {
            set(&path, global.profile.as_deref(), key, value)?;
            let at = global
                .profile
                .as_ref()
                .map_or(String::new(), |p| format!(" [profile.{p}]"));
            let mut e = std::io::stderr().lock();
            writeln!(e, "set {key} in {}{at}", path.display())?;
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}

/// Writes one key, keeping the rest of the file as it was; checks the result parses as a
/// config before replacing the file.
fn set(path: &Path, profile: Option<&str>, key: &str, value: &str) -> Result<()> {
    let Some(spec) = config::key(key) else {
        let names: Vec<&str> = KEYS.iter().map(|k| k.name).collect();
        return Err(Failure::usage(format!("unknown config key {key:?}"))
            .hint(format!(
                "keys: {}; serving-path entries ([models.NAME]) are edited by hand",
                names.join(", ")
            ))
            .into());
    };
    let value = if spec.kind == Kind::Secret {
        if value != "-" {
            return Err(Failure::usage(format!("fw config set {key} takes - and reads the key from standard input"))
                .hint("a key on the command line ends up in shell history and ps: run `fw config set api_key -` and paste it")
                .into());
        }
        let mut key_text = String::new();
        std::io::stdin()
            .read_to_string(&mut key_text)
            .map_err(|e| Failure::usage(format!("cannot read the key from standard input: {e}")))?;
        let key_text = key_text.trim().to_string();
        if key_text.is_empty() {
            return Err(Failure::usage("standard input held no key").into());
        }
        key_text
    } else {
        value.to_string()
    };
    let item = match spec.kind {
        Kind::Tier if !matches!(value.as_str(), "standard" | "priority") => {
            return Err(
                Failure::usage(format!("{key} is standard or priority, not {value:?}")).into(),
            )
        }
        Kind::Url if url::Url::parse(&value).is_err() => {
            return Err(Failure::usage(format!("{key} must be a URL, not {value:?}")).into())
        }
        Kind::Seconds | Kind::Count => {
            let n: f64 = value
                .parse()
                .ok()
                .filter(|n: &f64| n.is_finite() && *n >= 0.0)
                .ok_or_else(|| Failure::usage(format!("{key} takes a number, not {value:?}")))?;
            if spec.kind == Kind::Count || n.fract() == 0.0 {
                toml_edit::value(n as i64)
            } else {
                toml_edit::value(n)
            }
        }
        Kind::Bool => match value.as_str() {
            "true" => toml_edit::value(true),
            "false" => toml_edit::value(false),
            _ => {
                return Err(Failure::usage(format!("{key} is true or false, not {value:?}")).into())
            }
        },
        Kind::Secret | Kind::KeyCommand | Kind::Text | Kind::Tier | Kind::Url | Kind::Path => {
            toml_edit::value(value)
        }
    };

    let existing = match std::fs::read_to_string(path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(
                Failure::usage(format!("cannot read config file {}: {e}", path.display())).into(),
            )
        }
    };
    let mut doc: toml_edit::DocumentMut =
        existing
            .as_deref()
            .unwrap_or("")
            .parse()
            .map_err(|e: toml_edit::TomlError| {
                Failure::usage(format!(
                    "cannot edit {}: it is not valid TOML ({})",
                    path.display(),
                    e.message()
                ))
            })?;
    match profile {
        None => doc[key] = item,
        Some(p) => {
            let profiles = doc
                .entry("profile")
                .or_insert_with(|| {
                    let mut t = toml_edit::Table::new();
                    t.set_implicit(true);
                    toml_edit::Item::Table(t)
                })
                .as_table_mut()
                .ok_or_else(|| {
                    Failure::usage(format!("{}: profile is not a table", path.display()))
                })?;
            let table = profiles
                .entry(p)
                .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()))
                .as_table_mut()
                .ok_or_else(|| {
                    Failure::usage(format!("{}: profile.{p} is not a table", path.display()))
                })?;
            table[key] = item;
        }
    }
    let text = doc.to_string();
    let layer = config::parse(&text, path)?;

    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure::new(
                Exit::Internal,
                format!("cannot create {}: {e}", dir.display()),
            )
        })?;
    }
    // "Holds a key" comes from the parsed document, not the text: `api_key="..."` and a
    // profile's key count as much as `api_key = "..."` at the top.
    write_private(path, &text, existing.is_none() || layer.holds_key())
}

/// Writes the file through a temporary file in the same directory, then renames it over the
/// old one. The temporary file is always new (`create_new`, a name no one else holds), so a
/// leftover file or a planted symlink is never written through, and its mode is set after
/// creation, so neither the umask nor an old file decides it: 0600 when `private` (a new file,
/// or one that holds a key), else the mode the file already had. It is removed on failure.
fn write_private(path: &Path, text: &str, private: bool) -> Result<()> {
    let (tmp, mut f) = create_temp(path)?;
    let written = (|| -> std::io::Result<()> {
        f.write_all(text.as_bytes())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = match std::fs::metadata(path) {
                Ok(meta) if !private => meta.permissions().mode() & 0o7777,
                _ => 0o600,
            };
            f.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Failure::new(
            Exit::Internal,
            format!("cannot replace {}: {e}", path.display()),
        )
        .into()
    })
}

/// A temporary file beside `path` that did not exist before this call, and its name.
fn create_temp(path: &Path) -> Result<(PathBuf, std::fs::File)> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or("config".into(), |n| n.to_string_lossy());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut last = None;
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}.{nanos:x}.{n}.tmp", std::process::id()));
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        match opts.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => {
                return Err(Failure::new(
                    Exit::Internal,
                    format!("cannot write {}: {e}", tmp.display()),
                )
                .into())
            }
        }
    }
    Err(Failure::new(
        Exit::Internal,
        format!(
            "cannot create a temporary file in {}: {}",
            dir.display(),
            last.map_or_else(String::new, |e| e.to_string())
        ),
    )
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key `config set` writes without standard input, with a value of its kind, makes
    /// a file the config parser accepts with that key in it: a key's kind and its `Layer`
    /// type agree.
    #[test]
    fn every_key_can_be_set_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        for key in KEYS.iter().filter(|k| k.kind != Kind::Secret) {
            let value = match key.kind {
                Kind::Url => "https://example.com/v1",
                Kind::Tier => "priority",
                Kind::Seconds => "2.5",
                Kind::Count => "3",
                Kind::Bool => "false",
                Kind::Path => "/tmp/fw-log.db",
                Kind::KeyCommand | Kind::Text | Kind::Secret => "text",
            };
            let path = dir.path().join(format!("{}.toml", key.name));
            set(&path, Some("p"), key.name, value).unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            config::parse(&text, &path).unwrap();
            let doc: toml::Table = text.parse().unwrap();
            assert!(doc["profile"]["p"].get(key.name).is_some(), "{text}");
        }
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A non-empty directory where the file should go: the rename fails.
        let target = dir.path().join("config.toml");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("x"), "").unwrap();
        let err = write_private(&target, "model = \"m\"\n", true).unwrap_err();
        assert!(err.to_string().contains("cannot replace"), "{err}");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["config.toml"]);
    }

    #[test]
    fn temporary_files_are_new_each_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let (a, _) = create_temp(&path).unwrap();
        let (b, _) = create_temp(&path).unwrap();
        assert_ne!(a, b);
        assert_eq!(a.parent(), Some(dir.path()));
    }
}

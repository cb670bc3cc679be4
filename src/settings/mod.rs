//! Settings resolved once, in one place: flag > environment > config file (profile over top
//! level) > built-in default, for every value. Commands receive these typed settings and never
//! read flags, the environment or the config file themselves. The API key is located here but
//! only obtained when a request is really sent, so `--dry-run` needs no key and runs no
//! `api_key_cmd`.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use clap::ValueEnum;
use url::Url;

use crate::cli::{GlobalArgs, TargetArgs};
use crate::config::{self, Config};
use crate::exit::{Exit, Failure};
use crate::output::Terminal;
use crate::proxy::{is_loopback, redact_url, ProxyRules};
use crate::secret::Secret;
use crate::serving::{Catalogue, PathRequest, ServingPath, Tier};

pub const DEFAULT_BASE_URL: &str = "https://api.fireworks.ai/inference/v1";
/// The control plane (model listing), without `/v1`.
pub const DEFAULT_CONTROL_URL: &str = "https://api.fireworks.ai";

/// Where a value came from, for `--dry-run` and error messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Flag,
    Env(&'static str),
    Config,
    Default,
    /// The control URL taken from the base URL's origin.
    BaseUrl,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag => f.write_str("flag"),
            Source::Env(name) => write!(f, "env {name}"),
            Source::Config => f.write_str("config file"),
            Source::Default => f.write_str("default"),
            Source::BaseUrl => f.write_str("from base_url's origin"),
        }
    }
}

/// Where the API key will come from. Only `obtain` runs a command.
#[derive(Debug, Clone)]
pub enum KeySource {
    Env(Secret),
    Config(Secret),
    Command(String),
    Firectl(Secret, PathBuf),
    Missing { config_path: Option<PathBuf> },
}

impl KeySource {
    pub fn describe(&self) -> String {
        match self {
            KeySource::Env(_) => "from env FIREWORKS_API_KEY".into(),
            KeySource::Config(_) => "from config file api_key".into(),
            KeySource::Command(_) => "from config file api_key_cmd (not run)".into(),
            KeySource::Firectl(_, p) => format!("from {}", p.display()),
            KeySource::Missing { .. } => "none found".into(),
        }
    }

    /// The key itself; runs `api_key_cmd` if that is the source.
    pub fn obtain(&self) -> Result<Secret> {
        match self {
            KeySource::Env(s) | KeySource::Config(s) | KeySource::Firectl(s, _) => Ok(s.clone()),
            KeySource::Command(cmd) => config::run_key_command(cmd),
            KeySource::Missing { config_path } => {
                let file = config_path
                    .clone()
                    .or_else(|| dirs::config_dir().map(|d| d.join("fw").join("config.toml")))
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "the config file".into());
                Err(Failure::new(Exit::Auth, "no Fireworks API key found")
                    .hint(format!(
                        "export FIREWORKS_API_KEY=fw_..., or put api_key = \"fw_...\" (or \
                         api_key_cmd = \"pass show fireworks\") in {file}, or run firectl \
                         set-api-key"
                    ))
                    .into())
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Timeouts {
    pub connect: Duration,
    /// Longest silence between two reads of a reply.
    pub read: Duration,
    /// Whole request, when set.
    pub total: Option<Duration>,
}

/// Settings every command shares.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config_path: Option<PathBuf>,
    pub profile: Option<(String, Source)>,
    pub base_url: Url,
    pub base_url_source: Source,
    pub control_url: Url,
    pub control_url_source: Source,
    pub key: KeySource,
    pub timeouts: Timeouts,
    /// Extra root certificates (PEM) from `SSL_CERT_FILE`, for corporate proxies.
    pub extra_ca: Option<PathBuf>,
    /// Which requests go through which proxy.
    pub proxy: ProxyRules,
    /// Retries for chat and messages (the flag overrides it per command).
    pub retries: u32,
    pub catalogue: Catalogue,
    pub default_model: (String, Source),
    pub tier: (Tier, Source),
    pub verbose: u8,
    /// Every setting as shown by `fw config show`: key, value (the key redacted), source.
    pub shown: Vec<(&'static str, String, Source)>,
    /// Which streams are terminals and whether stderr gets colour, as decided at start-up.
    pub terminal: Terminal,
    /// Where the local log is and whether it is written.
    pub log: crate::log::Place,
}

pub use crate::env::{process_env, Env};

mod commands;
pub use commands::{Action, Ask, Continue, Show};

impl Settings {
    pub fn resolve(global: &GlobalArgs, env: Env) -> Result<Settings> {
        let config = Config::load(
            global.config.as_deref(),
            env("FW_CONFIG").map(PathBuf::from),
        )?;
        let profile = match (&global.profile, env("FW_PROFILE")) {
            (Some(p), _) => Some((p.clone(), Source::Flag)),
            (None, Some(p)) => Some((p, Source::Env("FW_PROFILE"))),
            (None, None) => None,
        };
        let layer = config.layer(profile.as_ref().map(|(p, _)| p.as_str()))?;

        let (base_url, base_url_source) = pick_url(
            &global.base_url,
            ("FIREWORKS_BASE_URL", env),
            &layer.base_url,
            DEFAULT_BASE_URL,
        )?;
        let (mut control_url, mut control_url_source) = pick_url(
            &global.control_url,
            ("FIREWORKS_CONTROL_URL", env),
            &layer.control_url,
            DEFAULT_CONTROL_URL,
        )?;
        // A base URL that is not Fireworks' own (a gateway, a proxy, a local server) with no
        // control URL of its own: the control plane is most likely behind the same origin, and
        // the key meant for that server must not be sent to api.fireworks.ai instead.
        let fireworks = Url::parse(DEFAULT_BASE_URL)?;
        if control_url_source == Source::Default && base_url.origin() != fireworks.origin() {
            control_url = Url::parse(&base_url.origin().ascii_serialization())?;
            control_url_source = Source::BaseUrl;
        }

        let key = if let Some(k) = env("FIREWORKS_API_KEY") {
            KeySource::Env(Secret::new(k))
        } else if let Some(k) = layer.api_key.clone().filter(|k| !k.expose().is_empty()) {
            KeySource::Config(k)
        } else if let Some(cmd) = layer.api_key_cmd.clone() {
            KeySource::Command(cmd)
        } else {
            firectl_key(env).unwrap_or(KeySource::Missing {
                config_path: config.path.clone(),
            })
        };

        let secs = |flag: Option<f64>, file: Option<f64>, name: &str| -> Result<Option<Duration>> {
            flag.or(file)
                .map(|s| crate::limits::seconds(name, s))
                .transpose()
                .map_err(|m| Failure::usage(m).into())
        };
        let timeouts = Timeouts {
            connect: secs(
                global.connect_timeout,
                layer.connect_timeout,
                "connect_timeout",
            )?
            .unwrap_or(Duration::from_secs(10)),
            read: secs(global.idle_timeout, layer.read_timeout, "read_timeout")?
                .unwrap_or(Duration::from_secs(300)),
            total: secs(global.timeout, layer.timeout, "timeout")?,
        };

        let mut catalogue = Catalogue::builtin()?;
        catalogue.apply(&layer.models);
        let default_model = match &layer.model {
            Some(m) => (m.clone(), Source::Config),
            None => (catalogue.default_model.clone(), Source::Default),
        };
        let tier = match &layer.tier {
            Some(t) => (
                Tier::from_str(t, true).map_err(|_| {
                    Failure::usage(format!(
                        "invalid tier {t:?} in the config file: use \"standard\" or \"priority\""
                    ))
                })?,
                Source::Config,
            ),
            None => (Tier::Standard, Source::Default),
        };

        let src = |flag: bool, file: bool| match (flag, file) {
            (true, _) => Source::Flag,
            (false, true) => Source::Config,
            _ => Source::Default,
        };
        let secs_text =
            |d: Option<Duration>| d.map_or("none".into(), |d| format!("{} s", d.as_secs_f64()));
        let retries = layer.retries.unwrap_or(2);
        let (log_db, log_db_source) = match (env("FW_LOG_DB"), &layer.log_db) {
            (Some(p), _) if !p.is_empty() => (Some(PathBuf::from(p)), Source::Env("FW_LOG_DB")),
            (_, Some(p)) => (Some(PathBuf::from(p)), Source::Config),
            _ => (crate::log::Place::default_db(), Source::Default),
        };
        let log = crate::log::Place {
            db: log_db,
            enabled: layer.log.unwrap_or(true),
        };
        // Each key's value and source as `fw config show` prints them; `config::KEYS` decides
        // which rows there are and in what order.
        let value_of = |k: &config::Key| -> Option<(String, Source)> {
            Some(match k.name {
                "api_key" => (key.describe(), Source::Default),
                "base_url" => (base_url.to_string(), base_url_source.clone()),
                "control_url" => (control_url.to_string(), control_url_source.clone()),
                // The full ID, as sent and as `--dry-run` shows it, whether it came from the
                // file as a short name or from the catalogue's default.
                "model" => (
                    crate::serving::expand_model(&default_model.0),
                    default_model.1.clone(),
                ),
                "tier" => (format!("{:?}", tier.0).to_lowercase(), tier.1.clone()),
                "connect_timeout" => (
                    secs_text(Some(timeouts.connect)),
                    src(
                        global.connect_timeout.is_some(),
                        layer.connect_timeout.is_some(),
                    ),
                ),
                "read_timeout" => (
                    secs_text(Some(timeouts.read)),
                    src(global.idle_timeout.is_some(), layer.read_timeout.is_some()),
                ),
                "timeout" => (
                    secs_text(timeouts.total),
                    src(global.timeout.is_some(), layer.timeout.is_some()),
                ),
                // `--retries` belongs to each command; this is what they start from.
                "retries" => (retries.to_string(), src(false, layer.retries.is_some())),
                "log" => (log.enabled.to_string(), src(false, layer.log.is_some())),
                "log_db" => (
                    log.db
                        .as_ref()
                        .map_or("(no data directory)".into(), |p| p.display().to_string()),
                    log_db_source.clone(),
                ),
                _ => return None,
            })
        };
        let mut shown = vec![
            (
                "config_file",
                config
                    .path
                    .as_ref()
                    .map_or("(none found)".into(), |p| p.display().to_string()),
                if global.config.is_some() {
                    Source::Flag
                } else if env("FW_CONFIG").is_some() {
                    Source::Env("FW_CONFIG")
                } else {
                    Source::Default
                },
            ),
            (
                "profile",
                profile.as_ref().map_or("(none)".into(), |(p, _)| p.clone()),
                profile.as_ref().map_or(Source::Default, |(_, s)| s.clone()),
            ),
        ];
        shown.extend(
            config::keys_shown()
                .into_iter()
                .filter_map(|k| value_of(k).map(|(v, src)| (k.name, v, src))),
        );
        Ok(Settings {
            config_path: config.path,
            profile,
            base_url,
            base_url_source,
            control_url,
            control_url_source,
            key,
            timeouts,
            extra_ca: env("SSL_CERT_FILE").map(PathBuf::from),
            proxy: ProxyRules::from_env(env),
            retries,
            catalogue,
            default_model,
            tier,
            verbose: global.verbose,
            shown,
            terminal: Terminal::get(),
            log,
        })
    }

    /// The model and serving path for one request: flags over config over default.
    pub fn target(&self, args: &TargetArgs) -> Result<Target> {
        let (model, model_source) = match &args.model {
            Some(m) => (m.clone(), Source::Flag),
            None => self.default_model.clone(),
        };
        let (tier, tier_source) = match args.tier {
            Some(t) => (t, Source::Flag),
            None => self.tier.clone(),
        };
        let (path, warnings) = self.catalogue.resolve(&PathRequest {
            model: &model,
            tier,
            tier_explicit: tier_source == Source::Flag,
            fast: args.fast,
        })?;
        Ok(Target {
            path,
            model_source,
            tier_source,
            warnings,
        })
    }

    /// How the HTTP client connects.
    pub fn client_options(&self) -> crate::api::client::Options {
        crate::api::client::Options {
            connect: self.timeouts.connect,
            read: self.timeouts.read,
            total: self.timeouts.total,
            proxy: self.proxy.clone(),
            extra_ca: self.extra_ca.clone(),
        }
    }

    /// `{base}/{path}` without doubled slashes.
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.base_url.as_str().trim_end_matches('/'), path)
    }

    /// `{control}/{path}` without doubled slashes.
    pub fn control(&self, path: &str) -> String {
        format!(
            "{}/{}",
            self.control_url.as_str().trim_end_matches('/'),
            path
        )
    }
}

/// A resolved model and serving path, with where they came from.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: ServingPath,
    pub model_source: Source,
    pub tier_source: Source,
    pub warnings: Vec<String>,
}

/// A URL from flag, environment, config file or default, checked.
fn pick_url(
    flag: &Option<String>,
    (name, env): (&'static str, Env),
    file: &Option<String>,
    default: &str,
) -> Result<(Url, Source)> {
    let (raw, source) = match (flag, env(name)) {
        (Some(u), _) => (u.clone(), Source::Flag),
        (None, Some(u)) => (u, Source::Env(name)),
        (None, None) => match file {
            Some(u) => (u.clone(), Source::Config),
            None => (default.to_string(), Source::Default),
        },
    };
    let url = check_base_url(&raw, &source)?;
    Ok((url, source))
}

/// Parses the base URL and refuses plain http to anything but loopback (the key would cross
/// the network in clear text) and user-info in the URL (HTTP clients send it as Basic auth in
/// place of the key, and it would be printed wherever the URL is).
fn check_base_url(raw: &str, source: &Source) -> Result<Url> {
    let url = Url::parse(raw).map_err(|e| {
        Failure::usage(format!(
            "invalid base URL {:?} ({source}): {e}",
            redact_url(raw)
        ))
        .hint("a base URL looks like https://api.fireworks.ai/inference/v1")
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Failure::usage(format!(
            "the base URL {} ({source}) holds a user name or password",
            redact_url(raw)
        ))
        .hint(
            "remove the user-info: fw authenticates with the API key alone (FIREWORKS_API_KEY \
             or the config file), sent as a Bearer token",
        )
        .into());
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(Failure::usage(format!(
            "refusing to send the API key over plain http to {} ({source})",
            url.host_str().unwrap_or("?")
        ))
        .hint("use an https:// base URL; plain http is allowed only to localhost or 127.0.0.1")
        .into()),
        other => Err(Failure::usage(format!(
            "unsupported scheme {other:?} in base URL {:?} ({source})",
            redact_url(raw)
        ))
        .into()),
    }
}

fn firectl_key(env: Env) -> Option<KeySource> {
    let home = env("HOME").map(PathBuf::from).or_else(dirs::home_dir)?;
    let path = home.join(".fireworks").join("auth.ini");
    let text = std::fs::read_to_string(&path).ok()?;
    config::firectl_key(&text).map(|k| KeySource::Firectl(k, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fw config show` has a row for every key (api_key_cmd is the key row's source), in the
    /// order it has always printed them.
    #[test]
    fn config_show_rows_and_their_order() {
        use clap::Parser;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "").unwrap();
        let cli = crate::cli::Cli::try_parse_from([
            "fw",
            "--config",
            path.to_str().unwrap(),
            "config",
            "show",
        ])
        .unwrap();
        let s = Settings::resolve(&cli.global, &|_| None).unwrap();
        let names: Vec<&str> = s.shown.iter().map(|(k, _, _)| *k).collect();
        let mut want = vec!["config_file", "profile"];
        want.extend(config::keys_shown().iter().map(|k| k.name));
        assert_eq!(names, want);
        assert_eq!(
            names,
            [
                "config_file",
                "profile",
                "base_url",
                "control_url",
                "api_key",
                "model",
                "tier",
                "connect_timeout",
                "read_timeout",
                "timeout",
                "retries",
                "log",
                "log_db"
            ]
        );
    }

    #[test]
    fn base_url_rules() {
        let s = Source::Flag;
        assert!(check_base_url("https://api.fireworks.ai/inference/v1", &s).is_ok());
        assert!(check_base_url("http://127.0.0.1:8080/inference/v1", &s).is_ok());
        assert!(check_base_url("http://127.5.0.1:80/v1", &s).is_ok());
        assert!(check_base_url("http://localhost:1/v1", &s).is_ok());
        assert!(check_base_url("http://[::1]:1/v1", &s).is_ok());
        for bad in [
            "http://10.0.0.2/v1",
            "http://example.com/v1",
            "ftp://x/",
            "not a url",
            "https://user:pw@api.fireworks.ai/inference/v1",
            "http://user@127.0.0.1:8/v1",
        ] {
            let err = check_base_url(bad, &s).unwrap_err();
            assert_eq!(crate::exit::classify(&err), Exit::Usage, "{bad}");
        }
    }

    proptest::proptest! {
        /// Any text in the numeric flags ends in a parse error or valid settings, never a
        /// panic; a timeout that parses is within range.
        #[test]
        fn numeric_flags_never_panic(
            t in "\\PC{0,24}|[-+]?[0-9]{1,400}(\\.[0-9]*)?(e[-+]?[0-9]{1,4})?",
            which in 0usize..3,
        ) {
            use clap::Parser;
            let flag = ["--timeout", "--connect-timeout", "--idle-timeout"][which];
            let argv = ["fw", flag, t.as_str(), "chat", "x"];
            if let Ok(cli) = crate::cli::Cli::try_parse_from(argv) {
                let env = |_: &str| None;
                if let Ok(s) = Settings::resolve(&cli.global, &env) {
                    let t = &s.timeouts;
                    for d in [Some(t.connect), Some(t.read), t.total].into_iter().flatten() {
                        proptest::prop_assert!(d.as_secs_f64() <= crate::limits::MAX_SECONDS);
                    }
                }
            }
        }
    }
}

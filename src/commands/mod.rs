//! Subcommands: thin orchestration over settings, serving paths, the request builders, the
//! pipeline and the renderer.

pub mod chat;

use std::io::Write;

use crate::api::request::Request;
use crate::settings::{Settings, Target};

/// `--dry-run`: the resolved settings as `#` comments, then the exact request, on stdout.
pub fn print_dry_run(settings: &Settings, target: &Target, req: &Request) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let profile = match &settings.profile {
        Some((name, src)) => format!("{name} ({src})"),
        None => "(none)".to_string(),
    };
    let config = settings
        .config_path
        .as_ref()
        .map_or("(none found)".to_string(), |p| p.display().to_string());
    writeln!(out, "# config: {config}")?;
    writeln!(out, "# profile: {profile}")?;
    writeln!(
        out,
        "# model: {} ({})",
        target.path.model, target.model_source
    )?;
    writeln!(
        out,
        "# serving path: {} (tier from {})",
        target.path.kind.name(),
        target.tier_source
    )?;
    writeln!(
        out,
        "# base url: {} ({})",
        settings.base_url, settings.base_url_source
    )?;
    writeln!(out, "# api key: {}", settings.key.describe())?;
    out.write_all(req.to_http_text().as_bytes())?;
    out.flush()
}

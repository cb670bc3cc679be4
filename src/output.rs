//! Everything written for the user: the answer on stdout (text, one JSON object, or JSON lines),
//! reasoning, stats, warnings and errors on stderr. One place decides colour (`--color`,
//! `NO_COLOR`, `TERM=dumb`, whether stderr is a terminal); stdout is data and never coloured.
//! Each delta is written and flushed as it arrives, so nothing waits in a buffer when piped.

use std::io::{self, Write};

use serde::Serialize;

use crate::cli::ColorChoice;
use crate::settings::Env;

pub const SCHEMA_VERSION: u32 = 1;

const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";
const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";

/// Whether stderr gets colour; set once, from `--color`, the environment and the terminal,
/// before anything is printed.
static STDERR_COLOR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn set_stderr_color(on: bool) {
    STDERR_COLOR.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// `label` coloured when stderr takes colour.
fn label(text: &str, color: &str) -> String {
    if STDERR_COLOR.load(std::sync::atomic::Ordering::Relaxed) {
        format!("{color}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// Whether stderr gets ANSI colour.
pub fn use_color(choice: ColorChoice, stderr_tty: bool, env: Env) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stderr_tty && env("NO_COLOR").is_none() && env("TERM").as_deref() != Some("dumb")
        }
    }
}

/// A one-line warning on stderr.
pub fn warn(message: &str) {
    let _ = writeln!(io::stderr(), "{} {message}", label("warning:", YELLOW));
}

/// Prints an error, its causes and its hint on stderr.
pub fn print_error(err: &anyhow::Error) {
    let mut e = io::stderr().lock();
    let _ = write!(e, "{} {err}", label("error:", RED));
    for cause in err.chain().skip(1) {
        let _ = write!(e, ": {cause}");
    }
    let _ = writeln!(e);
    if let Some(hint) = crate::exit::hint(err) {
        let _ = writeln!(e, "hint: {hint}");
    }
}

/// Token counts as the server reported them.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Usage {
    pub prompt_tokens: Option<u64>,
    pub completion_tokens: Option<u64>,
    pub total_tokens: Option<u64>,
    pub cached_tokens: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PathInfo {
    pub name: &'static str,
    pub model: String,
    pub service_tier: Option<&'static str>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Timing {
    /// Time to the first token (reasoning included), from sending the request.
    pub ttft_ms: Option<f64>,
    pub total_ms: f64,
    /// (completion tokens - 1) / (time of last token - time of first token).
    pub decode_tokens_per_sec: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorInfo {
    pub message: String,
    pub exit_code: u8,
}

/// The whole exchange: what `--json` prints and `--jsonl` ends with.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub schema_version: u32,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub content: String,
    pub reasoning: Option<String>,
    /// What the model said when it declined (OpenAI `refusal`).
    pub refusal: Option<String>,
    pub finish_reason: Option<String>,
    /// Tool calls the model asked for, whole.
    pub tool_calls: Vec<crate::api::ToolCall>,
    pub usage: Option<Usage>,
    pub model: String,
    pub request_id: Option<String>,
    pub serving_path: PathInfo,
    pub timing: Timing,
    /// Estimated from the usage and the catalogue's prices for the serving path, in USD.
    pub cost_usd: Option<f64>,
    pub error: Option<ErrorInfo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Text,
    Json,
    Jsonl,
}

/// Text that goes to stderr beside the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aside {
    Reasoning,
    Refusal,
}

/// Writes deltas as they arrive and the summary at the end.
pub struct Renderer {
    mode: Mode,
    /// Reasoning goes to stderr in text mode when true.
    show_reasoning: bool,
    dim: bool,
    /// The stderr text being written (reasoning or a refusal): it ends with a newline before
    /// anything else is written.
    on_stderr: Option<Aside>,
    wrote_content: bool,
    last_newline: bool,
}

impl Renderer {
    pub fn new(mode: Mode, show_reasoning: bool, dim: bool) -> Self {
        Renderer {
            mode,
            show_reasoning,
            dim,
            on_stderr: None,
            wrote_content: false,
            last_newline: true,
        }
    }

    pub fn reasoning(&mut self, text: &str) -> io::Result<()> {
        match self.mode {
            Mode::Text if self.show_reasoning => {
                self.begin_aside(Aside::Reasoning)?;
                let mut e = io::stderr().lock();
                if self.dim {
                    write!(e, "{DIM}{text}{RESET}")?;
                } else {
                    e.write_all(text.as_bytes())?;
                }
                e.flush()
            }
            Mode::Jsonl => self.event("reasoning", text),
            _ => Ok(()),
        }
    }

    pub fn content(&mut self, text: &str) -> io::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        match self.mode {
            Mode::Text => {
                self.end_reasoning()?;
                let mut out = io::stdout().lock();
                out.write_all(text.as_bytes())?;
                out.flush()?;
                self.wrote_content = true;
                self.last_newline = text.ends_with('\n');
                Ok(())
            }
            Mode::Jsonl => self.event("content", text),
            Mode::Json => Ok(()),
        }
    }

    /// A refusal is not the answer: `refusal: TEXT` on stderr in text mode, whether or not
    /// reasoning is shown; an event of its own with `--jsonl`; the summary's `refusal` with
    /// `--json`.
    pub fn refusal(&mut self, text: &str) -> io::Result<()> {
        match self.mode {
            Mode::Text => {
                if self.on_stderr != Some(Aside::Refusal) {
                    self.begin_aside(Aside::Refusal)?;
                    write!(io::stderr(), "{} ", label("refusal:", YELLOW))?;
                }
                let mut e = io::stderr().lock();
                e.write_all(text.as_bytes())?;
                e.flush()
            }
            Mode::Jsonl => self.event("refusal", text),
            Mode::Json => Ok(()),
        }
    }

    /// A tool call is data: one JSON line on stdout in the text and JSON-lines modes (after the
    /// answer's text, on a line of its own), part of the summary with `--json`.
    pub fn tool_call(&mut self, call: &crate::api::ToolCall) -> io::Result<()> {
        if self.mode == Mode::Json {
            return Ok(());
        }
        self.end_reasoning()?;
        let mut out = io::stdout().lock();
        if self.mode == Mode::Text && self.wrote_content && !self.last_newline {
            out.write_all(b"\n")?;
        }
        let line = serde_json::json!({
            "type": "tool_call", "id": call.id, "name": call.name, "arguments": call.arguments,
        });
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
        self.wrote_content = true;
        self.last_newline = true;
        out.flush()
    }

    /// Starts (or goes on with) stderr text of this kind, ending any other first.
    fn begin_aside(&mut self, kind: Aside) -> io::Result<()> {
        if self.on_stderr != Some(kind) {
            self.end_reasoning()?;
        }
        self.on_stderr = Some(kind);
        Ok(())
    }

    /// Ends the stderr text being written, if any, with a newline.
    fn end_reasoning(&mut self) -> io::Result<()> {
        if self.on_stderr.take().is_some() {
            writeln!(io::stderr())?;
        }
        Ok(())
    }

    fn event(&mut self, kind: &str, text: &str) -> io::Result<()> {
        let line = serde_json::json!({ "type": kind, "text": text });
        let mut out = io::stdout().lock();
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
        out.flush()
    }

    /// Ends the output: a final newline in text mode, `document` with `--json`, the summary
    /// line with `--jsonl`.
    pub fn finish(&mut self, summary: &Summary, document: &serde_json::Value) -> io::Result<()> {
        match self.mode {
            Mode::Text => {
                self.end_reasoning()?;
                if self.wrote_content && !self.last_newline {
                    let mut out = io::stdout().lock();
                    out.write_all(b"\n")?;
                    out.flush()?;
                }
                Ok(())
            }
            Mode::Json => {
                let mut out = io::stdout().lock();
                serde_json::to_writer_pretty(&mut out, document)?;
                out.write_all(b"\n")?;
                out.flush()
            }
            Mode::Jsonl => {
                let mut out = io::stdout().lock();
                serde_json::to_writer(&mut out, summary)?;
                out.write_all(b"\n")?;
                out.flush()
            }
        }
    }
}

/// The `--stats` line.
pub fn stats_line(s: &Summary) -> String {
    let n = |v: Option<u64>| v.map_or("?".to_string(), |v| v.to_string());
    let u = s.usage.clone().unwrap_or_default();
    let mut line = format!(
        "tokens: {} in, {} out",
        n(u.prompt_tokens),
        n(u.completion_tokens)
    );
    if let Some(c) = u.cached_tokens.filter(|c| *c > 0) {
        line.push_str(&format!(" ({c} cached)"));
    }
    match s.timing.ttft_ms {
        Some(t) => line.push_str(&format!(" | ttft {t:.0} ms")),
        None => line.push_str(" | ttft n/a"),
    }
    match s.timing.decode_tokens_per_sec {
        Some(r) => line.push_str(&format!(" | decode {r:.1} tok/s")),
        None => line.push_str(" | decode n/a"),
    }
    if let Some(c) = s.cost_usd {
        line.push_str(&format!(" | cost ~${c:.6}"));
    }
    line.push_str(&format!(
        " | total {:.2} s | path {} ({})",
        s.timing.total_ms / 1000.0,
        s.serving_path.name,
        s.serving_path.model
    ));
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_rules() {
        let none: &dyn Fn(&str) -> Option<String> = &|_| None;
        let no_color: &dyn Fn(&str) -> Option<String> =
            &|k| (k == "NO_COLOR").then(|| "1".to_string());
        let dumb: &dyn Fn(&str) -> Option<String> = &|k| (k == "TERM").then(|| "dumb".into());
        assert!(use_color(ColorChoice::Auto, true, none));
        assert!(!use_color(ColorChoice::Auto, false, none));
        assert!(!use_color(ColorChoice::Auto, true, no_color));
        assert!(!use_color(ColorChoice::Auto, true, dumb));
        assert!(use_color(ColorChoice::Always, false, no_color));
        assert!(!use_color(ColorChoice::Never, true, none));
    }
}

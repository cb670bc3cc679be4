//! Everything written for the user: the answer on stdout (text, one JSON object, or JSON lines),
//! reasoning, stats, warnings and errors on stderr. One place (`Terminal::init`, at start-up)
//! decides which streams are terminals and whether stderr gets colour (`--color`, `NO_COLOR`,
//! `TERM=dumb`, whether stderr is a terminal); stdout is data and never coloured.
//! Each delta is written and flushed as it arrives, so nothing waits in a buffer when piped.
//! Text from a server reaches a terminal only through `escape_controls`.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::sync::OnceLock;

use serde_json::{json, Value};

use crate::env::Env;
use crate::exchange::{Event, Sink};
use crate::reply::{Piece, Summary, ToolCall};
use crate::structured::Format;

const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";
const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";

/// `--color`: when stderr gets colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Which of stdout and stderr are terminals, and whether stderr gets colour: decided once, at
/// start-up, before anything is printed. Settings carry it to the commands; errors and
/// warnings, and the commands that run without settings (`config`, `completions`, `man`),
/// read it through `Terminal::get`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    /// Tables instead of tab-separated lines, and the answer's control characters escaped.
    pub stdout_tty: bool,
    /// Reasoning and progress bars are shown; `api_key_cmd` may prompt.
    pub stderr_tty: bool,
    /// ANSI colour on stderr.
    pub color: bool,
}

static TERMINAL: OnceLock<Terminal> = OnceLock::new();

impl Terminal {
    /// Decides for the whole process from `--color`, the environment and the terminal. The
    /// first decision stands: later calls return it unchanged.
    pub fn init(choice: ColorChoice, env: Env) -> Terminal {
        *TERMINAL.get_or_init(|| {
            let stderr_tty = io::stderr().is_terminal();
            Terminal {
                stdout_tty: stdout_is_terminal(),
                stderr_tty,
                color: use_color(choice, stderr_tty, env),
            }
        })
    }

    /// The decision made at start-up; without one (a library caller that did not go through
    /// `run`), the one `--color auto` makes.
    pub fn get() -> Terminal {
        Terminal::init(ColorChoice::Auto, &crate::env::process_env)
    }
}

/// `label` coloured when stderr takes colour.
fn label(text: &str, color: &str) -> String {
    if Terminal::get().color {
        format!("{color}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// Whether stderr gets ANSI colour.
fn use_color(choice: ColorChoice, stderr_tty: bool, env: Env) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stderr_tty && env("NO_COLOR").is_none() && env("TERM").as_deref() != Some("dumb")
        }
    }
}

/// Text from outside made safe to show on a terminal: every control character (C0, DEL, and
/// C1, U+0080 to U+009F, which some terminals read as CSI) is written out visibly, as `\x1b`,
/// `\u{9b}`, `\r`, so a server cannot write the clipboard (OSC 52), retitle the window or
/// clear the screen through fw. `keep_lines` keeps newlines and tabs as they are, for
/// multi-line text (the answer, reasoning); without it the text stays on one line.
pub fn escape_controls(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let kept = |c: char| keep_lines && matches!(c, '\n' | '\t');
    if !text.chars().any(|c| c.is_control() && !kept(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !c.is_control() || kept(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// Standard output, where data goes: the only function that takes it. Everything else writes
/// data through this (clippy.toml disallows `std::io::stdout` elsewhere), so what reaches
/// stdout is decided here and nowhere else.
#[allow(clippy::disallowed_methods)]
pub fn stdout() -> io::StdoutLock<'static> {
    io::stdout().lock()
}

/// Whether standard output is a terminal: asked once, by `Terminal::init`.
#[allow(clippy::disallowed_methods)]
fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// `-v`: the status and the headers worth seeing, on stderr.
pub fn print_head(status: u16, headers: &http::header::HeaderMap) {
    let mut e = io::stderr().lock();
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map_or(String::new(), |r| format!(" {r}"));
    let _ = writeln!(e, "< HTTP {status}{reason}");
    for (k, v) in headers {
        let k = k.as_str();
        if k.starts_with("fireworks-")
            || k.starts_with("x-ratelimit-")
            || k == "x-request-id"
            || k == "retry-after"
        {
            let v = String::from_utf8_lossy(v.as_bytes());
            let _ = writeln!(e, "< {k}: {}", escape_controls(&v, false));
        }
    }
}

/// A one-line warning on stderr.
pub fn warn(message: &str) {
    let message = escape_controls(message, false);
    let _ = writeln!(io::stderr(), "{} {message}", label("warning:", YELLOW));
}

/// Prints an error, its causes and its hint on stderr, each on one line.
pub fn print_error(err: &anyhow::Error) {
    let mut e = io::stderr().lock();
    let line = |s: String| escape_controls(&s, false).into_owned();
    let _ = write!(e, "{} {}", label("error:", RED), line(err.to_string()));
    for cause in err.chain().skip(1) {
        let _ = write!(e, ": {}", line(cause.to_string()));
    }
    let _ = writeln!(e);
    if let Some(hint) = crate::exit::hint(err) {
        let _ = writeln!(e, "hint: {}", line(hint.to_string()));
    }
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
    /// The answer's control characters are shown escaped (stdout is a terminal, no `--raw`).
    escape_answer: bool,
    dim: bool,
    /// The stderr text being written (reasoning or a refusal): it ends with a newline before
    /// anything else is written.
    on_stderr: Option<Aside>,
    wrote_content: bool,
    last_newline: bool,
    /// `-v`: the reply's status and headers on stderr.
    verbose: bool,
    /// `--schema` and the like: in text mode the answer is held and printed at the end as
    /// checked, compact JSON; the JSON modes report the check.
    format: Option<Format>,
    /// The answer held back in text mode while a JSON answer is awaited.
    held: String,
    /// The attachments' descriptions, for the JSON modes.
    attachments: Vec<crate::attach::Meta>,
}

impl Renderer {
    pub fn new(mode: Mode, show_reasoning: bool, dim: bool) -> Self {
        Renderer {
            mode,
            show_reasoning,
            verbose: false,
            escape_answer: false,
            dim,
            on_stderr: None,
            wrote_content: false,
            last_newline: true,
            format: None,
            held: String::new(),
            attachments: Vec::new(),
        }
    }

    /// The answer's asked-for shape and the attachments sent, for the end of the output.
    pub fn structured(
        mut self,
        format: Option<Format>,
        attachments: Vec<crate::attach::Meta>,
    ) -> Self {
        self.format = format;
        self.attachments = attachments;
        self
    }

    /// In text mode a JSON answer is held until it is whole: it is printed checked and on one
    /// line, so `| jq` gets a document, not fragments.
    fn holds(&self) -> bool {
        self.mode == Mode::Text && self.format.as_ref().is_some_and(Format::is_json)
    }

    /// Shows the reply's status and headers on stderr (`-v`).
    pub fn verbose(mut self, on: bool) -> Self {
        self.verbose = on;
        self
    }

    /// Shows the answer's control characters escaped, as on stderr: for a terminal.
    pub fn escape_answer(mut self, on: bool) -> Self {
        self.escape_answer = on;
        self
    }

    pub fn reasoning(&mut self, text: &str) -> io::Result<()> {
        match self.mode {
            Mode::Text if self.show_reasoning => {
                self.begin_aside(Aside::Reasoning)?;
                let text = escape_controls(text, true);
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
            Mode::Text if self.holds() => {
                self.held.push_str(text);
                Ok(())
            }
            Mode::Text => {
                self.end_aside()?;
                let shown = match self.escape_answer {
                    true => escape_controls(text, true),
                    false => Cow::Borrowed(text),
                };
                let mut out = stdout();
                out.write_all(shown.as_bytes())?;
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
                e.write_all(escape_controls(text, true).as_bytes())?;
                e.flush()
            }
            Mode::Jsonl => self.event("refusal", text),
            Mode::Json => Ok(()),
        }
    }

    /// A tool call is data: one JSON line on stdout in the text and JSON-lines modes (after the
    /// answer's text, on a line of its own), part of the summary with `--json`.
    pub fn tool_call(&mut self, call: &ToolCall) -> io::Result<()> {
        if self.mode == Mode::Json {
            return Ok(());
        }
        self.end_aside()?;
        let mut out = stdout();
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
            self.end_aside()?;
        }
        self.on_stderr = Some(kind);
        Ok(())
    }

    /// Ends the stderr text being written, if any, with a newline.
    fn end_aside(&mut self) -> io::Result<()> {
        if self.on_stderr.take().is_some() {
            writeln!(io::stderr())?;
        }
        Ok(())
    }

    fn event(&mut self, kind: &str, text: &str) -> io::Result<()> {
        let line = serde_json::json!({ "type": kind, "text": text });
        let mut out = stdout();
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
        out.flush()
    }

    /// Ends the output: a final newline in text mode, the document with `--json` (the wire
    /// format's own message when it has one, `native`), the summary line with `--jsonl`.
    pub fn finish(&mut self, summary: &Summary, native: Option<Value>) -> io::Result<()> {
        match self.mode {
            Mode::Text if self.holds() => self.finish_held(summary.error.is_some()),
            Mode::Text => {
                self.end_aside()?;
                if self.wrote_content && !self.last_newline {
                    let mut out = stdout();
                    out.write_all(b"\n")?;
                    out.flush()?;
                }
                Ok(())
            }
            Mode::Json => {
                let doc = self.with_extras(document(summary, native), &summary.content);
                let mut out = stdout();
                serde_json::to_writer_pretty(&mut out, &doc)?;
                out.write_all(b"\n")?;
                out.flush()
            }
            Mode::Jsonl => {
                let line = serde_json::to_value(summary).unwrap_or(Value::Null);
                let line = self.with_extras(line, &summary.content);
                let mut out = stdout();
                serde_json::to_writer(&mut out, &line)?;
                out.write_all(b"\n")?;
                out.flush()
            }
        }
    }

    /// The held answer: checked compact JSON (a line per item with `--schema-multi`); what did
    /// not match, compacted when it is JSON at all; or, when the exchange failed or was
    /// stopped, the text that arrived, as it arrived.
    fn finish_held(&mut self, failed: bool) -> io::Result<()> {
        self.end_aside()?;
        let held = std::mem::take(&mut self.held);
        let lines = match (&self.format, failed) {
            (Some(f), false) => match f.check(&held) {
                Ok(lines) => lines,
                Err(m) => vec![m.output(&held)],
            },
            _ if held.is_empty() => return Ok(()),
            _ => vec![held],
        };
        let mut out = stdout();
        if self.wrote_content && !self.last_newline {
            out.write_all(b"\n")?;
        }
        for line in lines {
            let shown = match self.escape_answer {
                true => escape_controls(&line, true),
                false => Cow::Borrowed(line.as_str()),
            };
            out.write_all(shown.as_bytes())?;
            if !line.ends_with('\n') {
                out.write_all(b"\n")?;
            }
        }
        out.flush()
    }

    /// The JSON modes' end with the attachments sent and the verdict on a structured answer,
    /// when there are any.
    fn with_extras(&self, mut doc: Value, content: &str) -> Value {
        if let Some(o) = doc.as_object_mut() {
            if !self.attachments.is_empty() {
                o.insert("attachments".into(), json!(self.attachments));
            }
            if let Some(f) = &self.format {
                o.insert("structured".into(), crate::structured::report(f, content));
            }
        }
        doc
    }
}

impl Sink for Renderer {
    fn event(&mut self, event: Event<'_>, _: std::time::Instant) -> anyhow::Result<()> {
        match event {
            Event::Head { status, headers } if self.verbose => print_head(status, headers),
            Event::Head { .. } => {}
            Event::Piece(Piece::Content(t)) => self.content(t)?,
            Event::Piece(Piece::Reasoning(t)) => self.reasoning(t)?,
            Event::Piece(Piece::Refusal(t)) => self.refusal(t)?,
            Event::Piece(Piece::ToolCall(c)) => self.tool_call(c)?,
            Event::Piece(_) => {}
        }
        Ok(())
    }
}

/// What `--json` prints: the summary, or the wire format's own message (`native`) with fw's
/// fields around it (schema version first; request id, serving path, timing, cost and error
/// after).
pub fn document(s: &Summary, native: Option<Value>) -> Value {
    let Some(Value::Object(native)) = native else {
        return serde_json::to_value(s).unwrap_or(Value::Null);
    };
    let mut doc = serde_json::Map::new();
    doc.insert("schema_version".into(), json!(s.schema_version));
    doc.extend(native);
    doc.insert("model".into(), json!(s.model));
    doc.insert("request_id".into(), json!(s.request_id));
    doc.insert("exchange_id".into(), json!(s.exchange_id));
    doc.insert("conversation_id".into(), json!(s.conversation_id));
    doc.insert("serving_path".into(), json!(s.serving_path));
    doc.insert("timing".into(), json!(s.timing));
    doc.insert("cost_usd".into(), json!(s.cost_usd));
    doc.insert("error".into(), json!(s.error));
    Value::Object(doc)
}

/// An aligned table with a header, for a terminal: columns two spaces apart, the last one
/// unpadded. Cells are the caller's, already free of tabs and newlines.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut width: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cols: &mut dyn Iterator<Item = &str>| {
        let mut s = String::new();
        let cols: Vec<&str> = cols.collect();
        for (i, (c, w)) in cols.iter().zip(&width).enumerate() {
            if i + 1 == cols.len() {
                s.push_str(c);
            } else {
                let pad = w.saturating_sub(c.chars().count());
                s.push_str(c);
                s.push_str(&" ".repeat(pad + 2));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(&mut header.iter().copied());
    for r in rows {
        out.push_str(&line(&mut r.iter().map(String::as_str)));
    }
    out
}

/// Tab-separated lines with a header, for pipes. Tabs and line breaks inside a cell become
/// spaces so every row stays one line.
pub fn tsv(header: &[&str], rows: &[Vec<String>]) -> String {
    let clean = |c: &str| c.replace(['\t', '\n', '\r'], " ");
    let mut out = header.join("\t") + "\n";
    for r in rows {
        out.push_str(&r.iter().map(|c| clean(c)).collect::<Vec<_>>().join("\t"));
        out.push('\n');
    }
    out
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
    fn control_characters_are_shown_escaped() {
        let osc52 = "copy \x1b]52;c;ZWNobyBoaQ==\x07 done";
        assert_eq!(
            escape_controls(osc52, false),
            "copy \\x1b]52;c;ZWNobyBoaQ==\\x07 done"
        );
        assert_eq!(
            escape_controls("\x1b]0;pwned\x07title", false),
            "\\x1b]0;pwned\\x07title"
        );
        assert_eq!(escape_controls("\x1b[2Jgone", false), "\\x1b[2Jgone");
        // C1 CSI (U+009B) is CSI on some terminals; DEL and NUL are controls too.
        assert_eq!(
            escape_controls("a\u{9b}2Jb\u{7f}\0", false),
            "a\\u{9b}2Jb\\x7f\\x00"
        );
        assert_eq!(escape_controls("one\ntwo\tx\r", false), "one\\ntwo\\tx\\r");
        assert_eq!(escape_controls("one\ntwo\tx\r", true), "one\ntwo\tx\\r");
        // Everything else, including text beyond ASCII, passes as it is, without a copy.
        let plain = "héllo → 世界 \\x1b";
        assert!(matches!(escape_controls(plain, false), Cow::Borrowed(p) if p == plain));
    }

    #[test]
    fn the_terminal_is_decided_once() {
        let none: &dyn Fn(&str) -> Option<String> = &|_| None;
        let first = Terminal::init(ColorChoice::Always, none);
        assert_eq!(Terminal::init(ColorChoice::Never, none), first);
        assert_eq!(Terminal::get(), first);
    }

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

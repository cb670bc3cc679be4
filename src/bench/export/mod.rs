//! The formats a bench run is written in, behind one trait, one file each: the terminal table
//! (`text`), the JSON report (`json`), one JSON line per request (`records`), one CSV row
//! per path (`csv`) and a page of charts (`html`). `Exports` is the one place that reads the output flags: which formats are
//! asked for, where each goes (`-` is stdout for the JSON report, which then takes the table's
//! place), and whether every file can be written, checked before the run starts. A new format
//! is a new file here, one line in `Exports::from_args`, and its flag in `cli.rs`.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};

use super::record::Record;
use super::report::Report;
use crate::bench::Options;
use crate::exit::Failure;

mod csv;
mod html;
mod json;
mod records;
mod text;

use csv::Csv;
use html::Html;
use json::Json;
use records::Records;
use text::Text;

/// One format of a finished run.
pub trait Export {
    /// Writes the run in this format; `records` are every request, warm-up included.
    fn write(&self, report: &Report, records: &[Record], out: &mut dyn Write) -> io::Result<()>;
}

enum To {
    Stdout,
    File(String),
}

/// The output flags of `fw bench` and `fw bench merge`: a file per format, `-` for stdout
/// (the JSON report only).
#[derive(Debug, Clone, Default)]
pub struct Files {
    pub json: Option<String>,
    pub records: Option<String>,
    pub csv: Option<String>,
    pub html: Option<String>,
}

impl Files {
    fn of(args: &Options) -> Files {
        Files {
            json: args.json.clone(),
            records: args.records.clone(),
            csv: args.csv.clone(),
            html: args.html.clone(),
        }
    }
}

/// The formats asked for, each with where it goes.
pub struct Exports(Vec<(&'static dyn Export, To)>);

impl Exports {
    /// The outputs the flags ask for, every file checked now: a run is minutes of load, and
    /// its exit code (9 or 10) must not be replaced by a failed write at the end.
    /// `terminal`: stdout is a terminal, so the table gains its distribution sketches.
    pub fn from_args(args: &Options, terminal: bool) -> Result<Exports> {
        Exports::new(&Files::of(args), terminal)
    }

    /// The outputs `files` asks for, every file checked now.
    pub fn new(files: &Files, terminal: bool) -> Result<Exports> {
        // Format, flag, the flag's value, and whether `-` means stdout. Only the JSON report
        // may take the table's place on stdout; for the others `-` names a file, so stdout
        // never carries two documents run together.
        let asked: [(&'static dyn Export, &str, Option<&str>, bool); 4] = [
            (&Json, "--json", files.json.as_deref(), true),
            (&Records, "--records", files.records.as_deref(), false),
            (&Csv, "--csv", files.csv.as_deref(), false),
            (&Html, "--html", files.html.as_deref(), false),
        ];
        let mut outs = Vec::new();
        for (format, flag, path, dash_is_stdout) in asked {
            match path {
                None => {}
                Some("-") if dash_is_stdout => outs.push((format, To::Stdout)),
                Some(path) => {
                    check_writable(flag, Path::new(path))?;
                    outs.push((format, To::File(path.to_string())));
                }
            }
        }
        if !outs.iter().any(|(_, to)| matches!(to, To::Stdout)) {
            static PLAIN: Text = Text { sketch: false };
            static SKETCHED: Text = Text { sketch: true };
            let text: &'static Text = if terminal { &SKETCHED } else { &PLAIN };
            outs.insert(0, (text as &dyn Export, To::Stdout));
        }
        Ok(Exports(outs))
    }

    /// Writes every output: stdout first, so the reader has the result even when a file
    /// cannot be written. Each output is rendered whole before it is written.
    pub fn write(&self, report: &Report, records: &[Record]) -> Result<()> {
        let render = |format: &dyn Export| -> Result<Vec<u8>> {
            let mut buf = Vec::new();
            format.write(report, records, &mut buf)?;
            Ok(buf)
        };
        for (format, to) in &self.0 {
            if let To::Stdout = to {
                let buf = render(*format)?;
                let mut out = crate::output::stdout();
                out.write_all(&buf)?;
                out.flush()?;
            }
        }
        for (format, to) in &self.0 {
            if let To::File(path) = to {
                std::fs::write(path, render(*format)?)
                    .with_context(|| format!("cannot write {path}"))?;
            }
        }
        Ok(())
    }
}

/// A usage error unless `path` names a file this process may create or overwrite.
fn check_writable(flag: &str, path: &Path) -> Result<()> {
    let bad = |why: String| -> Result<()> {
        Err(Failure::usage(format!("{flag} {}: {why}", path.display()))
            .hint("name a file in an existing, writable directory")
            .into())
    };
    if path.is_dir() {
        return bad("is a directory".into());
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return bad(format!("no directory {}", dir.display()));
    }
    let target = if path.exists() { path } else { dir };
    let Ok(c) = std::ffi::CString::new(target.as_os_str().as_encoded_bytes()) else {
        return bad("the path holds a NUL byte".into());
    };
    // SAFETY: access reads a NUL-terminated path and touches no memory of ours.
    if unsafe { libc::access(c.as_ptr(), libc::W_OK) } != 0 {
        return bad(format!(
            "cannot write there ({})",
            io::Error::last_os_error()
        ));
    }
    Ok(())
}

//! Artefacts generated from the command definition: shell completions, the man page and the
//! Markdown CLI reference. The committed copies (completions/, docs/fw.1, docs/cli.md) are
//! checked against these by a test, so they never drift from the real flags.

use clap::{Command, CommandFactory};

use crate::cli::Cli;

/// The completion script for one shell.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "fw", &mut buf);
    buf
}

/// The man page, in roff: one page for the whole tool. After the top-level sections (global
/// options, exit codes) comes one section per subcommand, `config` ones included, each with its
/// synopsis, description and every option it takes, so `man fw` answers what `fw CMD --help`
/// does. (clap_mangen alone renders the top level and points at per-command pages that would
/// have to be installed separately.)
pub fn man() -> std::io::Result<Vec<u8>> {
    let mut cmd = Cli::command();
    cmd.build();
    let top = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    top.render_title(&mut buf)?;
    let part = |f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| -> std::io::Result<String> {
        let mut b = Vec::new();
        f(&mut b)?;
        // Every render starts with the same apostrophe preamble; the title carried it once.
        let text = String::from_utf8_lossy(&b).into_owned();
        Ok(text
            .lines()
            .filter(|l| !l.starts_with(".ie \\n(.g .ds Aq") && !l.starts_with(".el .ds Aq"))
            .map(|l| format!("{l}\n"))
            .collect())
    };
    let mut out = String::new();
    out.push_str(&part(&|w| top.render_name_section(w))?);
    out.push_str(&part(&|w| top.render_synopsis_section(w))?);
    out.push_str(&part(&|w| top.render_description_section(w))?);
    out.push_str(&part(&|w| top.render_options_section(w))?);
    for (path, sub) in visible_subcommands(&cmd, "fw") {
        out.push_str(
            &clap_mangen::roff::Roff::new()
                .control("SH", [path.to_uppercase().as_str()])
                .to_roff(),
        );
        // Global options are listed once, above; help and version are everywhere.
        let sub = sub.mut_args(|a| {
            if a.is_global_set() || a.get_id() == "help" || a.get_id() == "version" {
                a.hide(true)
            } else {
                a
            }
        });
        let man = clap_mangen::Man::new(sub);
        let sections = [
            part(&|w| man.render_synopsis_section(w))?,
            part(&|w| man.render_description_section(w))?,
            part(&|w| man.render_options_section(w))?,
        ];
        for text in sections {
            for line in text.lines() {
                match line {
                    ".SH SYNOPSIS" | ".SH DESCRIPTION" => {}
                    l if l.starts_with(".SH ") => {
                        out.push_str(&format!(".SS {}\n", &l[4..]));
                    }
                    l => {
                        out.push_str(l);
                        out.push('\n');
                    }
                }
            }
            out.push_str(".PP\n");
        }
    }
    // The after-help text is the exit-code list: the man page's conventional EXIT STATUS.
    let extra = part(&|w| top.render_extra_section(w))?;
    out.push_str(&extra.replacen(".SH EXTRA", ".SH \"EXIT STATUS\"", 1));
    out.push_str(&part(&|w| top.render_version_section(w))?);
    buf.extend_from_slice(out.as_bytes());
    Ok(buf)
}

/// Every subcommand that `--help` shows, depth first, with its full name ("fw config set").
fn visible_subcommands(cmd: &Command, path: &str) -> Vec<(String, Command)> {
    let mut out = Vec::new();
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("{path} {}", sub.get_name());
        out.push((name.clone(), sub.clone()));
        out.extend(visible_subcommands(sub, &name));
    }
    out
}

/// The CLI reference in Markdown: every visible command with its usage, description and
/// options, from the same doc comments that make `--help`.
pub fn cli_markdown() -> String {
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = String::from(
        "# CLI reference\n\nGenerated from the command definition (`src/cli.rs`); a test fails \
         when this file is stale. Regenerate with `UPDATE_GENERATED=1 scripts/test.sh`.\n",
    );
    section(&mut out, &cmd, "fw");
    out
}

fn section(out: &mut String, cmd: &Command, path: &str) {
    out.push_str(&format!("\n## `{path}`\n\n"));
    if let Some(about) = cmd.get_long_about().or(cmd.get_about()) {
        out.push_str(&format!("{about}\n\n"));
    }
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ");
    out.push_str(&format!("```\n{usage}\n```\n\n"));
    let args: Vec<_> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && a.get_id() != "help" && a.get_id() != "version")
        // Global options are listed once, under `fw`.
        .filter(|a| path == "fw" || !a.is_global_set())
        .collect();
    if !args.is_empty() {
        out.push_str("| option | description |\n|---|---|\n");
        for a in args {
            let mut name = match (a.get_short(), a.get_long()) {
                (Some(s), Some(l)) => format!("`-{s}`, `--{l}`"),
                (None, Some(l)) => format!("`--{l}`"),
                (Some(s), None) => format!("`-{s}`"),
                (None, None) => format!("`{}`", a.get_id()),
            };
            let takes_value = a.get_action().takes_values();
            if let Some(v) = a
                .get_value_names()
                .and_then(|v| v.first())
                .filter(|_| takes_value)
            {
                if a.get_long().is_some() || a.get_short().is_some() {
                    name.push_str(&format!(" `{v}`"));
                } else {
                    name = format!("`{v}`");
                }
            }
            let help = a
                .get_long_help()
                .or(a.get_help())
                .map(|h| h.to_string().replace('\n', " "))
                .unwrap_or_default();
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| format!("`{}`", v.get_name()))
                .collect();
            let mut desc = help.replace('|', "\\|");
            if !values.is_empty() && !a.is_hide_possible_values_set() {
                desc.push_str(&format!(" (one of {})", values.join(", ")));
            }
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|d| d.to_string_lossy().into_owned())
                .collect();
            if !defaults.is_empty() && takes_value {
                desc.push_str(&format!(" [default: {}]", defaults.join(",")));
            }
            out.push_str(&format!("| {name} | {desc} |\n"));
        }
    }
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        section(out, sub, &format!("{path} {}", sub.get_name()));
    }
}

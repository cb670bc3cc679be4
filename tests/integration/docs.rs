//! The commands shown in README.md and docs/*.md must be commands fw accepts: every line that
//! starts with `fw ` inside a fenced block is parsed by the real command definition.

use clap::Parser;

/// Splits a shell line into words: single and double quotes, and nothing else shell-like.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() || any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if !cur.is_empty() || any {
        out.push(cur);
    }
    out
}

/// `fw ...` commands in shell, console and YAML blocks (not output blocks), cut at the first
/// pipe, redirection, `;`, `&&` or comment.
fn commands(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence: Option<String> = None;
    let mut pending: Option<String> = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(lang) = t.strip_prefix("```") {
            fence = match fence {
                Some(_) => None,
                None => Some(lang.to_string()),
            };
            continue;
        }
        if !matches!(fence.as_deref(), Some("sh" | "console" | "yaml")) {
            continue;
        }
        // In a console transcript only the prompt lines are commands; the rest is output.
        if fence.as_deref() == Some("console") && pending.is_none() && !t.starts_with("$ ") {
            continue;
        }
        let t = t.trim_start_matches("$ ").trim_start_matches("run: ");
        let t = t
            .trim_start_matches("echo 'source <(")
            .trim_start_matches("source <(");
        if let Some(p) = pending.as_mut() {
            p.push(' ');
            p.push_str(t);
        } else if t.starts_with("fw ") {
            pending = Some(t.to_string());
        } else {
            continue;
        }
        let cmd = pending.take().unwrap();
        if let Some(stripped) = cmd.strip_suffix('\\') {
            pending = Some(stripped.to_string());
            continue;
        }
        let mut cut = cmd.len();
        for stop in [" | ", " > ", " >> ", " < ", "; ", " && ", "  #", " 2>", ")"] {
            if let Some(i) = cmd.find(stop) {
                cut = cut.min(i);
            }
        }
        out.push(cmd[..cut].trim().to_string());
    }
    out
}

#[test]
fn documented_commands_parse() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for e in std::fs::read_dir(root.join("docs")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") && !p.ends_with("cli.md") {
            files.push(p);
        }
    }
    let mut checked = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for cmd in commands(&text) {
            let argv = words(&cmd);
            if let Err(e) = fw::cli::Cli::try_parse_from(&argv) {
                if !matches!(
                    e.kind(),
                    clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
                ) {
                    panic!("{}: `{cmd}` does not parse:\n{e}", f.display());
                }
            }
            checked += 1;
        }
    }
    assert!(
        checked > 40,
        "found only {checked} commands: the extractor is broken"
    );
}

#[test]
fn the_extractor_sees_what_it_should() {
    let text = "```sh\nfw chat -m x \"a b\" | jq .\n$ fw models --fast\nfw bench \\\n  --smoke\nnot fw\n```\nfw outside\n";
    assert_eq!(
        commands(text),
        [
            "fw chat -m x \"a b\"",
            "fw models --fast",
            "fw bench  --smoke"
        ]
    );
    assert_eq!(
        words("fw chat 'it''s' \"x y\" ''"),
        ["fw", "chat", "its", "x y", ""]
    );
}

/// Shell snippets must work under `bash -e`, the shell CI runners use: there a failing command
/// ends the script before a following `case $?` can look at its code.
#[test]
fn no_snippet_reads_the_code_after_a_failing_command() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for e in std::fs::read_dir(root.join("docs")).unwrap() {
        files.push(e.unwrap().path());
    }
    for f in files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
    {
        let text = std::fs::read_to_string(f).unwrap();
        let mut errexit_off = false;
        let mut in_code = false;
        for line in text.lines().map(str::trim) {
            if let Some(lang) = line.strip_prefix("```") {
                in_code = !in_code && matches!(lang, "sh" | "bash" | "yaml");
                errexit_off = false;
                continue;
            }
            if !in_code {
                continue;
            }
            if line == "set +e" {
                errexit_off = true;
            }
            if line == "set -e" {
                errexit_off = false;
            }
            assert!(
                errexit_off || !line.contains("$?") || line.contains("|| code=$?"),
                "{}: `{line}` never runs under bash -e after a failure: use `cmd || code=$?` \
                 or `set +e`",
                f.display()
            );
        }
    }
}

/// The README's bench transcript shows the warning fw really prints for that model: the same
/// command's first stderr line, against the emulator.
#[test]
fn the_readme_bench_transcript_has_the_real_warning() {
    let emu = crate::support::Emulator::start();
    let r = crate::support::fw_at(&emu)
        .args([
            "bench",
            "-m",
            "gemma-3-270m",
            "--paths",
            "standard,priority",
            "--smoke",
        ])
        .run();
    let warning = r.stderr.lines().next().unwrap_or_default();
    assert!(warning.starts_with("warning: priority:"), "{}", r.stderr);
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let transcript = readme
        .split("$ fw bench -m gemma-3-270m")
        .nth(1)
        .expect("the README shows a bench run");
    let shown = transcript.lines().nth(1).unwrap_or_default();
    assert_eq!(shown, warning);
}

//! Generated artefacts: shell completions, the man page and the CLI reference come from the
//! clap definition; this test fails when a committed copy is stale. `UPDATE_GENERATED=1
//! scripts/test.sh` rewrites them.

use std::path::Path;

use clap_complete::Shell;

use crate::support::fw;

fn check(files: &[(&str, Vec<u8>)]) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_GENERATED").is_some();
    let mut stale = Vec::new();
    for (file, want) in files {
        let path = root.join(file);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, want).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(&want[..]) {
            stale.push(*file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run UPDATE_GENERATED=1 scripts/test.sh and commit"
    );
}

const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "completions/fw.bash"),
    (Shell::Zsh, "completions/_fw"),
    (Shell::Fish, "completions/fw.fish"),
    (Shell::PowerShell, "completions/_fw.ps1"),
    (Shell::Elvish, "completions/fw.elv"),
];

#[test]
fn committed_completions_man_page_and_reference_are_current() {
    let mut files: Vec<(&str, Vec<u8>)> = SHELLS
        .iter()
        .map(|(shell, file)| (*file, fw::generate::completions(*shell)))
        .collect();
    files.push(("docs/fw.1", fw::generate::man().unwrap()));
    files.push(("docs/cli.md", fw::generate::cli_markdown().into_bytes()));
    check(&files);
}

#[test]
fn the_generator_commands_print_the_same() {
    for (shell, file) in SHELLS {
        let name = shell.to_string();
        let r = fw().args(["completions", &name]).run();
        r.code(0);
        assert_eq!(
            r.stdout.as_bytes(),
            &fw::generate::completions(shell)[..],
            "{file}"
        );
    }
    let r = fw().arg("man").run();
    r.code(0);
    assert!(
        r.stdout.starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        &r.stdout[..40]
    );
    // They work whatever the config file holds.
    let mut f = fw();
    f.config("not = [valid");
    f.args(["completions", "bash"]).run().code(0);
    let r = fw().args(["--help"]).run();
    assert!(
        r.stdout.contains("\n  completions  ") && r.stdout.contains("\n  man  "),
        "listed in --help: {}",
        r.stdout
    );
}

/// One man page for the whole tool: a section per subcommand, `config`'s included, holding
/// every option that subcommand takes.
#[test]
fn the_man_page_covers_every_subcommand_and_option() {
    use clap::CommandFactory;
    let page = String::from_utf8(fw::generate::man().unwrap()).unwrap();
    let mut cmd = fw::cli::Cli::command();
    cmd.build();
    let mut todo = vec![("fw".to_string(), cmd)];
    let mut sections = 0;
    while let Some((path, cmd)) = todo.pop() {
        for sub in cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        {
            todo.push((format!("{path} {}", sub.get_name()), sub.clone()));
        }
        if path == "fw" {
            continue;
        }
        let heading = format!(".SH \"{}\"\n", path.to_uppercase());
        let start = page
            .find(&heading)
            .unwrap_or_else(|| panic!("no section for {path}"));
        let body = &page[start + heading.len()..];
        let body = &body[..body.find("\n.SH ").unwrap_or(body.len())];
        for arg in cmd
            .get_arguments()
            .filter(|a| !a.is_global_set() && !a.is_hide_set())
        {
            if let Some(long) = arg.get_long().filter(|l| !matches!(*l, "help" | "version")) {
                let want = format!("\\fB\\-\\-{}\\fR", long.replace('-', "\\-"));
                assert!(body.contains(&want), "{path}: --{long} missing");
            }
        }
        sections += 1;
    }
    assert!(sections >= 9, "only {sections} subcommand sections");
    assert!(page.contains(".SH \"EXIT STATUS\"\n"));
}

#[test]
fn completions_load_in_bash() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg("source completions/fw.bash && complete -p fw")
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("fw"));
}

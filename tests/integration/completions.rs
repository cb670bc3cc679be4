//! The shell completions in completions/ are generated from the clap definition; this test
//! fails when the committed copies are stale. `UPDATE_COMPLETIONS=1 scripts/test.sh` rewrites
//! them.

use clap::CommandFactory;
use clap_complete::{generate, Shell};

#[test]
fn committed_completions_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("UPDATE_COMPLETIONS").is_some();
    let mut stale = Vec::new();
    for (shell, file) in [
        (Shell::Bash, "fw.bash"),
        (Shell::Zsh, "_fw"),
        (Shell::Fish, "fw.fish"),
    ] {
        let mut buf = Vec::new();
        generate(shell, &mut fw::cli::Cli::command(), "fw", &mut buf);
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &buf).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(&buf[..]) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale completions {stale:?}: run UPDATE_COMPLETIONS=1 scripts/test.sh and commit"
    );
}

//! The `fw` binary: parse the command line and hand it to the library.

fn main() -> std::process::ExitCode {
    // `fw --version` alone is answered before clap builds the whole command tree, which is most
    // of a bare start-up's work; the text is the one clap prints.
    let mut args = std::env::args_os().skip(1);
    if let (Some(a), None) = (args.next(), args.next()) {
        if a == "--version" || a == "-V" {
            use std::io::Write;
            // A closed pipe is not an error here either. The one write to stdout outside the
            // output module: the fast path must not load the library's start-up.
            #[allow(clippy::disallowed_methods)]
            let _ = writeln!(std::io::stdout(), "fw {}", env!("CARGO_PKG_VERSION"));
            return std::process::ExitCode::SUCCESS;
        }
    }
    fw::run(fw::argv::parse())
}

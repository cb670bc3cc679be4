//! The `fw` binary: parse the command line and hand it to the library.

fn main() -> std::process::ExitCode {
    fw::run(clap::Parser::parse())
}

//! Link settings for the `fw` binary, here rather than in .cargo/config.toml so that
//! `cargo install` applies them too.
//!
//! Relative relocations are packed (DT_RELR, `-z pack-relative-relocs`) where the linker and the
//! C library support it: the dynamic loader then reads a few kilobytes of relocation bitmap at
//! start-up instead of about 170 kB of RELA entries (7,000 of them), which is memory every run
//! of `fw` touches. Support is probed by linking and running a one-line C program with the flag,
//! so an older binutils (before 2.38), an older glibc (before 2.36) or a cross build simply goes
//! without.

use std::path::PathBuf;
use std::process::{Command, Stdio};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CC");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux");
    let native = std::env::var("TARGET").ok() == std::env::var("HOST").ok();
    if linux && native && packs_relocations() {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

fn packs_relocations() -> bool {
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        return false;
    };
    let src = out.join("relr-probe.c");
    let exe = out.join("relr-probe");
    if std::fs::write(&src, "int main(void) { return 0; }\n").is_err() {
        return false;
    }
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let quiet = |c: &mut Command| {
        c.stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    quiet(
        Command::new(&cc)
            .args(["-fPIE", "-pie", "-Wl,-z,pack-relative-relocs", "-o"])
            .arg(&exe)
            .arg(&src),
    ) && quiet(&mut Command::new(&exe))
}

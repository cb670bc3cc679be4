//! Link settings for the `fw` binary, here rather than in .cargo/config.toml so that
//! `cargo install` applies them too.
//!
//! Relative relocations are packed (DT_RELR, `-z pack-relative-relocs`) where the linker and the
//! C library support it: the dynamic loader then reads a few kilobytes of relocation bitmap at
//! start-up instead of about 170 kB of RELA entries (7,000 of them), which is memory every run
//! of `fw` touches. Support is probed by linking and running a one-line C program with the flag,
//! so an older binutils (before 2.38), an older glibc (before 2.36) or a cross build simply goes
//! without.
//!
//! The functions and data a one-off `fw chat`, `fw messages` and `fw --version` touch are placed
//! first, together, in the order they are first used (`scripts/hot-symbols.txt`, made by
//! `scripts/hot-symbols.sh` from a Valgrind trace). The kernel maps a binary's pages in 64 kB
//! windows around each page fault, so code spread over the whole binary makes nearly all of it
//! resident; packed together, a one-off prompt maps about a megabyte of code instead of four.
//! The list names symbols, so an out-of-date list only leaves the functions it no longer names
//! in the linker's own order. Symbol names carry a hash of the build's profile, so the list is
//! made from the release build itself, through its link map (`FW_LINK_MAP`). It is applied where the linker is LLD (Rust's default on x86-64
//! Linux), probed by linking an empty Rust program with the same flags.

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
    let order = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default())
        .join("scripts/hot-symbols.txt");
    println!("cargo:rerun-if-changed={}", order.display());
    // scripts/hot-symbols.sh asks for the link map: where each function and datum of this very
    // build went, which the stripped binary no longer says.
    println!("cargo:rerun-if-env-changed=FW_LINK_MAP");
    if let Some(map) = std::env::var_os("FW_LINK_MAP") {
        println!(
            "cargo:rustc-link-arg-bins=-Wl,-Map={}",
            map.to_string_lossy()
        );
    }
    let release = std::env::var("PROFILE").as_deref() == Ok("release");
    if linux && native && release && order.is_file() {
        let args = [
            format!("-Wl,--symbol-ordering-file={}", order.display()),
            "-Wl,--no-warn-symbol-ordering".to_string(),
        ];
        if links_with(&args) {
            for a in args {
                println!("cargo:rustc-link-arg-bins={a}");
            }
        }
    }
}

/// Whether rustc, with this build's flags, links an empty program given these linker arguments.
fn links_with(args: &[String]) -> bool {
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        return false;
    };
    let src = out.join("order-probe.rs");
    if std::fs::write(&src, "fn main() {}\n").is_err() {
        return false;
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let mut cmd = Command::new(rustc);
    if let Ok(flags) = std::env::var("CARGO_ENCODED_RUSTFLAGS") {
        cmd.args(flags.split('\x1f').filter(|f| !f.is_empty()));
    }
    for a in args {
        cmd.arg(format!("-Clink-arg={a}"));
    }
    cmd.arg("-o")
        .arg(out.join("order-probe"))
        .arg(&src)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
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

//! Test support: a command builder that runs the real `fw` binary in a clean environment (temp
//! HOME and config dir, NO_COLOR, no inherited keys), the Fireworks emulator, and the real
//! llama.cpp server.

#![allow(dead_code)]

pub mod emulator;
pub mod llama;
pub mod paced;
pub mod raw;
pub mod tls;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub use emulator::{Chat, Emulator, Reply, UsageAt};

/// One fw invocation being prepared.
pub struct Fw {
    cmd: Command,
    stdin: Option<Vec<u8>>,
    pub home: tempfile::TempDir,
}

/// What an invocation did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing both streams when it differs.
    #[track_caller]
    pub fn code(&self, want: i32) -> &Self {
        assert_eq!(
            self.code, want,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

pub fn fw_bin() -> &'static str {
    env!("CARGO_BIN_EXE_fw")
}

/// `fw` with a clean environment: nothing from the caller's keys, config or terminal leaks in.
pub fn fw() -> Fw {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(fw_bin());
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    Fw {
        cmd,
        stdin: None,
        home,
    }
}

/// `fw` pointed at an emulator with its key.
pub fn fw_at(emu: &Emulator) -> Fw {
    let mut f = fw();
    f.env("FIREWORKS_API_KEY", emulator::KEY)
        .env("FIREWORKS_BASE_URL", &emu.base_url());
    f
}

impl Fw {
    pub fn args<I, S>(&mut self, args: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn arg(&mut self, a: impl AsRef<std::ffi::OsStr>) -> &mut Self {
        self.cmd.arg(a);
        self
    }

    /// Runs fw in `dir` (relative file arguments resolve there).
    pub fn current_dir(&mut self, dir: &std::path::Path) -> &mut Self {
        self.cmd.current_dir(dir);
        self
    }

    pub fn env(&mut self, k: &str, v: &str) -> &mut Self {
        self.cmd.env(k, v);
        self
    }

    pub fn env_remove(&mut self, k: &str) -> &mut Self {
        self.cmd.env_remove(k);
        self
    }

    pub fn stdin(&mut self, data: &str) -> &mut Self {
        self.stdin = Some(data.as_bytes().to_vec());
        self
    }

    pub fn stdin_bytes(&mut self, data: &[u8]) -> &mut Self {
        self.stdin = Some(data.to_vec());
        self
    }

    /// The config directory fw reads by default.
    pub fn config_dir(&self) -> PathBuf {
        self.home.path().join(".config").join("fw")
    }

    /// Writes the default config file.
    pub fn config(&mut self, text: &str) -> &mut Self {
        let dir = self.config_dir();
        std::fs::create_dir_all(&dir).unwrap();
        write_private(&dir.join("config.toml"), text);
        self
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    pub fn command(&mut self) -> &mut Command {
        &mut self.cmd
    }

    /// Starts fw with stdout and stderr piped, for tests that act while it runs.
    pub fn spawn(&mut self) -> std::process::Child {
        self.cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn fw")
    }

    /// Runs fw under a pseudo-terminal (util-linux `script`), so stdin, stdout and stderr are
    /// all a terminal; both streams arrive merged in `stdout`, with CRLF line ends.
    pub fn run_in_pty(&mut self) -> Run {
        let mut line = shell_quote(fw_bin());
        for a in self.cmd.get_args() {
            line.push(' ');
            line.push_str(&shell_quote(&a.to_string_lossy()));
        }
        let mut c = Command::new("script");
        c.args(["-qec", &line, "/dev/null"]).env_clear();
        for (k, v) in self.cmd.get_envs() {
            if let Some(v) = v {
                c.env(k, v);
            }
        }
        let out = c.stdin(Stdio::null()).output().expect("run script(1)");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn run(&mut self) -> Run {
        if self.stdin.is_some() {
            self.cmd.stdin(Stdio::piped());
        }
        self.cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = self.cmd.spawn().expect("spawn fw");
        // Written from a thread: a large input must not wait on output nobody is reading.
        let writer = self.stdin.take().map(|data| {
            let mut si = child.stdin.take().unwrap();
            std::thread::spawn(move || {
                let _ = si.write_all(&data);
            })
        });
        let out = child.wait_with_output().unwrap();
        if let Some(w) = writer {
            w.join().unwrap();
        }
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Sends SIGINT (Ctrl-C) to a running fw.
pub fn interrupt(child: &std::process::Child) {
    send_signal(child, "INT");
}

/// Sends SIGTERM (what `kill`, `timeout` and CI runners send) to a running fw.
pub fn terminate(child: &std::process::Child) {
    send_signal(child, "TERM");
}

fn send_signal(child: &std::process::Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Everything a spawned child writes to a piped stream, to its end.
pub fn read_all(stream: Option<impl std::io::Read>) -> String {
    let mut text = String::new();
    stream.unwrap().read_to_string(&mut text).unwrap();
    text
}

pub fn write_private(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

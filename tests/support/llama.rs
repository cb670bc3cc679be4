//! The real, independent server: llama.cpp's own HTTP server (PyPI xllamacpp) serving the real
//! gemma-3-270m GGUF under /inference with an API key. Started once per test binary by
//! tests/ref/serve_llamacpp.py; it exits when this process ends, because it watches the stdin
//! pipe this process holds. scripts/test-env.sh installs the venv and model; without them the
//! tests that need the server fail with instructions (never skip).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};

pub const KEY: &str = "fw-test";
pub const MODEL: &str = "accounts/fireworks/models/gemma-3-270m";

pub struct Llama {
    pub url: String,
    _child: Mutex<Child>,
}

impl Llama {
    /// The OpenAI-compatible base URL.
    pub fn base_url(&self) -> String {
        format!("{}/inference/v1", self.url)
    }
}

fn test_home() -> PathBuf {
    if let Some(h) = std::env::var_os("FW_TEST_HOME") {
        return PathBuf::from(h);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache"));
    cache.join("fw-test")
}

/// The venv's python, set up by scripts/test-env.sh.
pub fn python() -> PathBuf {
    let p = std::env::var_os("FW_TEST_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| test_home().join("venv/bin/python"));
    assert!(
        p.exists(),
        "{} not found: run the tests with scripts/test.sh, which sets up the Python test \
         environment (or run scripts/test-env.sh once)",
        p.display()
    );
    p
}

fn model_path() -> PathBuf {
    let p = std::env::var_os("FW_TEST_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| test_home().join("gemma-3-270m-q4_k_m.gguf"));
    assert!(
        p.exists(),
        "{} not found: run scripts/test-env.sh (or scripts/test.sh)",
        p.display()
    );
    p
}

pub fn ref_script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/ref")
        .join(name)
}

/// The shared server, started on first use.
pub fn server() -> &'static Llama {
    static SERVER: OnceLock<Llama> = OnceLock::new();
    SERVER.get_or_init(|| {
        let mut child = Command::new(python())
            .arg(ref_script("serve_llamacpp.py"))
            .arg(model_path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start serve_llamacpp.py");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .strip_prefix("READY ")
            .unwrap_or_else(|| panic!("llama.cpp server did not start: {line:?}"))
            .trim()
            .to_string();
        Llama {
            url,
            _child: Mutex::new(child),
        }
    })
}

//! The performance benchmark (run by scripts/perf.sh, not a test): `fw chat` wall time against
//! curl for the same streamed request to a local emulator that answers at once with 64 tokens
//! (median of interleaved runs), the same over https to a local TLS server
//! (tests/ref/https_server.py, a certificate made with openssl for the run), `fw --version`
//! start-up time, and peak RSS from /usr/bin/time. `fw chat` runs with the local log on (the
//! default) and off (`--no-log`). Usage: perf FW_BINARY [ROUNDS]

#[allow(dead_code)]
#[path = "../tests/support/emulator.rs"]
mod emulator;
#[allow(dead_code)]
#[path = "../tests/support/tls.rs"]
mod tls;

use std::process::{Command, Stdio};
use std::time::Instant;

use emulator::{Chat, Emulator};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Wall time of one run in milliseconds; panics if the command fails.
fn time_ms(cmd: &mut Command) -> f64 {
    let t = Instant::now();
    let st = cmd.status().expect("spawn");
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    assert!(st.success(), "{cmd:?} failed: {st}");
    ms
}

/// Peak resident set size in kB, from GNU time.
fn peak_rss_kb(cmd: &Command) -> u64 {
    let mut t = Command::new("/usr/bin/time");
    t.arg("-f")
        .arg("%M")
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => t.env(k, v),
            None => t.env_remove(k),
        };
    }
    let out = t
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .output()
        .expect("/usr/bin/time");
    let err = String::from_utf8_lossy(&out.stderr);
    err.lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("{err}"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let fw = args.get(1).expect("usage: perf FW_BINARY [ROUNDS]").clone();
    let rounds: usize = args.get(2).map_or(20, |r| r.parse().unwrap());

    let emu = Emulator::start();
    emu.set_default(Chat::tokens(64));
    let home = std::env::temp_dir().join("fw-perf-home");
    // A fresh log each run: what one-off prompts cost with an empty spool, as on a new machine.
    let _ = std::fs::remove_dir_all(home.join(".local"));
    std::fs::create_dir_all(&home).unwrap();
    let body = serde_json::json!({
        "model": "accounts/fireworks/models/kimi-k2p6",
        "messages": [{"role": "user", "content": "hi"}],
        "stream": true,
        "stream_options": {"include_usage": true},
    })
    .to_string();
    let url = format!("{}/chat/completions", emu.base_url());

    let curl = || {
        let mut c = Command::new("curl");
        c.args(["-sS", "-N", "-X", "POST", &url])
            .args(["-H", &format!("Authorization: Bearer {}", emulator::KEY)])
            .args(["-H", "Content-Type: application/json", "--data-raw", &body])
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        c
    };
    let fw_chat_log = |log: bool| {
        let mut c = Command::new(&fw);
        c.args(["chat", "-m", "kimi-k2p6", "hi"]);
        if !log {
            c.arg("--no-log");
        }
        c.env_clear()
            .env("HOME", &home)
            .env("FIREWORKS_API_KEY", emulator::KEY)
            .env("FIREWORKS_BASE_URL", emu.base_url())
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        c
    };
    let fw_chat = || fw_chat_log(true);
    let fw_version = || {
        let mut c = Command::new(&fw);
        c.arg("--version").stdout(Stdio::null());
        c
    };

    // Warm caches, then interleave so drift hits both alike.
    for _ in 0..3 {
        time_ms(&mut curl());
        time_ms(&mut fw_chat());
    }
    let (mut t_curl, mut t_fw, mut t_off) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        t_curl.push(time_ms(&mut curl()));
        t_fw.push(time_ms(&mut fw_chat()));
        t_off.push(time_ms(&mut fw_chat_log(false)));
    }
    // The first `fw log` after the runs moves every spooled exchange into the database.
    let logged =
        std::fs::read_dir(home.join(".local/share/fw/log.db-pending")).map_or(0, |d| d.count());
    let t_import = time_ms(
        Command::new(&fw)
            .args(["log", "-n", "1"])
            .env_clear()
            .env("HOME", &home)
            .stdout(Stdio::null()),
    );
    let t_log = median(
        (0..rounds)
            .map(|_| {
                time_ms(
                    Command::new(&fw)
                        .args(["log", "-n", "1"])
                        .env_clear()
                        .env("HOME", &home)
                        .stdout(Stdio::null()),
                )
            })
            .collect(),
    );
    let (mut t_ver, mut t_true) = (Vec::new(), Vec::new());
    for _ in 0..10 * rounds {
        t_ver.push(time_ms(&mut fw_version()));
        t_true.push(time_ms(Command::new("true").stdout(Stdio::null())));
    }
    let rss_fw = (0..5).map(|_| peak_rss_kb(&fw_chat())).max().unwrap();
    let rss_off = (0..5)
        .map(|_| peak_rss_kb(&fw_chat_log(false)))
        .max()
        .unwrap();
    let rss_curl = (0..5).map(|_| peak_rss_kb(&curl())).max().unwrap();
    let requests = emu.requests().len();

    let (mc, mf, mv, mt) = (median(t_curl), median(t_fw), median(t_ver), median(t_true));
    let moff = median(t_off);
    let ratio = mf / mc;
    let ok = |pass: bool| if pass { "PASS" } else { "FAIL" };
    println!("64 streamed tokens from a local emulator, {rounds} interleaved runs each (medians)");
    println!(
        "curl  chat request      {mc:8.2} ms   peak RSS {:6.1} MB",
        rss_curl as f64 / 1024.0
    );
    println!(
        "fw    chat request      {mf:8.2} ms   peak RSS {:6.2} MB   (local log on)",
        rss_fw as f64 / 1024.0
    );
    println!(
        "fw    chat --no-log     {moff:8.2} ms   peak RSS {:6.2} MB   (local log off)",
        rss_off as f64 / 1024.0
    );
    println!(
        "fw / curl wall time     {ratio:8.2} x    target <= 0.50x   {}",
        ok(ratio <= 0.5)
    );
    // The target is net of what starting any process costs here (true(1), timed interleaved).
    println!(
        "fw --version start-up   {mv:8.3} ms   {:.3} ms net of true(1); target <= 1 ms net   {}",
        mv - mt,
        ok(mv - mt <= 1.0)
    );
    println!(
        "fw chat peak RSS        {:8.2} MB   target <= 6 MB    {}",
        rss_fw as f64 / 1024.0,
        ok(rss_fw <= 6 * 1024)
    );
    println!("fw / curl, log off      {:8.2} x", moff / mc);
    println!("true(1) start-up        {mt:8.3} ms   (for scale: starting any process here)");
    println!(
        "fw log -n 1             {t_import:8.2} ms   (first, moving {logged} spooled exchanges in)"
    );
    println!("fw log -n 1             {t_log:8.2} ms   (median, nothing to move)");
    println!("({requests} requests reached the emulator)");

    let (hc, hf) = https(&fw, &home, &body, rounds);
    println!();
    println!("https: 64 streamed tokens from a local TLS server, {rounds} interleaved runs each");
    println!("curl  chat request      {hc:8.2} ms");
    println!("fw    chat request      {hf:8.2} ms");
    println!(
        "fw / curl wall time     {:8.2} x    target <= 0.50x   {}",
        hf / hc,
        ok(hf / hc <= 0.5)
    );
}

/// Medians of curl and fw over https to a local TLS server with a certificate made for the
/// run (fw trusts it through SSL_CERT_FILE, curl through --cacert).
fn https(fw: &str, home: &std::path::Path, body: &str, rounds: usize) -> (f64, f64) {
    let dir = home.join("tls");
    std::fs::create_dir_all(&dir).unwrap();
    let certs = tls::certificates(&dir);
    let srv = tls::HttpsServer::start(std::path::Path::new("python3"), &certs);
    let base = srv.url.clone();
    let url = format!("{base}/inference/v1/chat/completions");
    let cert = certs.ca.clone();
    let curl = || {
        let mut c = Command::new("curl");
        c.args(["-sS", "-N", "--cacert"])
            .arg(&cert)
            .args(["-X", "POST", &url])
            .args(["-H", "Authorization: Bearer k"])
            .args(["-H", "Content-Type: application/json", "--data-raw", body])
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        c
    };
    let fw_chat = || {
        let mut c = Command::new(fw);
        c.args(["chat", "-m", "kimi-k2p6", "hi"])
            .env_clear()
            .env("HOME", home)
            .env("FIREWORKS_API_KEY", "k")
            .env("FIREWORKS_BASE_URL", format!("{base}/inference/v1"))
            .env("SSL_CERT_FILE", &cert)
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        c
    };
    for _ in 0..3 {
        time_ms(&mut curl());
        time_ms(&mut fw_chat());
    }
    let (mut tc, mut tf) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        tc.push(time_ms(&mut curl()));
        tf.push(time_ms(&mut fw_chat()));
    }
    drop(srv);
    (median(tc), median(tf))
}

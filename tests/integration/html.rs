//! `fw bench --html`: the page is self-contained (no URL at all), has one chart per expected
//! panel, and loads in a real headless browser (Debian's chromium, which scripts/test-env.sh
//! installs where it can) with no console message, its embedded script having counted the
//! charts. Where no browser is installed, the browser part says so and is skipped.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::support::{fw_at, Chat, Emulator};

/// A browser on this machine, if any.
fn browser() -> Option<&'static str> {
    ["chromium", "chromium-browser"].into_iter().find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Runs headless chromium on `page` with `args`: (stdout, stderr).
fn chromium(browser: &str, page: &Path, args: &[&str]) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--enable-logging=stderr", "--v=0"])
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn page(emu: &Emulator, dir: &Path, name: &str, extra: &[&str]) -> String {
    let file = dir.join(name);
    fw_at(emu)
        .args([
            "bench",
            "--max-client-lag",
            "1000",
            "--paths",
            "standard,fast",
        ])
        .args(["--warmup", "1", "--max-tokens", "20"])
        .args(extra)
        .arg("--html")
        .arg(&file)
        .run()
        .code(0);
    std::fs::read_to_string(&file).unwrap()
}

#[test]
fn the_html_report_is_self_contained_and_loads_in_a_real_browser() {
    // Standard sheds one request in four: the timeline has failures to mark.
    let emu = Emulator::serving(Chat {
        shed: vec![("standard", 0.25)],
        ttft_jitter: Duration::from_millis(8),
        ..Chat::paced(20, Duration::from_millis(15), 800.0, 1)
    });
    let dir = tempfile::tempdir().unwrap();
    let args = ["-n", "8", "--sweep", "10,20,40", "--slo", "ttft<=20ms"];
    let html = page(&emu, dir.path(), "sweep.html", &args);
    for external in ["http:", "https:", "src=", "href=", "@import", "url("] {
        assert!(!html.contains(external), "{external} in the page");
    }
    let panels = [
        "ttft-cdf",
        "decode-dist",
        "timeline",
        "sweep-ttft",
        "sweep-goodput",
    ];
    assert_eq!(html.matches(r#"<svg class="chart""#).count(), panels.len());
    for p in panels {
        assert!(html.contains(&format!(r#"data-panel="{p}""#)), "{p}");
    }
    assert!(
        html.contains("503 load-shed"),
        "the timeline marks the 503s"
    );
    // Without --sweep there is no sweep curve.
    let plain = page(&emu, dir.path(), "plain.html", &["-n", "4"]);
    assert_eq!(plain.matches(r#"<svg class="chart""#).count(), 3);

    let Some(b) = browser() else {
        eprintln!(
            "skipped the browser check: no chromium here (scripts/test-env.sh installs Debian's \
             chromium when run as root with apt-get)"
        );
        return;
    };
    let file = dir.path().join("sweep.html");
    let (dom, log) = chromium(b, &file, &["--dump-dom"]);
    assert!(
        dom.contains(r#"data-charts="5""#),
        "the page's script ran: {dom}"
    );
    assert_eq!(dom.matches("<svg class=\"chart\"").count(), 5);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    // FW_BENCH_SCREENSHOT=docs/img/bench-report.png keeps a picture of the page.
    if let Ok(shot) = std::env::var("FW_BENCH_SCREENSHOT") {
        let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join(shot);
        let arg = format!("--screenshot={}", shot.display());
        chromium(b, &file, &[&arg, "--window-size=1220,1400"]);
        assert!(shot.exists());
    }
}

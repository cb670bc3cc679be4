//! The report as one self-contained HTML page (`--html FILE`): hand-written inline SVG, one
//! colour per path, and no network at all (no URL, no font, no script from elsewhere). Panels:
//! the TTFT CDF, the decode tok/s distribution, a timeline of every measured request (its send
//! time against its TTFT, failures marked by class along the top), and with `--sweep` the
//! curves of rate against ttft p90 and against goodput. A few lines of embedded script count
//! the charts into the page (`data-charts` on the body), which the browser test reads. Server
//! text never reaches the page: failures show their class and status only.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::Export;
use crate::bench::record::{Outcome, Record};
use crate::bench::report::Report;
use crate::exit::Class;

pub struct Html;

impl Export for Html {
    fn write(&self, report: &Report, records: &[Record], out: &mut dyn Write) -> io::Result<()> {
        out.write_all(render(report, records).as_bytes())
    }
}

/// Colours per path (Okabe-Ito: told apart with the common colour-vision deficiencies).
fn colour(path: &str) -> &'static str {
    match path {
        "standard" => "#0072b2",
        "priority" => "#d55e00",
        _ => "#009e73",
    }
}

/// Text for HTML: the five special characters escaped, control characters dropped.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o
}

const W: f64 = 560.0;
const H: f64 = 300.0;
/// Plot area margins: left, right, top, bottom.
const ML: f64 = 64.0;
const MR: f64 = 16.0;
const MT: f64 = 14.0;
const MB: f64 = 44.0;

/// A chart's axes: value ranges mapped to the plot area, each with its tick step.
struct Axes {
    x: (f64, f64),
    y: (f64, f64),
    xstep: f64,
    ystep: f64,
}

/// The range widened to whole ticks of 1, 2 or 5 times a power of ten, about five of them.
fn nice(lo: f64, hi: f64) -> (f64, f64, f64) {
    let raw = (hi - lo) / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    ((lo / step).floor() * step, (hi / step).ceil() * step, step)
}

impl Axes {
    /// Ranges that hold the values, from zero when `from_zero`, never empty.
    fn new(xs: &[f64], ys: &[f64], from_zero: bool) -> Axes {
        let range = |v: &[f64]| {
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let lo = if from_zero || !lo.is_finite() {
                0.0
            } else {
                lo
            };
            let hi = if hi.is_finite() && hi > lo {
                hi
            } else {
                lo + 1.0
            };
            (lo, hi)
        };
        Axes::of(range(xs), range(ys))
    }

    fn of(x: (f64, f64), y: (f64, f64)) -> Axes {
        let (x0, x1, xstep) = nice(x.0, x.1);
        let (y0, y1, ystep) = nice(y.0, y.1);
        Axes {
            x: (x0, x1),
            y: (y0, y1),
            xstep,
            ystep,
        }
    }

    fn px(&self, x: f64) -> f64 {
        ML + (x - self.x.0) / (self.x.1 - self.x.0) * (W - ML - MR)
    }

    fn py(&self, y: f64) -> f64 {
        H - MB - (y - self.y.0) / (self.y.1 - self.y.0) * (H - MT - MB)
    }

    /// The frame, five ticks per axis with their values, and the axis titles.
    fn frame(&self, xlabel: &str, ylabel: &str) -> String {
        let mut s = format!(
            r##"<rect x="{ML}" y="{MT}" width="{}" height="{}" fill="none" stroke="#999"/>"##,
            W - ML - MR,
            H - MT - MB
        );
        let ticks = |(lo, hi): (f64, f64), step: f64| {
            let n = ((hi - lo) / step).round() as usize;
            (0..=n.min(20)).map(move |i| lo + i as f64 * step)
        };
        for xv in ticks(self.x, self.xstep) {
            let x = self.px(xv);
            let _ = write!(
                s,
                r##"<line x1="{x:.1}" y1="{b}" x2="{x:.1}" y2="{b2}" stroke="#999"/><text x="{x:.1}" y="{t}" text-anchor="middle">{}</text>"##,
                tick(xv, self.xstep),
                b = H - MB,
                b2 = H - MB + 4.0,
                t = H - MB + 16.0,
            );
        }
        for yv in ticks(self.y, self.ystep) {
            let y = self.py(yv);
            let _ = write!(
                s,
                r##"<line x1="{ML}" y1="{y:.1}" x2="{r}" y2="{y:.1}" stroke="#eee"/><text x="{l}" y="{y:.1}" text-anchor="end" dominant-baseline="middle">{}</text>"##,
                tick(yv, self.ystep),
                r = W - MR,
                l = ML - 6.0,
            );
        }
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text><text transform="translate(14 {}) rotate(-90)" text-anchor="middle">{}</text>"#,
            ML + (W - ML - MR) / 2.0,
            H - 6.0,
            esc(xlabel),
            MT + (H - MT - MB) / 2.0,
            esc(ylabel)
        );
        s
    }

    /// A polyline through the points, in the path's colour.
    fn line(&self, path: &str, pts: &[(f64, f64)]) -> String {
        let d: Vec<String> = pts
            .iter()
            .map(|(x, y)| format!("{:.1},{:.1}", self.px(*x), self.py(*y)))
            .collect();
        format!(
            r#"<polyline class="series" data-path="{path}" fill="none" stroke="{}" stroke-width="2" points="{}"/>"#,
            colour(path),
            d.join(" ")
        )
    }
}

/// A tick's value with as many decimals as its step needs.
fn tick(v: f64, step: f64) -> String {
    let decimals = (-step.log10().floor()).clamp(0.0, 6.0) as usize;
    format!("{v:.decimals$}")
}

/// A number for a tooltip: few digits, no trailing noise (the text report's rule).
fn num(v: f64) -> String {
    super::text::fmt_num(v)
}

/// One panel: a titled figure holding one chart.
fn panel(id: &str, title: &str, note: &str, body: &str) -> String {
    format!(
        r#"<figure class="panel" data-panel="{id}"><figcaption>{}</figcaption><svg class="chart" data-panel="{id}" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-label="{}">{body}</svg><p class="note">{}</p></figure>"#,
        esc(title),
        esc(title),
        esc(note)
    )
}

/// The measured requests of each offered path, in the report's order.
fn by_path<'a>(report: &'a Report, records: &'a [Record]) -> Vec<(&'static str, Vec<&'a Record>)> {
    report
        .paths
        .iter()
        .filter(|p| p.offered)
        .map(|p| {
            let v = records
                .iter()
                .filter(|r| r.path == p.name && !r.warmup)
                .collect();
            (p.name, v)
        })
        .collect()
}

/// Each path's ok values of `f`, sorted.
fn values(
    groups: &[(&'static str, Vec<&Record>)],
    f: fn(&Record) -> Option<f64>,
) -> Vec<(&'static str, Vec<f64>)> {
    groups
        .iter()
        .map(|(name, recs)| {
            let mut v: Vec<f64> = recs
                .iter()
                .filter(|r| r.ok())
                .filter_map(|r| f(r))
                .filter(|x| x.is_finite())
                .collect();
            v.sort_by(f64::total_cmp);
            (*name, v)
        })
        .collect()
}

fn ttft_cdf(groups: &[(&'static str, Vec<&Record>)]) -> String {
    let vals = values(groups, |r| r.ttft_ms);
    let all: Vec<f64> = vals.iter().flat_map(|(_, v)| v.iter().copied()).collect();
    let ax = Axes::new(&all, &[0.0, 1.0], true);
    let mut s = ax.frame("ttft (ms)", "fraction of ok requests");
    for (name, v) in &vals {
        if v.is_empty() {
            continue;
        }
        // An empirical CDF: a step up of 1/n at each value.
        let n = v.len() as f64;
        let mut pts = vec![(v[0], 0.0)];
        for (i, x) in v.iter().enumerate() {
            pts.push((*x, i as f64 / n));
            pts.push((*x, (i + 1) as f64 / n));
        }
        s.push_str(&ax.line(name, &pts));
    }
    panel(
        "ttft-cdf",
        "TTFT, cumulative",
        "Each step is one ok request: the share of requests whose first token came within x ms.",
        &s,
    )
}

/// Bins of the decode tok/s histogram.
const BINS: usize = 24;

fn decode_dist(groups: &[(&'static str, Vec<&Record>)]) -> String {
    let vals = values(groups, Record::decode_tps);
    let all: Vec<f64> = vals.iter().flat_map(|(_, v)| v.iter().copied()).collect();
    let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if lo.is_finite() && hi > lo {
        (lo, hi)
    } else if lo.is_finite() {
        (lo - 1.0, lo + 1.0)
    } else {
        (0.0, 1.0)
    };
    let width = (hi - lo) / BINS as f64;
    let shares: Vec<(&'static str, Vec<f64>)> = vals
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(name, v)| {
            let mut c = vec![0.0; BINS];
            for x in v {
                let i = (((x - lo) / width) as usize).min(BINS - 1);
                c[i] += 1.0 / v.len() as f64;
            }
            (*name, c)
        })
        .collect();
    let top: Vec<f64> = shares.iter().flat_map(|(_, c)| c.iter().copied()).collect();
    let ymax = top.iter().copied().fold(0.0, f64::max);
    let ax = Axes::of((lo, hi), (0.0, if ymax > 0.0 { ymax } else { 1.0 }));
    let mut s = ax.frame("decode tok/s", "share of ok requests");
    for (name, c) in &shares {
        // A histogram's outline: flat across each bin.
        let mut pts = vec![(lo, 0.0)];
        for (i, share) in c.iter().enumerate() {
            let a = lo + i as f64 * width;
            pts.push((a, *share));
            pts.push((a + width, *share));
        }
        pts.push((hi, 0.0));
        s.push_str(&ax.line(name, &pts));
    }
    panel(
        "decode-dist",
        "Decode tok/s, distribution",
        &format!("{BINS} bins from the lowest to the highest rate measured; each path's bars add up to 1."),
        &s,
    )
}

/// A failure's mark and name by class: 503 a cross, 429 a triangle, anything else a square.
fn failure_mark(class: Class, x: f64, y: f64, col: &str) -> (String, &'static str) {
    match class {
        Class::Shed503 => (
            format!(
                r#"<path class="fail" d="M{:.1},{:.1}l8,8m0,-8l-8,8" stroke="{col}" stroke-width="2"/>"#,
                x - 4.0,
                y - 4.0
            ),
            "503 load-shed",
        ),
        Class::RateLimited429 => (
            format!(
                r#"<path class="fail" d="M{x:.1},{:.1}l5,9h-10z" fill="{col}"/>"#,
                y - 5.0
            ),
            "429 rate limited",
        ),
        _ => (
            format!(
                r#"<rect class="fail" x="{:.1}" y="{:.1}" width="8" height="8" fill="none" stroke="{col}" stroke-width="2"/>"#,
                x - 4.0,
                y - 4.0
            ),
            "other failure",
        ),
    }
}

fn timeline(groups: &[(&'static str, Vec<&Record>)]) -> String {
    let xs: Vec<f64> = groups
        .iter()
        .flat_map(|(_, v)| v.iter().map(|r| r.t0_ms / 1000.0))
        .collect();
    let ys: Vec<f64> = groups
        .iter()
        .flat_map(|(_, v)| v.iter().filter_map(|r| r.ttft_ms))
        .collect();
    let ax = Axes::new(&xs, &ys, true);
    let mut s = ax.frame("request sent (s from the start)", "ttft (ms)");
    // Failures go in a band along the top, above the highest TTFT.
    let band = MT + 8.0;
    for (name, recs) in groups {
        let col = colour(name);
        for r in recs {
            let x = ax.px(r.t0_ms / 1000.0);
            let tip = |what: String| format!("<title>{name} #{}: {what}</title>", r.seq);
            match (r.outcome, r.ttft_ms) {
                (Outcome::Ok, Some(t)) => {
                    let _ = write!(
                        s,
                        r#"<circle class="req" cx="{x:.1}" cy="{:.1}" r="2.5" fill="{col}">{}</circle>"#,
                        ax.py(t),
                        tip(format!("ttft {} ms", num(t)))
                    );
                }
                (Outcome::Ok, None) => {}
                (Outcome::Failed(c), _) => {
                    let (mark, what) = failure_mark(c, x, band, col);
                    let status = r.status.map_or(String::new(), |s| format!(" (HTTP {s})"));
                    let _ = write!(s, "<g>{mark}{}</g>", tip(format!("{what}{status}")));
                }
            }
        }
    }
    panel(
        "timeline",
        "Every request: sent vs TTFT",
        "Dots are ok requests; along the top, failures: × 503 load-shed, ▲ 429 rate limited, □ any other failure.",
        &s,
    )
}

/// The two sweep panels: rate against ttft p90, and against goodput.
fn sweep_panels(report: &Report) -> String {
    let Some(sw) = &report.sweep else {
        return String::new();
    };
    let with_slo = sw.min_slo_fraction.is_some();
    type Pick = fn(&crate::bench::sweep::StepPath) -> Option<f64>;
    let charts: [(&str, &str, &str, Pick); 2] = [
        (
            "sweep-ttft",
            "Sweep: rate vs ttft p90",
            "ttft p90 (ms)",
            |p| p.ttft_p90_ms,
        ),
        (
            "sweep-goodput",
            "Sweep: rate vs goodput",
            "goodput (req/s)",
            if with_slo {
                |p| p.goodput_rps
            } else {
                // Without --slo every ok request counts.
                |p| p.achieved_rps.zip(p.availability).map(|(a, v)| a * v)
            },
        ),
    ];
    let mut out = String::new();
    for (id, title, ylabel, pick) in charts {
        let series: Vec<(&'static str, Vec<(f64, f64)>)> = sw
            .paths
            .iter()
            .map(|end| {
                let pts = sw
                    .steps
                    .iter()
                    .filter_map(|st| {
                        let p = st.paths.iter().find(|p| p.name == end.name)?;
                        Some((st.rate_per_path, pick(p)?))
                    })
                    .collect();
                (end.name, pts)
            })
            .collect();
        let xs: Vec<f64> = sw.steps.iter().map(|s| s.rate_per_path).collect();
        let ys: Vec<f64> = series
            .iter()
            .flat_map(|(_, v)| v.iter().map(|p| p.1))
            .collect();
        let ax = Axes::new(&xs, &ys, true);
        let mut s = ax.frame("rate asked (req/s per path)", ylabel);
        for (name, pts) in &series {
            s.push_str(&ax.line(name, pts));
            for (x, y) in pts {
                let _ = write!(
                    s,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{}"><title>{name} at {}/s: {}</title></circle>"#,
                    ax.px(*x),
                    ax.py(*y),
                    colour(name),
                    num(*x),
                    num(*y)
                );
            }
        }
        let note = if id == "sweep-ttft" {
            "One point per step and path."
        } else if with_slo {
            "Requests meeting every --slo objective, per second of the step."
        } else {
            "No --slo was given: every ok request counts (achieved rate × availability)."
        };
        out.push_str(&panel(id, title, note, &s));
    }
    out
}

/// The whole page.
pub fn render(report: &Report, records: &[Record]) -> String {
    let groups = by_path(report, records);
    let cfg = &report.config;
    let field = |k: &str| cfg[k].as_str().map(esc).unwrap_or_else(|| "-".into());
    let legend: String = groups
        .iter()
        .map(|(name, recs)| {
            format!(
                r#"<span class="key"><span class="sw" style="background:{}"></span>{name} ({} requests)</span>"#,
                colour(name),
                recs.len()
            )
        })
        .collect();
    let mut body = String::new();
    body.push_str(&ttft_cdf(&groups));
    body.push_str(&decode_dist(&groups));
    body.push_str(&timeline(&groups));
    body.push_str(&sweep_panels(report));
    let ended = report.sweep.as_ref().map_or(String::new(), |s| {
        format!("<p>Sweep: {}</p>", esc(&s.summary))
    });
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>fw bench report</title>
<style>
body{{font:14px system-ui,sans-serif;margin:24px;color:#222}}
h1{{font-size:20px;margin:0 0 4px}}
.meta{{color:#555;margin:0 0 12px}}
.key{{margin-right:18px}}
.sw{{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:-1px}}
.grid{{display:flex;flex-wrap:wrap;gap:16px}}
figure{{margin:0;border:1px solid #ddd;padding:8px;background:#fff}}
figcaption{{font-weight:600;margin-bottom:4px}}
svg text{{font-size:11px;fill:#333}}
.note{{color:#666;font-size:12px;margin:4px 0 0;max-width:{W}px}}
</style></head>
<body>
<h1>fw bench</h1>
<p class="meta">model {} · load {} · started {} · result {}</p>
<p>{legend}</p>
{ended}<div class="grid">
{body}
</div>
<script>
document.body.setAttribute("data-charts", String(document.querySelectorAll("svg.chart").length));
</script>
</body></html>
"#,
        field("model"),
        esc(cfg["load"]["summary"].as_str().unwrap_or("-")),
        esc(&report.started_at),
        esc(report.result),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::fixtures::fixed_report;

    fn page() -> String {
        let mut recs: Vec<Record> = (0..4)
            .map(|i| {
                let mut r = crate::bench::fixtures::rec("fast", Outcome::Ok, false, 40.0, 20);
                r.t0_ms = 100.0 * f64::from(i);
                r
            })
            .collect();
        let mut failed = Record::new("fast", 9, false);
        failed.outcome = Outcome::Failed(Class::RateLimited429);
        failed.status = Some(429);
        failed.error = Some("<script>alert(1)</script> see https://example.com".into());
        recs.push(failed);
        render(&fixed_report(), &recs)
    }

    #[test]
    fn nice_ticks() {
        assert_eq!(nice(0.0, 32.7), (0.0, 40.0, 10.0));
        assert_eq!(nice(413.0, 2879.0), (0.0, 3000.0, 500.0));
        assert_eq!(nice(0.0, 1.0), (0.0, 1.0, 0.2));
        assert_eq!(tick(0.4, 0.2), "0.4");
        assert_eq!(tick(1500.0, 500.0), "1500");
    }

    #[test]
    fn three_panels_without_a_sweep_and_no_server_text() {
        let p = page();
        assert_eq!(p.matches(r#"<svg class="chart""#).count(), 3);
        assert_eq!(p.matches(r#"class="fail""#).count(), 1);
        assert!(p.contains("429 rate limited (HTTP 429)"));
        assert!(
            !p.contains("alert(1)") && !p.contains("http"),
            "no server text, no URL"
        );
        assert_eq!(p.matches("<script>").count(), 1);
    }

    #[test]
    fn escaping() {
        assert_eq!(esc("a<b>&\"'\u{1b}"), "a&lt;b&gt;&amp;&quot;&#39;");
    }
}

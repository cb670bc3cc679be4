//! `fw bench --sweep`: open-loop runs at increasing request rates, every path interleaved at
//! every step, so each path gets a curve instead of a point. A step is an ordinary open-loop
//! run (`-n` requests per path, or `--duration` seconds, at the step's rate per path); warm-up
//! runs before the first step only. Per path and step the sweep keeps the achieved rate,
//! availability (503 and 429 counts), ttft p50/p90, decode tok/s p50/p10 and, with `--slo`,
//! the SLO fraction and goodput, and whether the path *held*: availability at least
//! `--sweep-min-availability` and, with `--slo`, an SLO fraction at least `--sweep-min-slo`.
//! `auto` ramps from `--sweep-start` by `--sweep-factor` for at most `--sweep-steps` steps; a
//! path that misses leaves the ramp, and the sweep ends when none is left. Any sweep ends at
//! once on a burst of `--sweep-burst` 429s in a row on one path: Fireworks limits spikes, and
//! the report then says that rate limits, not the serving path, ended it.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::Result;
use serde::Serialize;

use super::record::{Outcome, Record};
use super::runner::{Cut, Outcomes, Plan};
use super::slo::{self, Slo};
use super::summary::PathReport;
use crate::exit::Class;

/// `auto`'s first rate, requests per second per path.
pub const AUTO_START: f64 = 1.0;
/// `auto` multiplies the rate by this at each step: gradually, since Fireworks limits spikes.
pub const AUTO_FACTOR: f64 = 1.5;
/// `auto` runs at most this many steps, so it always ends.
pub const AUTO_STEPS: usize = 8;
/// A path holds a step with at least this fraction of requests meeting the SLOs...
pub const MIN_SLO: f64 = 0.9;
/// ...and at least this availability.
pub const MIN_AVAILABILITY: f64 = 0.95;
/// This many 429s in a row on one path end the sweep.
pub const BURST: usize = 5;

/// The rates `--sweep` asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Rates {
    /// These, in order (strictly increasing).
    List(Vec<f64>),
    /// The ramp of `Spec`.
    Auto,
}

/// A clap value parser for `--sweep`: `auto`, or rates per second per path, comma-separated,
/// strictly increasing.
pub fn parse_rates(text: &str) -> Result<Rates, String> {
    if text.trim() == "auto" {
        return Ok(Rates::Auto);
    }
    let rates = text
        .split(',')
        .map(crate::limits::parse_rate)
        .collect::<Result<Vec<f64>, String>>()
        .map_err(|e| format!("{e} (give `auto` or rates such as 1,2,4,8)"))?;
    if rates.windows(2).any(|w| w[1] <= w[0]) {
        return Err("the rates must increase, such as 1,2,4,8".into());
    }
    Ok(Rates::List(rates))
}

/// A clap value parser for `--sweep-factor`: above 1 (the ramp must rise), at most 10.
pub fn parse_factor(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(f) if f > 1.0 && f <= 10.0 => Ok(f),
        _ => Err(format!("{text:?} is not a factor above 1 and at most 10")),
    }
}

/// A sweep as asked, its ramp and stop levels resolved.
#[derive(Debug, Clone)]
pub struct Spec {
    pub rates: Rates,
    pub start: f64,
    pub factor: f64,
    pub steps: usize,
    pub min_slo: f64,
    pub min_availability: f64,
    pub burst: usize,
}

impl Spec {
    /// The rate per path of step `i`, `None` past the last step.
    pub fn rate(&self, i: usize) -> Option<f64> {
        match &self.rates {
            Rates::List(v) => v.get(i).copied(),
            Rates::Auto => {
                let r = self.start * self.factor.powi(i32::try_from(i).ok()?);
                (i < self.steps && r <= crate::limits::RATE_RANGE.1).then_some(r)
            }
        }
    }

    fn auto(&self) -> bool {
        self.rates == Rates::Auto
    }
}

/// One path at one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepPath {
    pub name: &'static str,
    /// (requests sent − 1) / (last send − first send): the rate the client achieved, per second.
    pub achieved_rps: Option<f64>,
    pub attempted: usize,
    pub ok: usize,
    pub shed_503: usize,
    pub rate_limited_429: usize,
    pub availability: Option<f64>,
    pub ttft_p50_ms: Option<f64>,
    pub ttft_p90_ms: Option<f64>,
    pub decode_tps_p50: Option<f64>,
    pub decode_tps_p10: Option<f64>,
    /// With `--slo`: requests meeting them / attempted, and that count per second.
    pub slo_fraction: Option<f64>,
    pub goodput_rps: Option<f64>,
    /// Availability and SLO fraction at or above the stop levels.
    pub held: bool,
    /// Why it did not hold: "rate_limits" (availability under the level, mostly 429s),
    /// "availability", or "slo".
    pub missed: Option<&'static str>,
}

/// One step: its rate and every path still in the sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub step: usize,
    pub rate_per_path: f64,
    pub paths: Vec<StepPath>,
    /// The path whose burst of 429s cut this step short.
    pub cut_by_429: Option<&'static str>,
}

/// Where one path's curve ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathEnd {
    pub name: &'static str,
    /// The highest rate per path it held, with every lower step held too (a step cut short
    /// by a burst of 429s counts for no path).
    pub highest_held_rate: Option<f64>,
    /// The rate of its first step that did not hold, and why.
    pub missed_at_rate: Option<f64>,
    pub missed: Option<&'static str>,
}

/// The ramp of an `auto` sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ramp {
    pub start: f64,
    pub factor: f64,
    pub max_steps: usize,
}

/// The report's `sweep` section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sweep {
    /// "list" or "auto".
    pub mode: &'static str,
    /// The rates asked for (a list sweep).
    pub rates: Option<Vec<f64>>,
    pub ramp: Option<Ramp>,
    /// The SLO fraction a path needs to hold a step; null without `--slo`.
    pub min_slo_fraction: Option<f64>,
    pub min_availability: f64,
    pub burst_429: usize,
    pub steps: Vec<Step>,
    pub paths: Vec<PathEnd>,
    /// "rates_done", "paths_missed", "max_steps", "rate_limits" or "interrupted".
    pub ended_by: &'static str,
    /// Rate limits, not the serving paths, ended the sweep.
    pub ended_by_rate_limits: bool,
    /// One sentence saying why the sweep ended.
    pub summary: String,
}

/// A `Cut` that fires on `n` 429s in a row on one path (in the order requests end), and
/// notes that path in `hit`.
pub fn burst_cut(n: usize, hit: Arc<Mutex<Option<&'static str>>>) -> Cut {
    let runs: Mutex<BTreeMap<&'static str, usize>> = Mutex::default();
    Arc::new(move |r: &Record| {
        let Ok(mut runs) = runs.lock() else {
            return false;
        };
        let c = runs.entry(r.path).or_insert(0);
        *c = match r.outcome {
            Outcome::Failed(Class::RateLimited429) => *c + 1,
            _ => 0,
        };
        if *c < n {
            return false;
        }
        if let Ok(mut h) = hit.lock() {
            h.get_or_insert(r.path);
        }
        true
    })
}

/// One path's figures over one step's records, judged against the stop levels.
pub fn step_path(name: &'static str, records: &[Record], slos: &[Slo], spec: &Spec) -> StepPath {
    let p = PathReport::from_records(name, None, None, records, 0, None);
    let s = slo::evaluate(name, records, slos);
    let mut sends: Vec<f64> = records
        .iter()
        .filter(|r| r.path == name && !r.warmup)
        .map(|r| r.t0_ms)
        .collect();
    sends.sort_by(f64::total_cmp);
    let achieved_rps = match (sends.first(), sends.last()) {
        (Some(a), Some(b)) if b > a => Some((sends.len() - 1) as f64 / ((b - a) / 1000.0)),
        _ => None,
    };
    let c = &p.requests;
    let available = p.availability.is_some_and(|a| a >= spec.min_availability);
    let slo_fraction = s.as_ref().and_then(|s| s.fraction);
    let slo_ok = s.is_none() || slo_fraction.is_some_and(|f| f >= spec.min_slo);
    let missed = if !available {
        let other_failures = c.attempted - c.ok - c.rate_limited_429;
        Some(if c.rate_limited_429 > other_failures {
            "rate_limits"
        } else {
            "availability"
        })
    } else if !slo_ok {
        Some("slo")
    } else {
        None
    };
    let pick = |d: &Option<super::stats::Dist>, k: &str| d.as_ref().and_then(|d| d.get(k));
    StepPath {
        name,
        achieved_rps,
        attempted: c.attempted,
        ok: c.ok,
        shed_503: c.shed_503,
        rate_limited_429: c.rate_limited_429,
        availability: p.availability,
        ttft_p50_ms: pick(&p.ttft_ms, "p50"),
        ttft_p90_ms: pick(&p.ttft_ms, "p90"),
        decode_tps_p50: pick(&p.decode_tps, "p50"),
        decode_tps_p10: pick(&p.decode_tps, "p10"),
        slo_fraction,
        goodput_rps: s.and_then(|s| s.goodput_rps),
        held: missed.is_none(),
        missed,
    }
}

/// Builds the plan of one step: (rate per path, step number, the paths still in the sweep).
pub type MakePlan<'a> = dyn FnMut(f64, usize, &[&'static str]) -> Plan + 'a;
/// Runs one step's plan.
pub type RunPlan<'a> = dyn FnMut(Plan) -> Result<Outcomes> + 'a;

/// Runs the sweep over `paths` step by step: every step's records (their `step` set, their
/// sequence numbers continuing per path, their times from the first step's start) in one
/// `Outcomes`, and the sweep's section of the report.
pub fn run(
    spec: &Spec,
    paths: &[&'static str],
    slos: &[Slo],
    make_plan: &mut MakePlan,
    run_plan: &mut RunPlan,
) -> Result<(Outcomes, Sweep)> {
    let mut active = paths.to_vec();
    let mut ends: Vec<PathEnd> = paths
        .iter()
        .map(|&name| PathEnd {
            name,
            highest_held_rate: None,
            missed_at_rate: None,
            missed: None,
        })
        .collect();
    let mut next_seq: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut steps = Vec::new();
    let mut all: Option<Outcomes> = None;
    let ended_by = loop {
        let i = steps.len();
        let Some(rate) = spec.rate(i) else {
            break if spec.auto() {
                "max_steps"
            } else {
                "rates_done"
            };
        };
        let mut plan = make_plan(rate, i, &active);
        let hit = Arc::new(Mutex::new(None));
        plan.cut = Some(burst_cut(spec.burst, hit.clone()));
        // Sequence numbers continue from the last step, so no two requests of a path share a
        // prompt prefix and the cache cannot serve a later step.
        let offsets: Vec<usize> = active
            .iter()
            .map(|n| next_seq.get(n).copied().unwrap_or(0))
            .collect();
        let make = plan.make.clone();
        plan.make = Arc::new(move |p, seq| make(p, seq + offsets[p]));
        let mut out = run_plan(plan)?;
        for r in &mut out.records {
            r.step = Some(i);
            r.seq += next_seq.get(r.path).copied().unwrap_or(0);
        }
        for r in &out.records {
            let e = next_seq.entry(r.path).or_insert(0);
            *e = (*e).max(r.seq + 1);
        }
        let cut_by_429 = hit.lock().ok().and_then(|h| *h);
        let figures: Vec<StepPath> = active
            .iter()
            .map(|&n| step_path(n, &out.records, slos, spec))
            .collect();
        for f in &figures {
            let Some(end) = ends.iter_mut().find(|e| e.name == f.name) else {
                continue;
            };
            if end.missed.is_some() {
                continue;
            }
            if f.held {
                // A step cut short did not run its course: holding it proves nothing.
                if cut_by_429.is_none() {
                    end.highest_held_rate = Some(rate);
                }
            } else {
                end.missed_at_rate = Some(rate);
                end.missed = f.missed;
            }
        }
        if spec.auto() {
            active.retain(|n| ends.iter().any(|e| e.name == *n && e.missed.is_none()));
        }
        let interrupted = out.interrupted;
        all = Some(match all {
            None => out,
            Some(a) => join(a, out),
        });
        steps.push(Step {
            step: i,
            rate_per_path: rate,
            paths: figures,
            cut_by_429,
        });
        if interrupted {
            break "interrupted";
        }
        if cut_by_429.is_some() {
            break "rate_limits";
        }
        if active.is_empty() {
            let by_limits = ends.iter().all(|e| e.missed == Some("rate_limits"));
            break if by_limits {
                "rate_limits"
            } else {
                "paths_missed"
            };
        }
    };
    let all = all.unwrap_or_else(|| Outcomes {
        start: Instant::now(),
        records: Vec::new(),
        lag_ms: Vec::new(),
        connects: Vec::new(),
        cpu_s: 0.0,
        wall_s: 0.0,
        interrupted: false,
    });
    let summary = summary(ended_by, &steps, spec);
    let sweep = Sweep {
        mode: if spec.auto() { "auto" } else { "list" },
        rates: match &spec.rates {
            Rates::List(v) => Some(v.clone()),
            Rates::Auto => None,
        },
        ramp: spec.auto().then_some(Ramp {
            start: spec.start,
            factor: spec.factor,
            max_steps: spec.steps,
        }),
        min_slo_fraction: (!slos.is_empty()).then_some(spec.min_slo),
        min_availability: spec.min_availability,
        burst_429: spec.burst,
        steps,
        paths: ends,
        ended_by,
        ended_by_rate_limits: ended_by == "rate_limits",
        summary,
    };
    Ok((all, sweep))
}

/// Why the sweep ended, in one sentence.
fn summary(ended_by: &str, steps: &[Step], spec: &Spec) -> String {
    let last = steps.last();
    let rate = last.map_or(0.0, |s| s.rate_per_path);
    match ended_by {
        "rate_limits" => {
            let burst = last.and_then(|s| s.cut_by_429).map_or_else(
                || "every path's availability fell mostly to 429s".to_string(),
                |p| format!("{} 429s in a row on {p}", spec.burst),
            );
            format!(
                "rate limits, not the serving path, ended the sweep at {rate} req/s per path: \
                 {burst}; Fireworks limits spikes and raises limits on sustained traffic, so \
                 ramp more gently (--sweep-factor) or ask for higher limits"
            )
        }
        "paths_missed" => format!(
            "every path fell under the stop levels by {rate} req/s per path: the serving \
             paths ended the sweep"
        ),
        "max_steps" => format!(
            "the ramp reached its last step ({} steps, {rate} req/s per path) with paths still \
             holding: raise --sweep-steps or --sweep-start to go further",
            steps.len()
        ),
        "interrupted" => format!("interrupted during the step at {rate} req/s per path"),
        _ => format!("every asked rate was run ({} steps)", steps.len()),
    }
}

/// `b` after `a`: b's times moved onto a's clock, the client's figures added up.
fn join(mut a: Outcomes, b: Outcomes) -> Outcomes {
    let shift = b.start.saturating_duration_since(a.start).as_secs_f64() * 1000.0;
    a.records.extend(b.records.into_iter().map(|mut r| {
        r.sched_ms += shift;
        r.t0_ms += shift;
        r
    }));
    a.lag_ms
        .extend(b.lag_ms.into_iter().map(|(t, l)| (t + shift, l)));
    // Every step's connection log holds the connections of the steps before it too.
    let seen = a.connects.len();
    a.connects.extend(
        b.connects
            .into_iter()
            .skip(seen)
            .map(|(t, d)| (t + shift, d)),
    );
    a.cpu_s += b.cpu_s;
    a.wall_s = shift / 1000.0 + b.wall_s;
    a.interrupted |= b.interrupted;
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::request::Request;
    use crate::bench::runner::Load;
    use crate::bench::BenchApi;

    fn spec(rates: Rates) -> Spec {
        Spec {
            rates,
            start: AUTO_START,
            factor: AUTO_FACTOR,
            steps: AUTO_STEPS,
            min_slo: MIN_SLO,
            min_availability: MIN_AVAILABILITY,
            burst: 3,
        }
    }

    #[test]
    fn rates_parse_and_ramp() {
        assert_eq!(parse_rates("auto"), Ok(Rates::Auto));
        assert_eq!(parse_rates("1,2,4.5"), Ok(Rates::List(vec![1.0, 2.0, 4.5])));
        assert!(parse_rates("2,1").unwrap_err().contains("increase"));
        assert!(parse_rates("1,x").unwrap_err().contains("auto"));
        assert!(parse_rates("0").is_err());
        let s = spec(Rates::Auto);
        let ramp: Vec<f64> = (0..).map_while(|i| s.rate(i)).collect();
        assert_eq!(ramp.len(), AUTO_STEPS);
        assert_eq!(&ramp[..3], &[1.0, 1.5, 2.25]);
        assert_eq!(spec(Rates::List(vec![1.0, 3.0])).rate(2), None);
        assert_eq!(parse_factor("2"), Ok(2.0));
        assert!(parse_factor("1").is_err() && parse_factor("11").is_err());
    }

    /// A fake step: `per_path` requests per path, sent 100 ms apart, each ok or failed as
    /// `outcome(path, step, k)` says.
    fn fake(
        per_path: usize,
        outcome: fn(&str, usize, usize) -> Outcome,
    ) -> impl FnMut(Plan) -> Result<Outcomes> {
        let mut step = 0;
        move |plan: Plan| {
            let mut records = Vec::new();
            for k in 0..per_path {
                for (p, &name) in plan.paths.iter().enumerate() {
                    let _ = (plan.make)(p, k);
                    let mut r = Record::new(name, k, false);
                    r.outcome = outcome(name, step, k);
                    r.t0_ms = k as f64 * 100.0;
                    r.e2e_ms = 50.0;
                    if r.ok() {
                        r.ttft_ms = Some(10.0 + step as f64);
                        r.last_token_ms = Some(40.0);
                        r.output_tokens = Some(4);
                    }
                    let cut = plan.cut.as_ref().is_some_and(|c| c(&r));
                    records.push(r);
                    if cut {
                        step += 1;
                        return Ok(done(records));
                    }
                }
            }
            step += 1;
            Ok(done(records))
        }
    }

    fn done(records: Vec<Record>) -> Outcomes {
        Outcomes {
            start: Instant::now(),
            records,
            lag_ms: Vec::new(),
            connects: Vec::new(),
            cpu_s: 0.01,
            wall_s: 0.5,
            interrupted: false,
        }
    }

    fn plan(_: f64, _: usize, paths: &[&'static str]) -> Plan {
        Plan {
            paths: paths.to_vec(),
            warmup: 0,
            n: Some(10),
            duration: None,
            load: Load::Closed(1),
            api: BenchApi::Chat,
            make: Arc::new(|_, _| Request::get(String::new())),
            limits: Default::default(),
            cut: None,
        }
    }

    const SHED: Outcome = Outcome::Failed(Class::Shed503);
    const LIMITED: Outcome = Outcome::Failed(Class::RateLimited429);

    #[test]
    fn auto_drops_each_path_at_its_first_miss() {
        // fast sheds 1 in 10 from step 2; standard from step 3; 10 per step each.
        let outcome = |path: &str, step: usize, k: usize| {
            let from = if path == "fast" { 2 } else { 3 };
            if step >= from && k == 0 {
                SHED
            } else {
                Outcome::Ok
            }
        };
        let s = spec(Rates::Auto);
        let (out, sw) = run(
            &s,
            &["standard", "fast"],
            &[],
            &mut plan,
            &mut fake(10, outcome),
        )
        .unwrap();
        assert_eq!(sw.steps.len(), 4);
        assert_eq!(sw.steps[2].paths.len(), 2);
        assert_eq!(sw.steps[3].paths.len(), 1, "fast left after its miss");
        assert_eq!(sw.ended_by, "paths_missed");
        assert!(!sw.ended_by_rate_limits);
        let fast = &sw.paths[1];
        assert_eq!(
            (fast.highest_held_rate, fast.missed_at_rate, fast.missed),
            (Some(1.5), Some(2.25), Some("availability"))
        );
        assert_eq!(sw.paths[0].highest_held_rate, Some(2.25));
        assert_eq!(sw.steps[2].paths[1].availability, Some(0.9));
        assert_eq!(sw.steps[2].paths[1].shed_503, 1);
        assert_eq!(sw.steps[0].paths[0].achieved_rps, Some(10.0));
        // 10 + 10 + 10 + 10 standard, 10 + 10 + 10 fast; seqs continue across steps.
        assert_eq!(out.records.len(), 70);
        let last_fast = out
            .records
            .iter()
            .filter(|r| r.path == "fast")
            .map(|r| r.seq);
        assert_eq!(last_fast.max(), Some(29));
        assert!(out.records.iter().all(|r| r.step.is_some()));
        assert!((out.cpu_s - 0.04).abs() < 1e-9);
    }

    #[test]
    fn a_burst_of_429s_ends_any_sweep_and_says_so() {
        let outcome =
            |_: &str, step: usize, _: usize| if step == 1 { LIMITED } else { Outcome::Ok };
        let s = spec(Rates::List(vec![1.0, 2.0, 4.0]));
        let (out, sw) = run(&s, &["fast"], &[], &mut plan, &mut fake(10, outcome)).unwrap();
        assert_eq!(sw.steps.len(), 2);
        assert_eq!(sw.steps[1].cut_by_429, Some("fast"));
        assert_eq!(
            sw.steps[1].paths[0].rate_limited_429, 3,
            "cut after the third"
        );
        assert_eq!(sw.steps[1].paths[0].missed, Some("rate_limits"));
        assert_eq!(sw.ended_by, "rate_limits");
        assert!(sw.summary.starts_with("rate limits, not the serving path"));
        assert_eq!(sw.paths[0].highest_held_rate, Some(1.0));
        assert_eq!(out.records.len(), 13);
    }

    #[test]
    fn a_list_runs_every_rate_and_an_slo_miss_is_named() {
        let slos = slo::parse(&["ttft<=11ms".into()]).unwrap();
        let s = spec(Rates::List(vec![1.0, 2.0, 3.0]));
        let ok = |_: &str, _: usize, _: usize| Outcome::Ok;
        let (_, sw) = run(&s, &["fast"], &slos, &mut plan, &mut fake(4, ok)).unwrap();
        // ttft is 10 + step: step 2 (12 ms) misses, and the list still runs it.
        assert_eq!(sw.steps.len(), 3);
        assert_eq!(sw.ended_by, "rates_done");
        assert_eq!(sw.paths[0].highest_held_rate, Some(2.0));
        assert_eq!(sw.paths[0].missed, Some("slo"));
        assert_eq!(sw.steps[2].paths[0].slo_fraction, Some(0.0));
        assert_eq!(sw.steps[0].paths[0].goodput_rps, Some(4.0 / 0.35));
        assert_eq!(sw.min_slo_fraction, Some(MIN_SLO));
    }

    #[test]
    fn the_ramp_always_ends() {
        let s = Spec {
            steps: 3,
            ..spec(Rates::Auto)
        };
        let ok = |_: &str, _: usize, _: usize| Outcome::Ok;
        let (_, sw) = run(&s, &["fast"], &[], &mut plan, &mut fake(2, ok)).unwrap();
        assert_eq!(sw.steps.len(), 3);
        assert_eq!(sw.ended_by, "max_steps");
        assert!(sw.summary.contains("--sweep-steps"));
    }
}

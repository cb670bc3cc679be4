//! What a run measured, per path and for the client, summarised from the records: pure
//! functions over stored samples (warm-up excluded), so the same records always give the same
//! numbers. Judging those numbers is `judge`'s job, showing them `export`'s.

use serde::Serialize;

use super::plan::Resolved;
use super::record::{Outcome, Record};
use super::runner::Outcomes;
use super::stats::{dist, Dist};
use crate::exit::Class;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub attempted: usize,
    pub ok: usize,
    pub shed_503: usize,
    pub rate_limited_429: usize,
    pub server_5xx: usize,
    pub client_4xx: usize,
    pub timeout: usize,
    pub cut_off: usize,
    pub mid_stream_error: usize,
    pub malformed: usize,
    pub network: usize,
    /// Requests sent a second time because their pooled connection was already closed.
    pub resent: usize,
}

/// What was measured on one serving path.
#[derive(Debug, Clone, Serialize)]
pub struct PathReport {
    pub name: &'static str,
    pub offered: bool,
    /// Why the path was not run, when it was not.
    pub not_offered: Option<String>,
    pub model: Option<String>,
    pub service_tier: Option<&'static str>,
    pub requests: Counts,
    /// ok / attempted.
    pub availability: Option<f64>,
    /// Failures other than 503 and 429, over attempted.
    pub error_rate: Option<f64>,
    pub ttft_ms: Option<Dist>,
    pub ttfat_ms: Option<Dist>,
    pub ttfb_ms: Option<Dist>,
    pub e2e_ms: Option<Dist>,
    pub decode_tps: Option<Dist>,
    pub e2e_tps: Option<Dist>,
    pub itl_ms: Option<Dist>,
    pub tokens_per_event: Option<Dist>,
    pub output_tokens: Option<Dist>,
    /// "usage" (the server's counts), "estimated" (counted events) or "mixed".
    pub tokens_source: Option<&'static str>,
    pub prompt_tokens: Option<Dist>,
    pub cached_prompt_tokens: u64,
    /// Cached prompt tokens over all prompt tokens of ok requests.
    pub cached_share: Option<f64>,
    pub server_ttft_ms: Option<Dist>,
    pub server_decode_tps: Option<Dist>,
    /// All ok output tokens / (last stream end - first send) of this path, tokens per second.
    pub agg_output_tps: Option<f64>,
    /// Ok requests whose output was under 90% of --max-tokens.
    pub short_outputs: usize,
    /// Estimated cost of the ok requests from the catalogue's prices, in USD: total and per
    /// request.
    pub cost_usd: Option<f64>,
    pub cost_usd_per_request: Option<f64>,
    /// The `--slo` objectives on this path's measured requests; null without `--slo`.
    pub slo: Option<super::slo::SloResult>,
    /// What the service said of its rate limits on this path; null when it said nothing.
    pub rate_limits: Option<RateLimits>,
}

/// The `x-ratelimit-*` headers seen on one path's measured replies.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RateLimits {
    /// The lowest value of each `remaining-*` header (`remaining-requests`, ...).
    pub lowest_remaining: std::collections::BTreeMap<String, f64>,
    /// The highest value of each `limit-*` header: Fireworks raises limits with sustained use.
    pub limits: std::collections::BTreeMap<String, f64>,
    /// Replies that said `x-ratelimit-over-limit: yes`.
    pub over_limit: usize,
}

impl RateLimits {
    /// From a path's measured records; `None` when no reply carried such a header.
    fn of(recs: &[&Record]) -> Option<RateLimits> {
        let mut r = RateLimits::default();
        for rec in recs {
            r.over_limit += usize::from(rec.over_limit);
            for (name, &v) in &rec.rate_limits {
                let (map, keep_low) = if name.starts_with("remaining-") {
                    (&mut r.lowest_remaining, true)
                } else {
                    (&mut r.limits, false)
                };
                let e = map.entry(name.clone()).or_insert(v);
                *e = if keep_low { e.min(v) } else { e.max(v) };
            }
        }
        (r != RateLimits::default()).then_some(r)
    }
}

impl PathReport {
    pub fn not_offered(name: &'static str, why: String) -> PathReport {
        let mut p = PathReport::from_records(name, None, None, &[], 0, None);
        p.offered = false;
        p.not_offered = Some(why);
        p
    }

    /// Summarises the measured (non-warm-up) records of one path.
    pub fn from_records(
        name: &'static str,
        model: Option<String>,
        service_tier: Option<&'static str>,
        all: &[Record],
        max_tokens: u64,
        price: Option<crate::serving::Price>,
    ) -> PathReport {
        let recs: Vec<&Record> = all.iter().filter(|r| r.path == name && !r.warmup).collect();
        let ok: Vec<&Record> = recs.iter().copied().filter(|r| r.ok()).collect();
        let mut c = Counts {
            attempted: recs.len(),
            ..Counts::default()
        };
        for r in &recs {
            let slot = match r.outcome {
                Outcome::Ok => &mut c.ok,
                Outcome::Failed(Class::Shed503) => &mut c.shed_503,
                Outcome::Failed(Class::RateLimited429) => &mut c.rate_limited_429,
                Outcome::Failed(Class::Server5xx) => &mut c.server_5xx,
                Outcome::Failed(Class::Client4xx) => &mut c.client_4xx,
                Outcome::Failed(Class::Timeout) => &mut c.timeout,
                Outcome::Failed(Class::CutOff) => &mut c.cut_off,
                Outcome::Failed(Class::MidStreamError) => &mut c.mid_stream_error,
                Outcome::Failed(Class::Malformed) => &mut c.malformed,
                Outcome::Failed(Class::Network | Class::Local) => &mut c.network,
            };
            *slot += 1;
            c.resent += usize::from(r.resent);
        }
        let of = |f: &dyn Fn(&Record) -> Option<f64>| -> Option<Dist> {
            dist(&ok.iter().filter_map(|r| f(r)).collect::<Vec<_>>())
        };
        let attempted = c.attempted as f64;
        let errors = recs
            .iter()
            .filter(|r| !r.ok() && !r.outcome.is_availability())
            .count();
        let estimated = ok.iter().filter(|r| r.tokens_estimated).count();
        let tokens_source = match (ok.len(), estimated) {
            (0, _) => None,
            (_, 0) => Some("usage"),
            (n, e) if n == e => Some("estimated"),
            _ => Some("mixed"),
        };
        let cost = price.map(|p| {
            ok.iter()
                .map(|r| {
                    p.cost(
                        r.prompt_tokens.unwrap_or(0),
                        r.cached_tokens.unwrap_or(0),
                        r.output_tokens.unwrap_or(0),
                    )
                })
                .sum::<f64>()
        });
        let agg_output_tps = {
            let first = ok.iter().map(|r| r.t0_ms).fold(f64::INFINITY, f64::min);
            let last = ok
                .iter()
                .map(|r| r.t0_ms + r.e2e_ms)
                .fold(f64::NEG_INFINITY, f64::max);
            let tokens: u64 = ok
                .iter()
                .filter_map(|r| r.output_tokens)
                .fold(0, u64::saturating_add);
            (last > first).then(|| tokens as f64 / ((last - first) / 1000.0))
        };
        PathReport {
            name,
            offered: true,
            not_offered: None,
            model,
            service_tier,
            availability: (c.attempted > 0).then(|| c.ok as f64 / attempted),
            error_rate: (c.attempted > 0).then(|| errors as f64 / attempted),
            ttft_ms: of(&|r| r.ttft_ms),
            ttfat_ms: of(&|r| r.ttfat_ms),
            ttfb_ms: of(&|r| r.ttfb_ms),
            e2e_ms: of(&|r| Some(r.e2e_ms)),
            decode_tps: of(&|r| r.decode_tps()),
            e2e_tps: of(&|r| r.e2e_tps()),
            itl_ms: of(&|r| r.itl_ms()),
            tokens_per_event: of(&|r| r.tokens_per_event()),
            output_tokens: of(&|r| r.output_tokens.map(|n| n as f64)),
            tokens_source,
            prompt_tokens: of(&|r| r.prompt_tokens.map(|n| n as f64)),
            cached_prompt_tokens: ok
                .iter()
                .filter_map(|r| r.cached_tokens)
                .fold(0, u64::saturating_add),
            cached_share: {
                let prompt: u64 = ok
                    .iter()
                    .filter_map(|r| r.prompt_tokens)
                    .fold(0, u64::saturating_add);
                let cached: u64 = ok
                    .iter()
                    .filter_map(|r| r.cached_tokens)
                    .fold(0, u64::saturating_add);
                (prompt > 0).then(|| cached as f64 / prompt as f64)
            },
            server_ttft_ms: of(&|r| r.server_ttft_ms),
            server_decode_tps: of(&|r| r.server_decode_tps),
            agg_output_tps,
            short_outputs: ok
                .iter()
                .filter(|r| {
                    r.output_tokens
                        .is_some_and(|n| (n as f64) < 0.9 * max_tokens as f64)
                })
                .count(),
            cost_usd: cost,
            cost_usd_per_request: cost.filter(|_| !ok.is_empty()).map(|c| c / ok.len() as f64),
            slo: None,
            rate_limits: RateLimits::of(&recs),
            requests: c,
        }
    }

    /// A distribution metric by its assertion name.
    pub fn dist(&self, metric: &str) -> Option<&Dist> {
        match metric {
            "ttft" => self.ttft_ms.as_ref(),
            "ttfat" => self.ttfat_ms.as_ref(),
            "ttfb" => self.ttfb_ms.as_ref(),
            "e2e" => self.e2e_ms.as_ref(),
            "decode_tps" => self.decode_tps.as_ref(),
            "e2e_tps" => self.e2e_tps.as_ref(),
            "itl" => self.itl_ms.as_ref(),
            "output_tokens" => self.output_tokens.as_ref(),
            "tokens_per_event" => self.tokens_per_event.as_ref(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Connections {
    pub opened: usize,
    /// Opened after the first measured request was sent: their set-up time is inside those
    /// requests' TTFT.
    pub during_measurement: usize,
    pub connect_ms: Option<Dist>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Client {
    pub cpu_s: f64,
    pub wall_s: f64,
    /// How late the client's own 10 ms timer fired.
    pub lag_ms: Option<Dist>,
    /// How late requests were sent against their schedule (open loop).
    pub send_lag_ms: Option<Dist>,
    pub connections: Connections,
    /// Open file descriptors before the client was made and after it was dropped (Linux):
    /// equal when the run left nothing open.
    pub open_fds: Option<(usize, usize)>,
}

/// Every asked path's summary, in the order asked: measured, or why it was not offered.
pub fn paths(
    resolved: &[Resolved],
    records: &[Record],
    max_tokens: u64,
    slos: &[super::slo::Slo],
) -> Vec<PathReport> {
    resolved
        .iter()
        .map(|(name, r)| match r {
            Ok(p) => PathReport {
                slo: super::slo::evaluate(name, records, slos),
                ..PathReport::from_records(
                    name,
                    Some(p.model.clone()),
                    p.service_tier,
                    records,
                    max_tokens,
                    p.price,
                )
            },
            Err(why) => PathReport::not_offered(name, why.clone()),
        })
        .collect()
}

/// The run's records in the order they were sent, and the client's own figures. Send lag is
/// reported for an open loop only (a closed loop has no schedule to be late for).
pub fn client(
    out: Outcomes,
    open_loop: bool,
    open_fds: Option<(usize, usize)>,
) -> (Vec<Record>, Client) {
    let mut records = out.records;
    records.sort_by(|a, b| a.t0_ms.total_cmp(&b.t0_ms));
    let first_measured = records
        .iter()
        .filter(|r| !r.warmup)
        .map(|r| r.t0_ms)
        .fold(f64::INFINITY, f64::min);
    let client = Client {
        cpu_s: out.cpu_s,
        wall_s: out.wall_s,
        // The lag that matters is the lag while measuring.
        lag_ms: dist(
            &out.lag_ms
                .iter()
                .filter(|(t, _)| *t >= first_measured)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>(),
        ),
        send_lag_ms: open_loop
            .then(|| {
                dist(
                    &records
                        .iter()
                        .filter(|r| !r.warmup)
                        .map(|r| r.send_lag_ms)
                        .collect::<Vec<_>>(),
                )
            })
            .flatten(),
        connections: Connections {
            opened: out.connects.len(),
            during_measurement: out
                .connects
                .iter()
                .filter(|(t, _)| *t >= first_measured)
                .count(),
            connect_ms: dist(&out.connects.iter().map(|(_, d)| *d).collect::<Vec<_>>()),
        },
        open_fds,
    };
    (records, client)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::fixtures::rec;

    #[test]
    fn counts_exclude_warmup_and_split_failures() {
        let recs = vec![
            rec("fast", Outcome::Ok, true, 999.0, 10),
            rec("fast", Outcome::Ok, false, 100.0, 11),
            rec("fast", Outcome::Failed(Class::Shed503), false, 0.0, 0),
            rec("fast", Outcome::Failed(Class::CutOff), false, 0.0, 0),
            rec(
                "fast",
                Outcome::Failed(Class::RateLimited429),
                false,
                0.0,
                0,
            ),
            rec("standard", Outcome::Ok, false, 1.0, 5),
        ];
        let p = PathReport::from_records("fast", None, None, &recs, 11, None);
        assert_eq!((p.requests.attempted, p.requests.ok), (4, 1));
        assert_eq!(
            (
                p.requests.shed_503,
                p.requests.cut_off,
                p.requests.rate_limited_429
            ),
            (1, 1, 1)
        );
        assert_eq!(p.availability, Some(0.25));
        assert_eq!(
            p.error_rate,
            Some(0.25),
            "only the cut-off counts as an error"
        );
        assert_eq!(p.ttft_ms.as_ref().unwrap().p50, 100.0, "warm-up excluded");
        assert_eq!(p.decode_tps.as_ref().unwrap().p50, 100.0);
        assert_eq!(p.tokens_source, Some("usage"));
    }

    #[test]
    fn client_figures_count_from_the_first_measured_request() {
        let at = |t0: f64, warmup: bool| {
            let mut r = rec("fast", Outcome::Ok, warmup, 10.0, 2);
            r.t0_ms = t0;
            r.send_lag_ms = t0 / 100.0;
            r
        };
        let out = || Outcomes {
            start: std::time::Instant::now(),
            records: vec![at(300.0, false), at(0.0, true), at(200.0, false)],
            lag_ms: vec![(50.0, 9.0), (200.0, 1.0), (250.0, 2.0)],
            connects: vec![(0.0, 3.0), (210.0, 5.0)],
            cpu_s: 0.5,
            wall_s: 2.0,
            interrupted: false,
        };
        let (records, c) = client(out(), true, Some((7, 7)));
        let sent: Vec<f64> = records.iter().map(|r| r.t0_ms).collect();
        assert_eq!(sent, [0.0, 200.0, 300.0], "in the order sent");
        let lag = c.lag_ms.unwrap();
        assert_eq!((lag.n, lag.max), (2, 2.0), "the warm-up's lag is left out");
        assert_eq!(c.send_lag_ms.unwrap().n, 2, "measured requests only");
        assert_eq!(
            (c.connections.opened, c.connections.during_measurement),
            (2, 1)
        );
        let (_, c) = client(out(), false, None);
        assert!(c.send_lag_ms.is_none(), "a closed loop has no schedule");
    }
}

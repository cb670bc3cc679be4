//! What a run will do, decided from the flags before anything is sent: each asked serving path
//! resolved (through the settings' one resolver) or the reason it is not offered, the warm-up,
//! the request count and the load, and the configuration as the report records it.

use std::time::Duration;

use serde_json::{json, Value};

use super::runner::{Load, Plan};
use super::shape::{synthetic_prompt, Shape};
use super::Options;
use super::{Arrival, BenchApi, BenchPath, CacheMode};
use crate::exchange::Limits;
use crate::output;
use crate::serving::Tier;
use crate::serving::{expand_model, PathKind, ServingPath};
use crate::settings::Settings;

/// Measured requests per path when neither -n nor --duration is given.
pub const DEFAULT_REQUESTS: usize = 30;

/// A path by name, with the serving path it resolved to or why it is not offered.
pub type Resolved = (&'static str, Result<ServingPath, String>);

/// The serving path a bench path measures, and what it asks the resolver for (tier, --fast).
fn kind(p: BenchPath) -> (PathKind, Tier, bool) {
    match p {
        BenchPath::Standard => (PathKind::Standard, Tier::Standard, false),
        BenchPath::Priority => (PathKind::Priority, Tier::Priority, false),
        BenchPath::Fast => (PathKind::Fast, Tier::Standard, true),
    }
}

/// The names of the asked paths, each once, in the order asked.
pub fn names(asked: &[BenchPath]) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Vec::new();
    for p in asked {
        let name = kind(*p).0.name();
        if !v.contains(&name) {
            v.push(name);
        }
    }
    v
}

/// The asked paths, each once, resolved as `fw chat` would resolve the same flags (tier given
/// as a flag), except that a Priority the catalogue rules out is not measured at all.
pub fn resolve(settings: &Settings, model: &str, asked: &[BenchPath]) -> Vec<Resolved> {
    let id = expand_model(model);
    let mut out: Vec<Resolved> = Vec::new();
    for p in asked {
        let (kind, tier, fast) = kind(*p);
        let name = kind.name();
        if out.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let ruled_out = kind == PathKind::Priority
            && settings.catalogue.entry(&id).and_then(|e| e.priority) == Some(false);
        let r = if ruled_out {
            Err(format!(
                "the serving-path catalogue lists no Priority for {id}"
            ))
        } else {
            settings
                .target_of(model, tier, fast)
                .map(|t| {
                    for w in t.warnings {
                        output::warn(&format!("{name}: {w}"));
                    }
                    t.path
                })
                .map_err(|e| e.to_string())
        };
        out.push((name, r));
    }
    out
}

/// The runner's plan for the offered paths.
pub fn plan(
    settings: &Settings,
    args: &Options,
    offered: Vec<(&'static str, ServingPath)>,
    shape: &Shape,
    run_id: u64,
) -> Plan {
    let paths: Vec<&'static str> = offered.iter().map(|(n, _)| *n).collect();
    // Warm-up rounds open the connections the measured requests reuse: at least one per
    // concurrent request, so no measured TTFT carries a connection set-up.
    let warmup = args
        .warmup
        .unwrap_or_else(|| 3.max(args.concurrency.div_ceil(paths.len())));
    let n = match (args.requests, args.duration) {
        (None, None) => Some(DEFAULT_REQUESTS),
        (n, _) => n,
    };
    let base = args
        .prompt
        .clone()
        .unwrap_or_else(|| synthetic_prompt(args.input_tokens));
    // A sweep's steps each set `rate`; before that, its plan is the first step's.
    let rate = args
        .rate
        .or_else(|| args.sweep.as_ref().and_then(|s| s.rate(0)));
    let load = match rate {
        Some(rate) => Load::Open {
            rate,
            poisson: args.arrival == Arrival::Poisson,
            max_in_flight: args.max_concurrency,
        },
        None => Load::Closed(args.concurrency),
    };
    Plan {
        paths,
        warmup,
        n,
        duration: args.duration.map(Duration::from_secs_f64),
        load,
        api: args.api,
        make: shape.measured(offered, base, args.cache, args.affinity, run_id),
        limits: limits(settings),
        cut: None,
    }
}

/// What the exchange is told of the time limits: bench sets no whole-request limit of its own.
pub fn limits(settings: &Settings) -> Limits {
    Limits {
        total: None,
        idle: settings.timeouts.read,
    }
}

/// The run's configuration as the report records it.
pub fn config(
    args: &Options,
    model: &str,
    settings: &Settings,
    asked: &[&str],
    plan: &Plan,
) -> Value {
    let load_summary = match (args.rate, &args.sweep) {
        (Some(r), _) => format!("open {r}/s/path {:?}", args.arrival).to_lowercase(),
        (None, Some(s)) => match &s.rates {
            super::sweep::Rates::List(v) => {
                let v: Vec<String> = v.iter().map(f64::to_string).collect();
                format!("sweep {}/s/path {:?}", v.join(","), args.arrival)
            }
            super::sweep::Rates::Auto => format!(
                "sweep auto from {}/s/path x{} {:?}",
                s.start, s.factor, args.arrival
            ),
        }
        .to_lowercase(),
        (None, None) => format!("closed concurrency {}", args.concurrency),
    };
    let open = args.rate.is_some() || args.sweep.is_some();
    json!({
        "model": expand_model(model),
        "api": match args.api { BenchApi::Chat => "chat", BenchApi::Messages => "messages" },
        "base_url": settings.base_url.as_str(),
        "paths": asked,
        "load": {
            "kind": if open { "open" } else { "closed" },
            "concurrency": (!open).then_some(args.concurrency),
            "rate_per_path": args.rate,
            "arrival": open.then(|| format!("{:?}", args.arrival).to_lowercase()),
            "max_concurrency": args.max_concurrency,
            "summary": load_summary,
        },
        "requests_per_path": plan.n,
        "duration_s": args.duration,
        "warmup": plan.warmup,
        "max_tokens": args.max_tokens,
        "force_len": args.force_len,
        "input_tokens": args.prompt.is_none().then_some(args.input_tokens),
        "prompt": if args.prompt.is_some() { "custom" } else { "synthetic" },
        "cache_busting": args.cache != CacheMode::Warm,
        "cache": args.cache.name(),
        "session_affinity": args.affinity,
        "percentile_method": "nearest-rank",
        "slo": args.slo.iter().map(|s| s.expr.as_str()).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_named_once_in_the_order_asked() {
        use BenchPath::*;
        assert_eq!(
            names(&[Fast, Standard, Fast, Priority, Standard]),
            ["fast", "standard", "priority"]
        );
    }
}

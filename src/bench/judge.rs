//! Judging a run: whether it is valid (few enough errors, enough samples, a client that kept
//! up), whether each threshold holds, and what the numbers do not say (warnings). The result
//! is "pass", "fail", "invalid" or "none"; a run that is not valid never passes. `exit` maps
//! a presented run to its exit code.

use anyhow::Result;
use serde::Serialize;

use super::assertions::{self, Rule};
use super::report::Report;
use super::summary::{Client, PathReport};
use crate::exit::{Exit, Failure};
use crate::signal;

/// The rules to check: each `--assert`, and `--min-tps` as a decode-rate floor on fast when
/// it is measured, else on every measured path. Parsed before anything is sent.
pub fn rules(asserted: &[String], min_tps: Option<f64>, measured: &[&str]) -> Result<Vec<Rule>> {
    let mut rules = asserted
        .iter()
        .map(|a| assertions::parse(a, measured))
        .collect::<Result<Vec<_>>>()?;
    if let Some(t) = min_tps {
        let on: Vec<&str> = if measured.contains(&"fast") {
            vec!["fast"]
        } else {
            measured.to_vec()
        };
        for p in on {
            rules.push(assertions::parse(
                &format!("{p}.decode_tps.p50>={t}"),
                measured,
            )?);
        }
    }
    Ok(rules)
}

/// One threshold, checked: the value it compared and the samples behind it.
#[derive(Debug, Clone, Serialize)]
pub struct AssertionResult {
    #[serde(flatten)]
    pub rule: Rule,
    pub value: Option<f64>,
    pub n: Option<usize>,
    pub pass: bool,
}

/// The limits that make a run valid.
pub struct Validity {
    pub max_error_rate: f64,
    pub min_samples: usize,
    pub max_client_lag_ms: f64,
}

/// Judges the run and the rules.
pub fn judge(
    paths: &[PathReport],
    client: &Client,
    rules: &[Rule],
    v: &Validity,
    interrupted: bool,
) -> (Vec<AssertionResult>, Vec<String>, &'static str) {
    let mut invalid = Vec::new();
    if interrupted {
        invalid.push("the run was interrupted".to_string());
    }
    for p in paths.iter().filter(|p| p.offered) {
        if let Some(e) = p.error_rate.filter(|e| *e > v.max_error_rate) {
            invalid.push(format!(
                "{}: {:.1}% of requests failed for reasons other than 503 and 429, over \
                 --max-error-rate {}",
                p.name,
                e * 100.0,
                v.max_error_rate
            ));
        }
    }
    if let Some(lag) = client
        .lag_ms
        .as_ref()
        .filter(|l| l.p99 > v.max_client_lag_ms)
    {
        invalid.push(format!(
            "the client fell behind: its scheduling lag p99 was {:.1} ms, over --max-client-lag {}",
            lag.p99, v.max_client_lag_ms
        ));
    }
    let mut results = Vec::new();
    let mut checked: Vec<&str> = Vec::new();
    for rule in rules {
        let Some(p) = paths.iter().find(|p| p.name == rule.path) else {
            continue;
        };
        if !checked.contains(&p.name) {
            checked.push(p.name);
            if let Some(why) = &p.not_offered {
                invalid.push(format!("{} is asserted but not offered: {why}", p.name));
            } else if p.requests.ok < v.min_samples {
                invalid.push(format!(
                    "{} is asserted but has {} successful requests, fewer than --min-samples {}",
                    p.name, p.requests.ok, v.min_samples
                ));
            }
        }
        if rule.needs_tokens() && p.tokens_source.is_some_and(|s| s != "usage") {
            invalid.push(format!(
                "{}: {} needs the server's token counts, and some replies had no usage",
                rule.expr, rule.metric
            ));
        }
        let value = value(p, rule);
        results.push(AssertionResult {
            rule: rule.clone(),
            value: value.map(|(v, _)| v),
            n: value.map(|(_, n)| n),
            pass: value.is_some_and(|(v, _)| rule.op.holds(v, rule.threshold)),
        });
    }
    invalid.dedup();
    let result = if !invalid.is_empty() {
        "invalid"
    } else if results.iter().any(|r| !r.pass) {
        "fail"
    } else if results.is_empty() {
        "none"
    } else {
        "pass"
    };
    (results, invalid, result)
}

/// Warnings about what the numbers mean, for under the table.
pub fn warnings(
    paths: &[PathReport],
    client: &Client,
    max_tokens: u64,
    cache_busting: bool,
) -> Vec<String> {
    let mut w = Vec::new();
    for p in paths.iter().filter(|p| p.requests.ok > 0) {
        let ok = p.requests.ok;
        if p.short_outputs * 10 > ok {
            w.push(format!(
                "{}: {} of {ok} outputs were much shorter than --max-tokens {max_tokens}; use \
                 --force-len for full-length outputs",
                p.name, p.short_outputs
            ));
        }
        if let Some(share) = p.cached_share.filter(|s| cache_busting && *s > 0.1) {
            w.push(format!(
                "{}: {:.0}% of prompt tokens were served from the cache despite unique prefixes: \
                 TTFT may be flattered",
                p.name,
                share * 100.0
            ));
        }
        if let Some(src) = p.tokens_source.filter(|s| *s != "usage") {
            w.push(format!(
                "{}: the server sent no usage for some replies; their token counts are {src} \
                 from stream events",
                p.name
            ));
        }
        if let Some(t) = p.tokens_per_event.as_ref().filter(|t| t.mean > 1.05) {
            w.push(format!(
                "{}: {:.2} tokens per event on average: gaps between events are not gaps between \
                 tokens",
                p.name, t.mean
            ));
        }
    }
    if let Some((before, after)) = client.open_fds.filter(|(b, a)| a > b) {
        w.push(format!(
            "{} file descriptors were left open by the run ({before} before, {after} after)",
            after - before
        ));
    }
    let c = &client.connections;
    if c.during_measurement > 0 {
        w.push(format!(
            "{} new connections were opened while measuring (connect p50 {:.2} ms): that \
             set-up time is inside those requests' TTFT",
            c.during_measurement,
            c.connect_ms.as_ref().map_or(0.0, |d| d.p50)
        ));
    }
    w
}

/// The value a rule compares, and the sample count behind it.
fn value(p: &PathReport, rule: &Rule) -> Option<(f64, usize)> {
    let n = p.requests.ok;
    match (rule.metric.as_str(), rule.stat.as_deref()) {
        ("availability", _) => p.availability.map(|v| (v, p.requests.attempted)),
        ("error_rate", _) => p.error_rate.map(|v| (v, p.requests.attempted)),
        ("agg_output_tps", _) => p.agg_output_tps.map(|v| (v, n)),
        ("slo_fraction", _) => p
            .slo
            .as_ref()
            .and_then(|s| s.fraction.map(|v| (v, s.attempted))),
        ("goodput", _) => p
            .slo
            .as_ref()
            .and_then(|s| s.goodput_rps.map(|v| (v, s.attempted))),
        ("ok", _) => Some((n as f64, n)),
        ("attempted", _) => Some((p.requests.attempted as f64, p.requests.attempted)),
        (m, Some(s)) => p.dist(m).and_then(|d| d.get(s).map(|v| (v, d.n))),
        _ => None,
    }
}

/// The exit code of a presented run: the signal that cut it short, else its verdict.
pub fn exit(report: &Report) -> Result<Exit> {
    if report.interrupted {
        let exit = signal::received().unwrap_or(Exit::Interrupted);
        let word = signal::word(exit);
        return Err(Failure::new(exit, format!("{word}: the report covers what finished")).into());
    }
    match report.result {
        "invalid" => Err(Failure::new(
            Exit::InvalidRun,
            format!("the run is invalid: {}", report.invalid_reasons.join("; ")),
        )
        .into()),
        "fail" => {
            let failed: Vec<&str> = report
                .assertions
                .iter()
                .filter(|a| !a.pass)
                .map(|a| a.rule.expr.as_str())
                .collect();
            let why = format!(
                "{} of {} thresholds failed: {}",
                failed.len(),
                report.assertions.len(),
                failed.join(", ")
            );
            Err(Failure::new(Exit::ThresholdFailed, why).into())
        }
        _ => Ok(Exit::Success),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::assertions::parse;
    use crate::bench::fixtures::{client, rec};
    use crate::bench::record::{Outcome, Record};

    #[test]
    fn judging() {
        let recs: Vec<Record> = (0..30)
            .map(|_| rec("fast", Outcome::Ok, false, 50.0, 20))
            .collect();
        let paths = vec![
            PathReport::from_records("fast", None, None, &recs, 20, None),
            PathReport::not_offered("priority", "no Priority".into()),
        ];
        let v = Validity {
            max_error_rate: 0.05,
            min_samples: 30,
            max_client_lag_ms: 10.0,
        };
        let pass = parse("fast.decode_tps.p50>=100", &["fast", "priority"]).unwrap();
        let fail = parse("fast.ttft.p99<=10", &["fast", "priority"]).unwrap();
        let (res, inv, result) = judge(&paths, &client(), std::slice::from_ref(&pass), &v, false);
        assert_eq!(
            (result, inv.len(), res[0].pass, res[0].n),
            ("pass", 0, true, Some(30))
        );
        let (_, _, result) = judge(&paths, &client(), &[pass.clone(), fail], &v, false);
        assert_eq!(result, "fail");
        let off = parse("priority.availability>=0.99", &["fast", "priority"]).unwrap();
        let (_, inv, result) = judge(&paths, &client(), &[pass.clone(), off], &v, false);
        assert_eq!(result, "invalid");
        assert!(inv[0].contains("not offered"));
        let strict = Validity {
            min_samples: 31,
            ..v
        };
        let (_, _, result) = judge(
            &paths,
            &client(),
            std::slice::from_ref(&pass),
            &strict,
            false,
        );
        assert_eq!(result, "invalid", "too few samples never passes");
        let (_, _, result) = judge(&paths, &client(), &[], &v, false);
        assert_eq!(result, "none");
        let (_, _, result) = judge(&paths, &client(), &[pass], &v, true);
        assert_eq!(result, "invalid");
    }

    #[test]
    fn estimated_tokens_invalidate_token_assertions() {
        let recs: Vec<Record> = (0..30)
            .map(|_| {
                let mut r = rec("fast", Outcome::Ok, false, 50.0, 20);
                r.tokens_estimated = true;
                r
            })
            .collect();
        let paths = vec![PathReport::from_records(
            "fast", None, None, &recs, 20, None,
        )];
        let v = Validity {
            max_error_rate: 0.05,
            min_samples: 30,
            max_client_lag_ms: 10.0,
        };
        let rule = parse("fast.decode_tps.p50>=1", &["fast"]).unwrap();
        let (_, inv, result) = judge(&paths, &client(), &[rule], &v, false);
        assert_eq!(result, "invalid");
        assert!(inv[0].contains("no usage"));
        let rule = parse("fast.ttft.p50<=100", &["fast"]).unwrap();
        let (_, _, result) = judge(&paths, &client(), &[rule], &v, false);
        assert_eq!(result, "pass", "latency does not need usage");
    }
}

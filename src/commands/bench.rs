//! `fw bench`: resolve the serving paths, check the rules, smoke-test each path, run the load,
//! and report. `--smoke` stops after the smoke requests with one line per path.

use anyhow::Result;

use crate::api::client::{Client, ConnectLog};
use crate::bench::assertions::{self, Rule};
use crate::bench::export::Exports;
use crate::bench::judge::{self, Validity};
use crate::bench::report::{self, Report};
use crate::bench::runner;
use crate::bench::shape::Shape;
use crate::bench::stats;
use crate::bench::summary::{self, Connections, PathReport};
use crate::bench::{plan, progress, smoke};
use crate::cli::BenchArgs;
use crate::exit::{Exit, Failure};
use crate::serving::{expand_model, ServingPath};
use crate::settings::Settings;
use crate::signal;

pub use crate::bench::plan::DEFAULT_REQUESTS;

fn rules(args: &BenchArgs, measured: &[&'static str]) -> Result<Vec<Rule>> {
    let mut rules = args
        .assertions
        .iter()
        .map(|a| assertions::parse(a, measured))
        .collect::<Result<Vec<_>>>()?;
    if let Some(t) = args.min_tps {
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

fn check_args(args: &BenchArgs) -> Result<()> {
    let bad = |m: String| Err(Failure::usage(m).into());
    if args.concurrency == 0 || args.concurrency > crate::limits::MAX_CONCURRENCY {
        return bad(format!(
            "--concurrency must be between 1 and {}",
            crate::limits::MAX_CONCURRENCY
        ));
    }
    if args.input_tokens > crate::limits::MAX_INPUT_TOKENS {
        return bad(format!(
            "--input-tokens must be at most {}",
            crate::limits::MAX_INPUT_TOKENS
        ));
    }
    if !(0.0..=1.0).contains(&args.max_error_rate) {
        return bad("--max-error-rate is a fraction between 0 and 1".into());
    }
    if args.max_tokens == 0 || args.requests == Some(0) {
        return bad("--max-tokens and -n must be at least 1".into());
    }
    Ok(())
}

pub fn run(settings: &Settings, args: BenchArgs) -> Result<Exit> {
    check_args(&args)?;
    let exports = Exports::from_args(&args)?;
    let asked = plan::names(&args.paths);
    let rules = rules(&args, &asked)?;
    let model = args
        .model
        .clone()
        .unwrap_or_else(|| settings.default_model.0.clone());
    let resolved = plan::resolve(settings, &model, &args.paths);
    let offered: Vec<(&'static str, ServingPath)> = resolved
        .iter()
        .filter_map(|(n, r)| r.as_ref().ok().map(|p| (*n, p.clone())))
        .collect();

    let shape = Shape::new(settings, &args);
    let key = settings.key.obtain()?;
    let connects = ConnectLog::default();
    let client = Client::with_connect_log(
        settings,
        &key,
        settings.base_url.scheme() == "https",
        connects.clone(),
    )?;

    let run_id = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let smoke = smoke::run(&client, &shape, &offered, run_id)?;
    // Counted once signal handling (which keeps descriptors for the life of the process)
    // is set up, so before and after compare like with like.
    let fds_before = open_fds();

    if args.smoke {
        return smoke::table(&resolved, &offered, &smoke);
    }
    smoke::gate(&smoke)?;
    if offered.is_empty() {
        return Err(Failure::new(
            Exit::NotFound,
            format!(
                "none of the asked serving paths is offered for {}",
                expand_model(&model)
            ),
        )
        .into());
    }

    let plan = plan::plan(&args, offered, &shape, run_id);
    let config = plan::config(&args, &model, settings, &asked, &plan);
    let on_record = progress::bars(settings.stderr_tty, &plan.paths, plan.n);
    let out = runner::run(client, connects, plan, on_record)?;
    let open_fds = fds_before.zip(open_fds());

    let mut records = out.records;
    records.sort_by(|a, b| a.t0_ms.total_cmp(&b.t0_ms));
    let paths: Vec<PathReport> = resolved
        .iter()
        .map(|(name, r)| match r {
            Ok(p) => PathReport::from_records(
                name,
                Some(p.model.clone()),
                p.service_tier,
                &records,
                args.max_tokens,
                p.price,
            ),
            Err(why) => PathReport::not_offered(name, why.clone()),
        })
        .collect();
    let first_measured = records
        .iter()
        .filter(|r| !r.warmup)
        .map(|r| r.t0_ms)
        .fold(f64::INFINITY, f64::min);
    let client = summary::Client {
        cpu_s: out.cpu_s,
        wall_s: out.wall_s,
        // The lag that matters is the lag while measuring.
        lag_ms: stats::dist(
            &out.lag_ms
                .iter()
                .filter(|(t, _)| *t >= first_measured)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>(),
        ),
        send_lag_ms: args.rate.and_then(|_| {
            stats::dist(
                &records
                    .iter()
                    .filter(|r| !r.warmup)
                    .map(|r| r.send_lag_ms)
                    .collect::<Vec<_>>(),
            )
        }),
        connections: Connections {
            opened: out.connects.len(),
            during_measurement: out
                .connects
                .iter()
                .filter(|(t, _)| *t >= first_measured)
                .count(),
            connect_ms: stats::dist(&out.connects.iter().map(|(_, d)| *d).collect::<Vec<_>>()),
        },
        open_fds,
    };
    let warnings = judge::warnings(&paths, &client, args.max_tokens, !args.allow_cache);
    let validity = Validity {
        max_error_rate: args.max_error_rate,
        min_samples: args.min_samples,
        max_client_lag_ms: args.max_client_lag,
    };
    let (assertions, invalid_reasons, result) =
        judge::judge(&paths, &client, &rules, &validity, out.interrupted);
    let report = Report {
        schema_version: report::SCHEMA_VERSION,
        tool: serde_json::json!({"name": "fw", "version": env!("CARGO_PKG_VERSION")}),
        started_at: report::rfc3339(run_id / 1_000_000_000),
        config,
        client,
        paths,
        warnings,
        assertions,
        valid: invalid_reasons.is_empty(),
        invalid_reasons,
        result,
        interrupted: out.interrupted,
    };
    exports.write(&report, &records)?;

    if out.interrupted {
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
            Err(Failure::new(
                Exit::ThresholdFailed,
                format!(
                    "{} of {} thresholds failed: {}",
                    failed.len(),
                    report.assertions.len(),
                    failed.join(", ")
                ),
            )
            .into())
        }
        _ => Ok(Exit::Success),
    }
}

/// How many file descriptors this process has open (Linux only).
fn open_fds() -> Option<usize> {
    std::fs::read_dir("/proc/self/fd").ok().map(|d| d.count())
}

//! `fw bench`: check the flags, resolve the serving paths, smoke-test each path, run the load,
//! then summarise, judge and present the run, and map the verdict to an exit code. Each step
//! lives in `bench/`; this file puts them in order. `--smoke` stops after the smoke requests.

use anyhow::Result;

use crate::api::client::{Client, ConnectLog};
use crate::bench::export::Exports;
use crate::bench::judge::{self, Validity};
use crate::bench::report::{self, Report};
use crate::bench::shape::Shape;
use crate::bench::{logged, plan, progress, runner, smoke, summary, sweep};
use crate::bench::{CacheMode, Options};
use crate::exit::{Exit, Failure};
use crate::serving::{expand_model, ServingPath};
use crate::settings::Settings;

pub use crate::bench::plan::DEFAULT_REQUESTS;

pub fn run(settings: &Settings, args: Options) -> Result<Exit> {
    let exports = Exports::from_args(&args, settings.terminal.stdout_tty)?;
    let asked = plan::names(&args.paths);
    let rules = judge::rules(&args.assertions, args.min_tps, &asked)?;
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
    let https = settings.base_url.scheme() == "https";
    // One client per shard of the run (each shard keeps its own connections); the first also
    // sends the smoke requests.
    let clients = (0..runner::shards())
        .map(|_| {
            Client::with_connect_log(&settings.client_options(), &key, https, connects.clone())
        })
        .collect::<Result<Vec<_>>>()?;
    let shards = runner::Shards::new(clients)?;
    let run_id = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let smoke = smoke::run(
        shards.first(),
        &shape,
        &offered,
        run_id,
        plan::limits(settings),
    )?;
    // Counted once signal handling (which keeps descriptors for the life of the process)
    // is set up, so before and after compare like with like.
    // The connections smoke left in the pools are not counted: they are closed before the
    // count after the run, too.
    let fds_before = runner::open_fds().map(|n| n.saturating_sub(shards.idle()));
    if args.smoke {
        return smoke::table(&resolved, &offered, &smoke);
    }
    smoke::gate(&smoke)?;
    if offered.is_empty() {
        let why = format!(
            "none of the asked serving paths is offered for {}",
            expand_model(&model)
        );
        return Err(Failure::new(Exit::NotFound, why).into());
    }

    let plan = plan::plan(settings, &args, offered.clone(), &shape, run_id);
    let config = plan::config(&args, &model, settings, &asked, &plan);
    let (out, sweep) = match &args.sweep {
        None => {
            let on_record = progress::bars(settings.terminal.stderr_tty, &plan.paths, plan.n);
            (runner::run(&shards, connects, plan, on_record)?, None)
        }
        Some(spec) => {
            // One bar per path over every step: how many steps an auto sweep runs is not
            // known in advance.
            let on_record = progress::bars(settings.terminal.stderr_tty, &plan.paths, None);
            let mut make = |rate: f64, step: usize, paths: &[&'static str]| {
                let mut a = args.clone();
                a.rate = Some(rate);
                // Warm-up opens the connections once, before the first step.
                a.warmup = Some(if step == 0 { plan.warmup } else { 0 });
                let sub = offered
                    .iter()
                    .filter(|(n, _)| paths.contains(n))
                    .cloned()
                    .collect();
                plan::plan(settings, &a, sub, &shape, run_id)
            };
            let mut run =
                |p: runner::Plan| runner::run(&shards, connects.clone(), p, on_record.clone());
            let (out, sweep) = sweep::run(spec, &plan.paths, &args.slo, &mut make, &mut run)?;
            (out, Some(sweep))
        }
    };
    let interrupted = out.interrupted;
    let open_loop = args.rate.is_some() || args.sweep.is_some();
    shards.close_idle();
    let (records, client) = summary::client(out, open_loop, fds_before.zip(runner::open_fds()));
    let paths = summary::paths(&resolved, &records, args.max_tokens, &args.slo);

    let warnings = judge::warnings(
        &paths,
        &client,
        args.max_tokens,
        args.cache != CacheMode::Warm,
    );
    let validity = Validity {
        max_error_rate: args.max_error_rate,
        min_samples: args.min_samples,
        max_client_lag_ms: args.max_client_lag,
    };
    let (assertions, invalid_reasons, result) =
        judge::judge(&paths, &client, &rules, &validity, interrupted);
    let report = Report {
        schema_version: report::SCHEMA_VERSION,
        tool: serde_json::json!({"name": "fw", "version": env!("CARGO_PKG_VERSION")}),
        started_at: report::rfc3339(run_id / 1_000_000_000),
        config,
        client: Some(client),
        paths,
        warnings,
        assertions,
        valid: invalid_reasons.is_empty(),
        invalid_reasons,
        result,
        interrupted,
        sweep,
    };
    exports.write(&report, &records)?;
    let verdict = judge::exit(&report);
    if args.log {
        let code = match &verdict {
            Ok(e) => e.code(),
            Err(e) => crate::exit::classify(e).code(),
        };
        let api = format!("{:?}", args.api).to_lowercase();
        let started = std::time::UNIX_EPOCH + std::time::Duration::from_nanos(run_id);
        let run = logged::summary(&report, &records, api, code, started);
        crate::log::keep(&settings.log, &run);
    }
    verdict
}

/// `fw bench compare`: the comparison on stdout; exit 9 when a `--fail-if` rule fired.
/// BASE and NEW are records files, or `log:RUN` for a run the local log kept (`log:latest`,
/// `log:latest~1`, `log:ID`).
pub fn compare(settings: &Settings, req: &crate::bench::compare::Request) -> Result<Exit> {
    let read = |p: &std::path::Path| -> Result<String> {
        match p.to_str().and_then(|s| s.strip_prefix("log:")) {
            Some(key) => {
                let db = settings.log.db()?;
                let log = crate::log::db::Log::open(db)
                    .map_err(|e| crate::log::db::explain_any(e, db))?;
                let (id, records) = log.bench_records(key)?;
                if records.is_empty() {
                    return Err(Failure::usage(format!(
                        "bench run {id} in the log kept no per-request records"
                    ))
                    .hint("runs logged by this fw keep them; compare files from --records instead")
                    .into());
                }
                Ok(records)
            }
            None => crate::bench::compare::read_file(p),
        }
    };
    let (text, failed) = crate::bench::compare::run(req, &read)?;
    let mut out = crate::output::stdout();
    std::io::Write::write_all(&mut out, text.as_bytes())?;
    std::io::Write::flush(&mut out)?;
    if failed {
        return Err(Failure::new(
            Exit::ThresholdFailed,
            "a --fail-if rule holds for a clear change",
        )
        .into());
    }
    Ok(Exit::Success)
}

/// `fw bench merge`: the merged report in bench's own formats, and its verdict's exit code.
pub fn merge(settings: &Settings, req: &crate::bench::merge::Request) -> Result<Exit> {
    let exports = Exports::new(&req.files, settings.terminal.stdout_tty)?;
    let (report, records) = crate::bench::merge::merge(req)?;
    exports.write(&report, &records)?;
    judge::exit(&report)
}

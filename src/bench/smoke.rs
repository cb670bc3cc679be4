//! The smoke requests: one minimal request per offered path before any load, so a wrong key,
//! model or URL fails fast with the server's own message. Before a run they decide whether to
//! go on; with `--smoke` they are the whole run, shown as one line per path.

use std::io::Write;
use std::time::Instant;

use anyhow::Result;

use super::plan::Resolved;
use super::record::{Outcome, Record};
use super::runner;
use super::shape::{unique_prefix, Shape};
use crate::api::client::Client;
use crate::exit::{Exit, Failure};
use crate::output;
use crate::serving::ServingPath;
use crate::signal;

/// Tokens asked of a smoke request.
const SMOKE_TOKENS: u64 = 8;

/// One request per offered path, in turn. Ctrl-C or SIGTERM ends them with its exit code.
pub fn run(
    (client, rt): (&Client, &tokio::runtime::Runtime),
    shape: &Shape,
    offered: &[(&'static str, ServingPath)],
    run_id: u64,
    limits: crate::exchange::Limits,
) -> Result<Vec<Record>> {
    let start = Instant::now();
    let mut smoke = Vec::new();
    for (name, path) in offered {
        let prompt = format!("{}Say hello.", unique_prefix(run_id, "smoke", smoke.len()));
        let req = shape.request(path, prompt, SMOKE_TOKENS.min(shape.max_tokens), false);
        let mut r = Record::new(name, 0, true);
        let stopped = rt.block_on(async {
            tokio::select! {
                _ = runner::exec(client, &req, shape.api, limits, start, Instant::now(), &mut r) => None,
                exit = signal::stopped() => Some(exit),
            }
        });
        if let Some(exit) = stopped {
            let word = signal::word(exit);
            return Err(Failure::new(exit, format!("{word} during the smoke requests")).into());
        }
        smoke.push(r);
    }
    Ok(smoke)
}

/// Whether the load may start. A 503 or 429 is what availability measures, so it does not
/// stop the run; any other failure (auth, not found, a bad request, no connection) would fail
/// every request alike.
pub fn gate(smoke: &[Record]) -> Result<()> {
    for r in smoke.iter().filter(|r| r.outcome.is_availability()) {
        output::warn(&format!(
            "the smoke request on {} was refused ({}); measuring anyway",
            r.path,
            r.error.as_deref().unwrap_or("?")
        ));
    }
    if let Some(r) = smoke
        .iter()
        .find(|r| !r.ok() && !r.outcome.is_availability())
    {
        return Err(Failure::new(
            exit_for(r),
            format!(
                "the smoke request on {} failed, so nothing was measured: {}",
                r.path,
                r.error.as_deref().unwrap_or("?")
            ),
        )
        .hint("fw bench --smoke checks every path in one line each")
        .into());
    }
    Ok(())
}

/// `--smoke`: one line per asked path on stdout; the exit code of the first failure.
pub fn table(
    resolved: &[Resolved],
    offered: &[(&'static str, ServingPath)],
    smoke: &[Record],
) -> Result<Exit> {
    let (text, failures) = render(resolved, offered, smoke);
    let mut out = crate::output::stdout();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    match failures.first() {
        None => Ok(Exit::Success),
        Some((exit, _)) => Err(Failure::new(
            *exit,
            format!(
                "smoke check failed on {}",
                failures
                    .iter()
                    .map(|(_, m)| m.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        )
        .into()),
    }
}

/// The table, columns padded to their widest cell, and each failure with its exit code.
fn render(
    resolved: &[Resolved],
    offered: &[(&'static str, ServingPath)],
    smoke: &[Record],
) -> (String, Vec<(Exit, String)>) {
    let mut lines = Vec::new();
    let mut failures: Vec<(Exit, String)> = Vec::new();
    for (name, r) in resolved {
        match r {
            Err(why) => {
                lines.push([
                    name.to_string(),
                    "-".into(),
                    "not offered".into(),
                    why.clone(),
                ]);
                failures.push((Exit::NotFound, format!("{name}: not offered ({why})")));
            }
            Ok(_) => {
                let i = offered.iter().position(|(n, _)| n == name).unwrap_or(0);
                let rec = &smoke[i];
                let model = offered[i].1.model.clone();
                let status = rec
                    .status
                    .map_or("no reply".into(), |s| format!("HTTP {s}"));
                if rec.ok() {
                    let ttft = rec.ttft_ms.map_or("-".into(), |t| format!("{t:.0} ms"));
                    lines.push([
                        name.to_string(),
                        output::escape_controls(&model, false).into_owned(),
                        format!("ok {status}"),
                        format!("ttft {ttft}"),
                    ]);
                } else {
                    let why = rec.error.clone().unwrap_or_default();
                    lines.push([
                        name.to_string(),
                        output::escape_controls(&model, false).into_owned(),
                        format!("FAIL {status}"),
                        output::escape_controls(&why, false).into_owned(),
                    ]);
                    failures.push((exit_for(rec), format!("{name}: {why}")));
                }
            }
        }
    }
    let w: Vec<usize> = (0..3)
        .map(|c| {
            lines
                .iter()
                .map(|l| l[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for l in &lines {
        text.push_str(&format!(
            "{:<w0$}  {:<w1$}  {:<w2$}  {}\n",
            l[0],
            l[1],
            l[2],
            l[3],
            w0 = w[0],
            w1 = w[1],
            w2 = w[2]
        ));
    }
    (text, failures)
}

/// The exit code a failed request stands for: its failure's own.
fn exit_for(r: &Record) -> Exit {
    match r.outcome {
        Outcome::Ok => Exit::Success,
        Outcome::Failed(_) => r.exit.unwrap_or(Exit::Server),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::Class;
    use crate::serving::PathKind;

    fn path(kind: PathKind, model: &str) -> ServingPath {
        ServingPath {
            kind,
            model: model.into(),
            service_tier: None,
            price: None,
        }
    }

    #[test]
    fn one_line_per_path_and_the_first_failure_decides() {
        let offered = vec![
            ("standard", path(PathKind::Standard, "m\x1b[2J")),
            ("fast", path(PathKind::Fast, "routers/m-fast")),
        ];
        let resolved: Vec<Resolved> = vec![
            ("standard", Ok(offered[0].1.clone())),
            ("priority", Err("no Priority".into())),
            ("fast", Ok(offered[1].1.clone())),
        ];
        let mut ok = Record::new("standard", 0, true);
        ok.status = Some(200);
        ok.ttft_ms = Some(41.6);
        let mut shed = Record::new("fast", 0, true);
        shed.status = Some(503);
        shed.outcome = Outcome::Failed(Class::Shed503);
        shed.exit = Some(Exit::Overloaded);
        shed.error = Some("HTTP 503 busy\r".into());
        let (text, failures) = render(&resolved, &offered, &[ok, shed]);
        assert_eq!(
            text,
            "standard  m\\x1b[2J        ok HTTP 200    ttft 42 ms\n\
             priority  -               not offered    no Priority\n\
             fast      routers/m-fast  FAIL HTTP 503  HTTP 503 busy\\r\n"
        );
        assert_eq!(
            failures,
            vec![
                (Exit::NotFound, "priority: not offered (no Priority)".into()),
                (Exit::Overloaded, "fast: HTTP 503 busy\r".into()),
            ]
        );
    }
}

//! `fw log`: the local log's views. Each opens the database (which moves the spool into it)
//! and writes what `log::view` makes of the records: a table on a terminal, tab-separated lines
//! when piped, JSON with `--json`. Any SQLite trouble becomes one line that says what to do.

use std::io::Write;

use anyhow::Result;

use crate::cli::{LogAction, LogArgs, LogList};
use crate::exit::Exit;
use crate::log::db::{Filter, Log};
use crate::log::record::Spooled;
use crate::log::{time, view};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: LogArgs) -> Result<Exit> {
    let db = settings.log.db()?;
    let result = match args.action {
        None => list(settings, &Log::open(db)?, &args.list, None),
        Some(LogAction::Path) => {
            // Only an existing log is opened: printing where it goes creates nothing.
            if db.exists() || crate::log::spool::dir(db).exists() {
                Log::open(db)?;
            }
            write_out(format!("{}\n", db.display()))
        }
        Some(LogAction::Show { id, json }) => {
            let e = Log::open(db)?.find(&id)?;
            if json {
                write_json(&Spooled::Exchange(e))
            } else if settings.terminal.stdout_tty {
                // Server text on a terminal: its control characters escaped, as the answer is.
                let text = view::show(&e);
                write_out(crate::output::escape_controls(&text, true).into_owned())
            } else {
                write_out(view::show(&e))
            }
        }
        Some(LogAction::Search { text, list: l }) => {
            let text = text.join(" ");
            list(settings, &Log::open(db)?, &l, Some(&text))
        }
        Some(LogAction::Stats {
            since,
            by,
            bench,
            json,
        }) => {
            let since = since
                .map(|s| time::parse_bound(&s, std::time::SystemTime::now()))
                .transpose()?;
            let log = Log::open(db)?;
            if bench {
                let runs = log.bench_runs(since.as_deref())?;
                if json {
                    write_json(&runs)
                } else {
                    write_rows(settings, &view::BENCH_HEADER, &view::bench_rows(&runs))
                }
            } else {
                let es = log.exchanges(&Filter {
                    since,
                    ..Filter::default()
                })?;
                let stats = view::stats(&es, by);
                if json {
                    write_json(&stats)
                } else {
                    let rows: Vec<_> = stats.iter().map(view::stats_row).collect();
                    write_rows(settings, &view::STATS_HEADER, &rows)
                }
            }
        }
        Some(LogAction::Rm { ids, before }) => {
            let log = Log::open(db)?;
            let n = match before {
                Some(b) => {
                    log.remove_before(&time::parse_bound(&b, std::time::SystemTime::now())?)?
                }
                None => log.remove(&ids)?,
            };
            let _ = writeln!(std::io::stderr(), "removed {n}");
            Ok(Exit::Success)
        }
        Some(LogAction::Export { .. }) => export(&Log::open(db)?),
    };
    result.map_err(|e| crate::log::db::explain_any(e, db))
}

/// Recent exchanges, or those matching `search`, newest (or best) first.
fn list(settings: &Settings, log: &Log, l: &LogList, search: Option<&str>) -> Result<Exit> {
    let since = l
        .since
        .as_deref()
        .map(|s| time::parse_bound(s, std::time::SystemTime::now()))
        .transpose()?;
    let filter = Filter {
        since,
        conversation: l.cid.as_deref().map(|c| c.trim().to_ascii_uppercase()),
        limit: Some(l.count),
        ..Filter::default()
    };
    let es = match search {
        Some(text) => log.search(text, &filter)?,
        None => log.exchanges(&filter)?,
    };
    if l.json {
        let records: Vec<Spooled> = es.into_iter().map(Spooled::Exchange).collect();
        return write_json(&records);
    }
    let short = settings.terminal.stdout_tty;
    if es.is_empty() && short {
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            if search.is_some() {
                "no exchange matches"
            } else {
                "no exchange logged yet"
            }
        );
        return Ok(Exit::Success);
    }
    let rows: Vec<_> = es.iter().map(|e| view::list_row(e, short)).collect();
    write_rows(settings, &view::LIST_HEADER, &rows)
}

/// Every record, oldest first, one JSON object a line: exchanges, then bench runs.
fn export(log: &Log) -> Result<Exit> {
    let mut es = log.exchanges(&Filter::default())?;
    es.reverse();
    let mut runs = log.bench_runs(None)?;
    runs.reverse();
    let mut out = crate::output::stdout();
    for e in es {
        serde_json::to_writer(&mut out, &Spooled::Exchange(e))?;
        out.write_all(b"\n")?;
    }
    for mut r in runs {
        let (_, records) = log.bench_records(&r.id)?;
        r.records = records
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        serde_json::to_writer(&mut out, &Spooled::Bench(r))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(Exit::Success)
}

fn write_rows(settings: &Settings, header: &[&str], rows: &[Vec<String>]) -> Result<Exit> {
    if settings.terminal.stdout_tty {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| crate::output::escape_controls(c, false).into_owned())
                    .collect()
            })
            .collect();
        let upper: Vec<String> = header.iter().map(|h| h.to_uppercase()).collect();
        let upper: Vec<&str> = upper.iter().map(String::as_str).collect();
        write_out(crate::output::table(&upper, &rows))
    } else {
        write_out(crate::output::tsv(header, rows))
    }
}

fn write_json<T: serde::Serialize>(value: &T) -> Result<Exit> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    write_out(text)
}

fn write_out(text: String) -> Result<Exit> {
    let mut out = crate::output::stdout();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Exit::Success)
}

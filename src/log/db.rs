//! The log's database: one SQLite file, created private (0600) in a private directory, in WAL
//! mode with a busy timeout so readers and importers in several processes wait for each other
//! instead of failing. Its schema is versioned by `PRAGMA user_version` and brought up to date
//! by `MIGRATIONS` when opened; a file from a newer fw is refused, never changed. Opening also
//! imports the spool (see `log`), so every view sees every exchange already made.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;
use rusqlite::{params, Connection, ErrorCode, OptionalExtension, Row, Transaction};
use serde_json::Value;

use super::record::{BenchPath, BenchRun, Exchange, Spooled, Usage, RECORD_VERSION};
use super::spool;
use crate::exit::Failure;

/// Each step brings the schema from version `index` to `index + 1`. Steps are only ever added.
const MIGRATIONS: &[&str] = &[
    // 1: exchanges with full-text search over prompt, answer and system prompt, and bench runs
    // with one row per serving path.
    "CREATE TABLE exchange (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL,
        surface TEXT NOT NULL,
        started_at TEXT NOT NULL,
        model TEXT NOT NULL,
        path TEXT NOT NULL,
        service_tier TEXT,
        system TEXT,
        messages TEXT NOT NULL,
        attachments TEXT NOT NULL,
        prompt TEXT NOT NULL,
        answer TEXT NOT NULL,
        reasoning TEXT,
        refusal TEXT,
        tool_calls TEXT NOT NULL,
        finish_reason TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cached_tokens INTEGER,
        reasoning_tokens INTEGER,
        ttft_ms REAL,
        decode_tps REAL,
        e2e_ms REAL,
        cost_usd REAL,
        exit_code INTEGER NOT NULL,
        failure TEXT,
        error TEXT,
        request_id TEXT
    );
    CREATE INDEX exchange_started ON exchange(started_at);
    CREATE INDEX exchange_conversation ON exchange(conversation_id, started_at);
    CREATE VIRTUAL TABLE exchange_fts USING fts5(
        prompt, answer, system, content='exchange', content_rowid='rowid'
    );
    CREATE TRIGGER exchange_fts_insert AFTER INSERT ON exchange BEGIN
        INSERT INTO exchange_fts(rowid, prompt, answer, system)
        VALUES (new.rowid, new.prompt, new.answer, new.system);
    END;
    CREATE TRIGGER exchange_fts_delete AFTER DELETE ON exchange BEGIN
        INSERT INTO exchange_fts(exchange_fts, rowid, prompt, answer, system)
        VALUES ('delete', old.rowid, old.prompt, old.answer, old.system);
    END;
    CREATE TABLE bench_run (
        id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        api TEXT NOT NULL,
        exit_code INTEGER NOT NULL,
        records TEXT NOT NULL
    );
    CREATE INDEX bench_run_started ON bench_run(started_at);
    CREATE TABLE bench_path (
        run_id TEXT NOT NULL REFERENCES bench_run(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        model TEXT NOT NULL,
        attempted INTEGER NOT NULL,
        ok INTEGER NOT NULL,
        availability REAL,
        ttft_p50_ms REAL,
        ttft_p90_ms REAL,
        decode_tps_p50 REAL,
        decode_tps_p10 REAL,
        PRIMARY KEY (run_id, path)
    );",
];

/// The schema version this fw writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// An open log.
pub struct Log {
    conn: Connection,
    path: PathBuf,
}

/// Which exchanges a list shows.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Stored time bounds, as `log::time` writes them.
    pub since: Option<String>,
    pub before: Option<String>,
    pub conversation: Option<String>,
    pub limit: Option<usize>,
}

impl Log {
    /// Opens the log at `path` (creating it, private, if it is not there), brings its schema up
    /// to date and moves the spool into it.
    pub fn open(path: &Path) -> Result<Log> {
        let log = Log::open_only(path)?;
        log.import().map_err(|e| explain_any(e, path))?;
        Ok(log)
    }

    /// Opens and migrates without importing the spool.
    pub fn open_only(path: &Path) -> Result<Log> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            spool::create_private_dir(dir).map_err(|e| {
                Failure::usage(format!(
                    "cannot create the log's directory {}: {e}",
                    dir.display()
                ))
                .hint("set FW_LOG_DB (or log_db in the config file) to a writable place")
            })?;
        }
        create_private(path)?;
        let conn = Connection::open(path).map_err(|e| explain(e, path))?;
        let log = Log {
            conn,
            path: path.to_path_buf(),
        };
        log.setup().map_err(|e| explain_any(e, path))?;
        Ok(log)
    }

    fn setup(&self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(5))?;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(Failure::usage(format!(
                "the log {} was written by a newer fw (schema {version}; this fw knows up to \
                 {SCHEMA_VERSION})",
                self.path.display()
            ))
            .hint("upgrade fw, or set FW_LOG_DB to another file")
            .into());
        }
        // WAL: readers never block the writer, and a writer waits (busy timeout) instead of
        // failing. NORMAL is durable across a crash of fw; only power loss can cost the last
        // transaction, which the spool does not delete before it commits.
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        self.conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -4096;",
        )?;
        if version < SCHEMA_VERSION {
            self.migrate()?;
        }
        Ok(())
    }

    /// Applies the missing migrations in one transaction: two processes opening a new log at
    /// once both see the version the other may have just written.
    fn migrate(&self) -> Result<()> {
        let tx = Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for step in MIGRATIONS.iter().skip(version.max(0) as usize) {
            tx.execute_batch(step)?;
        }
        tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))?;
        tx.commit()?;
        Ok(())
    }

    /// Moves the spool's records into the database: inserted in one transaction (each once,
    /// by id, so two importers at once cannot double a record), then their files removed. A
    /// file that holds no record is set aside with a warning.
    pub fn import(&self) -> Result<usize> {
        let pending = spool::pending(&self.path)?;
        if pending.is_empty() {
            return Ok(0);
        }
        let mut done = Vec::new();
        let tx = Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| explain(e, &self.path))?;
        for p in &pending {
            match &p.record {
                Ok(Spooled::Exchange(e)) => insert_exchange(&tx, e)?,
                Ok(Spooled::Bench(b)) => insert_bench(&tx, b)?,
                Err(why) => {
                    let bad = spool::set_aside(&p.path);
                    crate::output::warn(&format!(
                        "{} is not a log record ({why}); it was set aside as {}",
                        p.path.display(),
                        bad.display()
                    ));
                    continue;
                }
            }
            done.push(&p.path);
        }
        tx.commit().map_err(|e| explain(e, &self.path))?;
        for path in &done {
            let _ = std::fs::remove_file(path);
        }
        Ok(done.len())
    }

    /// Exchanges, newest first.
    pub fn exchanges(&self, f: &Filter) -> Result<Vec<Exchange>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM exchange
             WHERE (?1 IS NULL OR started_at >= ?1) AND (?2 IS NULL OR started_at < ?2)
               AND (?3 IS NULL OR conversation_id = ?3)
             ORDER BY started_at DESC, id DESC LIMIT ?4"
        );
        let limit = f.limit.map_or(-1, |l| l as i64);
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(
            params![f.since, f.before, f.conversation, limit],
            exchange_of,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Full-text search over prompts, answers and system prompts, best match first, among the
    /// exchanges `f` selects. Each word of `text` must occur; words are matched as they are (no
    /// query syntax).
    pub fn search(&self, text: &str, f: &Filter) -> Result<Vec<Exchange>> {
        let query = text
            .split_whitespace()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" ");
        if query.is_empty() {
            return Err(Failure::usage("nothing to search for: give one or more words").into());
        }
        let cols = COLUMNS
            .split(", ")
            .map(|c| format!("e.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {cols} FROM exchange_fts JOIN exchange e ON e.rowid = exchange_fts.rowid
             WHERE exchange_fts MATCH ?1
               AND (?3 IS NULL OR e.started_at >= ?3) AND (?4 IS NULL OR e.started_at < ?4)
               AND (?5 IS NULL OR e.conversation_id = ?5)
             ORDER BY rank, e.started_at DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let limit = f.limit.map_or(-1, |l| l as i64);
        let rows = stmt.query_map(
            params![query, limit, f.since, f.before, f.conversation],
            exchange_of,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The exchange `key` names: `latest`, a whole id, or the start of exactly one id.
    pub fn find(&self, key: &str) -> Result<Exchange> {
        let found = if key == "latest" {
            self.exchanges(&Filter {
                limit: Some(1),
                ..Filter::default()
            })?
        } else {
            if !super::id::is_prefix(key) {
                return Err(Failure::usage(format!("{key:?} is not an exchange id"))
                    .hint("give an id from `fw log`, or latest")
                    .into());
            }
            let sql =
                format!("SELECT {COLUMNS} FROM exchange WHERE id >= ?1 AND id < ?1 || 'a' LIMIT 2");
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map([key.to_ascii_uppercase()], exchange_of)?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        match found.len() {
            1 => Ok(found.into_iter().next().expect("one row")),
            0 if key == "latest" => Err(Failure::new(
                crate::exit::Exit::NotFound,
                "the log is empty",
            )
            .hint("exchanges are logged by fw chat and fw messages")
            .into()),
            0 => Err(Failure::new(
                crate::exit::Exit::NotFound,
                format!("no exchange {key} in the log"),
            )
            .hint("fw log lists the recent ones")
            .into()),
            _ => Err(Failure::usage(format!("{key} is the start of several ids"))
                .hint("give more of the id")
                .into()),
        }
    }

    /// The conversation of the latest exchange.
    pub fn latest_conversation(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT conversation_id FROM exchange ORDER BY started_at DESC, id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Bench runs, newest first.
    pub fn bench_runs(&self, since: Option<&str>) -> Result<Vec<BenchRun>> {
        let mut runs_stmt = self.conn.prepare(
            "SELECT id, started_at, api, exit_code FROM bench_run
             WHERE (?1 IS NULL OR started_at >= ?1) ORDER BY started_at DESC, id DESC",
        )?;
        let mut paths_stmt = self.conn.prepare(
            "SELECT path, model, attempted, ok, availability, ttft_p50_ms, ttft_p90_ms,
                    decode_tps_p50, decode_tps_p10
             FROM bench_path WHERE run_id = ?1 ORDER BY rowid",
        )?;
        let runs = runs_stmt
            .query_map([since], |r| {
                Ok(BenchRun {
                    version: RECORD_VERSION,
                    id: r.get(0)?,
                    started_at: r.get(1)?,
                    api: r.get(2)?,
                    exit_code: r.get(3)?,
                    paths: Vec::new(),
                    records: Vec::new(),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        runs.into_iter()
            .map(|mut run| {
                run.paths = paths_stmt
                    .query_map([&run.id], |r| {
                        Ok(BenchPath {
                            path: r.get(0)?,
                            model: r.get(1)?,
                            attempted: r.get(2)?,
                            ok: r.get(3)?,
                            availability: r.get(4)?,
                            ttft_p50_ms: r.get(5)?,
                            ttft_p90_ms: r.get(6)?,
                            decode_tps_p50: r.get(7)?,
                            decode_tps_p10: r.get(8)?,
                        })
                    })?
                    .collect::<Result<_, _>>()?;
                Ok(run)
            })
            .collect()
    }

    /// The per-request records of the bench run `key` names, as JSON lines, with its id:
    /// `latest`, `latest~N` (N runs before the latest), or the start of one run id.
    pub fn bench_records(&self, key: &str) -> Result<(String, String)> {
        let not_found = |what: String| -> anyhow::Error {
            Failure::new(crate::exit::Exit::NotFound, what)
                .hint("fw log stats --bench lists the runs the log holds")
                .into()
        };
        let back = match key {
            "latest" => Some(0),
            k => k
                .strip_prefix("latest~")
                .map(|n| n.parse::<i64>())
                .transpose()
                .map_err(|_| {
                    Failure::usage(format!("{key:?}: give latest, latest~N or a run id"))
                })?,
        };
        let row: Option<(String, String)> = match back {
            Some(n) => self
                .conn
                .query_row(
                    "SELECT id, records FROM bench_run ORDER BY started_at DESC, id DESC
                     LIMIT 1 OFFSET ?1",
                    [n],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?,
            None => {
                if !super::id::is_prefix(key) {
                    return Err(Failure::usage(format!(
                        "{key:?}: give latest, latest~N or a run id"
                    ))
                    .into());
                }
                let mut stmt = self.conn.prepare(
                    "SELECT id, records FROM bench_run WHERE id >= ?1 AND id < ?1 || 'a' LIMIT 2",
                )?;
                let rows = stmt
                    .query_map([key.to_ascii_uppercase()], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<Result<Vec<(String, String)>, _>>()?;
                if rows.len() > 1 {
                    return Err(
                        Failure::usage(format!("{key} is the start of several run ids"))
                            .hint("give more of the id")
                            .into(),
                    );
                }
                rows.into_iter().next()
            }
        };
        row.ok_or_else(|| not_found(format!("no bench run {key} in the log")))
    }

    /// Removes the exchanges with these ids (whole ids or unique prefixes); how many went.
    pub fn remove(&self, keys: &[String]) -> Result<usize> {
        let ids: Vec<String> = keys
            .iter()
            .map(|k| self.find(k).map(|e| e.id))
            .collect::<Result<_>>()?;
        let tx = Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?;
        let mut n = 0;
        for id in &ids {
            n += tx.execute("DELETE FROM exchange WHERE id = ?1", [id])?;
        }
        tx.commit()?;
        Ok(n)
    }

    /// Removes every exchange and bench run from before `bound`; how many went.
    pub fn remove_before(&self, bound: &str) -> Result<usize> {
        let tx = Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?;
        let n = tx.execute("DELETE FROM exchange WHERE started_at < ?1", [bound])?
            + tx.execute("DELETE FROM bench_run WHERE started_at < ?1", [bound])?;
        tx.commit()?;
        Ok(n)
    }
}

/// Creates the database file private to the user if it is not there yet. SQLite creates its
/// `-wal` and `-shm` files with the database file's permissions.
fn create_private(path: &Path) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(
            Failure::usage(format!("cannot create the log {}: {e}", path.display()))
                .hint("set FW_LOG_DB (or log_db in the config file) to a writable place")
                .into(),
        ),
    }
}

/// A SQLite error as one line that says what to do.
fn explain(e: rusqlite::Error, path: &Path) -> anyhow::Error {
    let p = path.display();
    let code = e.sqlite_error_code();
    let failure = match code {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            Failure::usage(format!("the log {p} is damaged ({e})")).hint(format!(
                "move it away (mv {p} {p}.bad): the next fw log starts a new one, and exchanges \
                 not yet in it are kept"
            ))
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Failure::usage(format!(
            "the log {p} stayed locked by another process for 5 s"
        ))
        .hint("try again when the other fw or sqlite3 is done"),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            Failure::usage(format!("cannot write the log {p} ({e})"))
                .hint("set FW_LOG_DB (or log_db in the config file) to a writable place")
        }
        Some(ErrorCode::DiskFull) => {
            Failure::usage(format!("the disk holding the log {p} is full"))
        }
        _ => return anyhow::Error::new(e).context(format!("the log {p}")),
    };
    failure.into()
}

/// `explain` for an error that may be a SQLite one; any other passes as it is.
pub fn explain_any(e: anyhow::Error, path: &Path) -> anyhow::Error {
    match e.downcast::<rusqlite::Error>() {
        Ok(sql) => explain(sql, path),
        Err(other) => other,
    }
}

/// The columns an `Exchange` is read from, in `exchange_of`'s order.
const COLUMNS: &str = "id, conversation_id, surface, started_at, model, path, service_tier, \
system, messages, attachments, prompt, answer, reasoning, refusal, tool_calls, finish_reason, input_tokens, \
output_tokens, cached_tokens, reasoning_tokens, ttft_ms, decode_tps, e2e_ms, cost_usd, exit_code, \
failure, error, request_id";

fn exchange_of(r: &Row<'_>) -> rusqlite::Result<Exchange> {
    let json = |i: usize| -> rusqlite::Result<Vec<Value>> {
        let text: String = r.get(i)?;
        serde_json::from_str(&text).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    Ok(Exchange {
        version: RECORD_VERSION,
        id: r.get(0)?,
        conversation_id: r.get(1)?,
        surface: r.get(2)?,
        started_at: r.get(3)?,
        model: r.get(4)?,
        path: r.get(5)?,
        service_tier: r.get(6)?,
        system: r.get(7)?,
        messages: json(8)?,
        attachments: json(9)?,
        prompt: r.get(10)?,
        answer: r.get(11)?,
        reasoning: r.get(12)?,
        refusal: r.get(13)?,
        tool_calls: json(14)?,
        finish_reason: r.get(15)?,
        usage: Usage {
            input_tokens: r.get(16)?,
            output_tokens: r.get(17)?,
            cached_tokens: r.get(18)?,
            reasoning_tokens: r.get(19)?,
        },
        ttft_ms: r.get(20)?,
        decode_tps: r.get(21)?,
        e2e_ms: r.get(22)?,
        cost_usd: r.get(23)?,
        exit_code: r.get(24)?,
        failure: r.get(25)?,
        error: r.get(26)?,
        request_id: r.get(27)?,
    })
}

fn insert_exchange(tx: &Transaction<'_>, e: &Exchange) -> Result<()> {
    let sql = format!(
        "INSERT OR IGNORE INTO exchange ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
         ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)"
    );
    tx.execute(
        &sql,
        params![
            e.id,
            e.conversation_id,
            e.surface,
            e.started_at,
            e.model,
            e.path,
            e.service_tier,
            e.system,
            serde_json::to_string(&e.messages)?,
            serde_json::to_string(&e.attachments)?,
            e.prompt,
            e.answer,
            e.reasoning,
            e.refusal,
            serde_json::to_string(&e.tool_calls)?,
            e.finish_reason,
            e.usage.input_tokens,
            e.usage.output_tokens,
            e.usage.cached_tokens,
            e.usage.reasoning_tokens,
            e.ttft_ms,
            e.decode_tps,
            e.e2e_ms,
            e.cost_usd,
            e.exit_code,
            e.failure,
            e.error,
            e.request_id,
        ],
    )?;
    Ok(())
}

fn insert_bench(tx: &Transaction<'_>, b: &BenchRun) -> Result<()> {
    let mut records = String::new();
    for r in &b.records {
        records.push_str(&serde_json::to_string(r)?);
        records.push('\n');
    }
    let new = tx.execute(
        "INSERT OR IGNORE INTO bench_run (id, started_at, api, exit_code, records)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![b.id, b.started_at, b.api, b.exit_code, records],
    )?;
    if new == 0 {
        return Ok(());
    }
    for p in &b.paths {
        tx.execute(
            "INSERT INTO bench_path (run_id, path, model, attempted, ok, availability,
                 ttft_p50_ms, ttft_p90_ms, decode_tps_p50, decode_tps_p10)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                b.id,
                p.path,
                p.model,
                p.attempted,
                p.ok,
                p.availability,
                p.ttft_p50_ms,
                p.ttft_p90_ms,
                p.decode_tps_p50,
                p.decode_tps_p10
            ],
        )?;
    }
    Ok(())
}

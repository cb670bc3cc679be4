//! The local log: every `fw chat` and `fw messages` exchange, and a summary of every `fw bench`
//! run, kept in one SQLite file (docs/log.md).
//!
//! Writing takes two steps so that a one-off prompt never pays for the database. The command
//! that made a record writes it, after its output is flushed, as one file into the spool
//! directory beside the database (`log.db-pending/`): written under a temporary name and renamed
//! into place whole, so any number of processes can write at once and a reader never sees half
//! a record. Every command that reads the log (`fw log ...`, `-c`, `--cid`) first moves the spool
//! into the database in one transaction (`db::Log::open`), inserting each record once by its id.
//! A database that is locked, damaged or from a newer fw therefore never costs an exchange: its
//! records wait in the spool until `fw log` can take them.
//!
//! This module and `spool` hold what the writing side needs and nothing of SQLite; `db` is the
//! database, used only by the reading side.

pub mod db;
pub mod id;
pub mod record;
pub mod spool;
pub mod time;
pub mod view;

use std::path::PathBuf;

/// Where the log is and whether commands write to it, resolved from `FW_LOG_DB`, the config
/// file (`log_db`, `log`) and the defaults.
#[derive(Debug, Clone)]
pub struct Place {
    /// The database file; `None` when no data directory is known and nothing names one.
    pub db: Option<PathBuf>,
    /// Exchanges and bench runs are written (config `log`, default true; `--no-log` turns it
    /// off for one command).
    pub enabled: bool,
}

impl Place {
    /// The default database: `<data dir>/fw/log.db`.
    pub fn default_db() -> Option<PathBuf> {
        dirs::data_dir().map(|d| d.join("fw").join("log.db"))
    }

    /// The database, or the error that says how to name one.
    pub fn db(&self) -> anyhow::Result<&std::path::Path> {
        self.db.as_deref().ok_or_else(|| {
            crate::exit::Failure::usage("no data directory is known for the log")
                .hint("set FW_LOG_DB to a file path, or log_db in the config file")
                .into()
        })
    }
}

/// The ids a logged exchange carries, made before it is sent so `--json` can print them.
#[derive(Debug, Clone)]
pub struct Ids {
    pub exchange: String,
    pub conversation: String,
}

/// Writes a record to the spool when the log is on; a failure costs one warning on stderr and
/// nothing else (the command's output and exit code stay as they are).
pub fn keep(place: &Place, record: &record::Spooled) {
    if !place.enabled {
        return;
    }
    let Some(db) = &place.db else {
        crate::output::warn(
            "not logged: no data directory is known (set FW_LOG_DB, or log = false in the config file)",
        );
        return;
    };
    if let Err(e) = spool::write(db, record) {
        crate::output::warn(&format!(
            "not logged: {e} (the answer is unaffected; --no-log or log = false turns the log off)"
        ));
    }
}

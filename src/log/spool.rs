//! The spool: records waiting for the database, one JSON file each in the directory beside it
//! (`log.db` → `log.db-pending/`). A writer creates `.ID.tmp` (new, private), writes the record
//! and renames it to `ID.json`, so a reader sees whole records only and any number of writers
//! can work at once without a lock. The reader (`db::Log::import`) removes a file only after
//! the transaction holding its record has committed.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};

use super::record::Spooled;

/// The spool directory of a database.
pub fn dir(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push("-pending");
    db.with_file_name(name)
}

/// Creates `dir` and any missing parents, private to the user.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Writes one record into the spool of `db`.
pub fn write(db: &Path, record: &Spooled) -> Result<()> {
    let dir = dir(db);
    create_private_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let id = record.id();
    let tmp = dir.join(format!(".{id}.tmp"));
    let done = dir.join(format!("{id}.json"));
    let mut bytes = serde_json::to_vec(record)?;
    bytes.push(b'\n');
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .and_then(|mut f| f.write_all(&bytes));
    if let Err(e) = written.and_then(|()| fs::rename(&tmp, &done)) {
        let _ = fs::remove_file(&tmp);
        return Err(anyhow::Error::new(e).context(format!("cannot write {}", done.display())));
    }
    Ok(())
}

/// One record file found in the spool.
pub struct Pending {
    pub path: PathBuf,
    pub record: Result<Spooled, String>,
}

/// The records waiting in the spool of `db`, oldest first (ids sort by time). Temporary files
/// left by a writer that died more than a day ago are removed.
pub fn pending(db: &Path) -> Result<Vec<Pending>> {
    let dir = dir(db);
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(anyhow::Error::new(e).context(format!("cannot read {}", dir.display())))
        }
    };
    let mut paths = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(".tmp") {
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .is_some_and(|age| age > Duration::from_secs(86_400));
            if old {
                let _ = fs::remove_file(&path);
            }
        } else if name.ends_with(".json") {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths
        .into_iter()
        .filter_map(|path| {
            // Another reader may have taken it since the listing.
            let bytes = fs::read(&path).ok()?;
            let record = serde_json::from_slice(&bytes).map_err(|e| e.to_string());
            Some(Pending { path, record })
        })
        .collect())
}

/// Sets aside a spool file that does not hold a record, so it is reported once and kept for a
/// person to look at.
pub fn set_aside(path: &Path) -> PathBuf {
    let bad = path.with_extension("bad");
    let _ = fs::rename(path, &bad);
    bad
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::record::{BenchRun, RECORD_VERSION};
    use std::os::unix::fs::PermissionsExt;

    fn run(id: &str) -> Spooled {
        Spooled::Bench(BenchRun {
            version: RECORD_VERSION,
            id: id.into(),
            started_at: "2026-12-02T00:00:00.000Z".into(),
            api: "chat".into(),
            exit_code: 0,
            paths: vec![],
            records: vec![],
        })
    }

    #[test]
    fn written_records_are_read_back_oldest_first_and_private() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("data").join("log.db");
        write(&db, &run("02")).unwrap();
        write(&db, &run("01")).unwrap();
        let dir = dir(&db);
        assert_eq!(dir.file_name().unwrap(), "log.db-pending");
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join("01.json")), 0o600);
        let got: Vec<String> = pending(&db)
            .unwrap()
            .into_iter()
            .map(|p| p.record.unwrap().id().to_string())
            .collect();
        assert_eq!(got, ["01", "02"]);
    }

    #[test]
    fn no_spool_is_no_records_and_a_bad_file_is_reported() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("log.db");
        assert!(pending(&db).unwrap().is_empty());
        create_private_dir(&dir(&db)).unwrap();
        fs::write(dir(&db).join("X.json"), "{not json").unwrap();
        fs::write(dir(&db).join(".Y.tmp"), "half").unwrap();
        let p = pending(&db).unwrap();
        assert_eq!(p.len(), 1);
        assert!(p[0].record.is_err());
        let bad = set_aside(&p[0].path);
        assert!(bad.exists());
        assert!(pending(&db).unwrap().is_empty());
    }
}

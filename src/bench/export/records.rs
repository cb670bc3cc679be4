//! One JSON line per request, warm-up included and flagged: the raw material behind every
//! summary, for analyses the report does not make.

use std::io::{self, Write};

use super::Export;
use crate::bench::record::Record;
use crate::bench::report::Report;

pub struct Records;

impl Export for Records {
    fn write(&self, _: &Report, records: &[Record], out: &mut dyn Write) -> io::Result<()> {
        for r in records {
            serde_json::to_writer(&mut *out, r)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

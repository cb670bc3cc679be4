//! The report as one JSON document (`docs/bench-schema.json`, `schema_version` in it), for
//! CI jobs and for comparing runs.

use std::io::{self, Write};

use super::Export;
use crate::bench::record::Record;
use crate::bench::report::Report;

pub struct Json;

impl Export for Json {
    fn write(&self, report: &Report, _: &[Record], out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, report)?;
        out.write_all(b"\n")
    }
}

//! What the local log keeps of a bench run (`fw log stats --bench`, `fw bench compare log:RUN`):
//! per serving path its counts, availability and percentiles, and a few fields per request.

use super::record::Record;
use super::report::Report;
use crate::log::record::{BenchPath, BenchRun, Spooled, RECORD_VERSION};

/// What the local log keeps of a run: per serving path that ran, its counts, availability and
/// the TTFT and decode percentiles (`fw log stats --bench`).
pub fn summary(
    report: &Report,
    records: &[Record],
    api: String,
    exit_code: u8,
    started: std::time::SystemTime,
) -> Spooled {
    let paths = report
        .paths
        .iter()
        .filter(|p| p.offered)
        .map(|p| BenchPath {
            path: p.name.to_string(),
            model: p.model.clone().unwrap_or_default(),
            attempted: p.requests.attempted as u64,
            ok: p.requests.ok as u64,
            availability: p.availability,
            ttft_p50_ms: p.ttft_ms.as_ref().map(|d| d.p50),
            ttft_p90_ms: p.ttft_ms.as_ref().map(|d| d.p90),
            decode_tps_p50: p.decode_tps.as_ref().map(|d| d.p50),
            decode_tps_p10: p.decode_tps.as_ref().map(|d| d.p10),
        })
        .collect();
    Spooled::Bench(BenchRun {
        version: RECORD_VERSION,
        id: crate::log::id::new(),
        started_at: crate::log::time::format(started),
        api,
        exit_code,
        paths,
        records: records
            .iter()
            .filter_map(|r| serde_json::to_value(r).ok())
            .filter(|r| r["warmup"] != true)
            .map(|r| {
                const KEPT: [&str; 6] = [
                    "path",
                    "outcome",
                    "ttft_ms",
                    "last_token_ms",
                    "output_tokens",
                    "e2e_ms",
                ];
                KEPT.iter()
                    .filter_map(|k| r.get(*k).map(|v| (k.to_string(), v.clone())))
                    .collect::<serde_json::Map<_, _>>()
                    .into()
            })
            .collect(),
    })
}

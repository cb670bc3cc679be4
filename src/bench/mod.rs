//! `fw bench`, in the order a run uses it: `plan` (the paths resolved, the load decided) and
//! `shape` (what each request carries), `smoke` (one request per path first), `runner` (the
//! load, one `record` per request, `progress` on a terminal), then `summary` (pure statistics
//! over the records, with `stats`), `judge` (validity, `assertions`, warnings), `report` (the
//! one document) and `export` (its formats, one file each).

pub mod assertions;
pub mod export;
#[cfg(test)]
mod fixtures;
pub mod judge;
pub mod plan;
pub mod progress;
pub mod record;
pub mod report;
pub mod runner;
pub mod shape;
pub mod smoke;
pub mod stats;
pub mod summary;

/// A serving path `fw bench --paths` measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BenchPath {
    Standard,
    Priority,
    Fast,
}

/// The wire format `fw bench --api` measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BenchApi {
    Chat,
    Messages,
}

/// How open-loop requests arrive: evenly spaced (constant) or at random (poisson).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Arrival {
    Constant,
    Poisson,
}

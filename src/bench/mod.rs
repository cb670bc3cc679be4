//! `fw bench`, in the order a run uses it: `plan` (the paths resolved, the load decided) and
//! `shape` (what each request carries), `smoke` (one request per path first), `runner` (the
//! load, one `record` per request, `progress` on a terminal), then `summary` (pure statistics
//! over the records, with `stats`), `judge` (validity, `assertions`, warnings), `report` (the
//! one document), `export` (its formats, one file each) and `logged` (what the local log keeps
//! of a run).

pub mod assertions;
pub mod compare;
pub mod export;
#[cfg(test)]
mod fixtures;
pub mod judge;
pub mod logged;
pub mod merge;
pub mod plan;
pub mod progress;
pub mod record;
pub mod report;
pub mod runner;
pub mod shape;
pub mod slo;
pub mod smoke;
pub mod stats;
pub mod summary;
pub mod sweep;

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

/// What the prompt cache may do for a run's requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CacheMode {
    /// A prefix no other request shares: the cache cannot serve a repeat.
    Unique,
    /// That, and `prompt_cache_max_len: 0`: the server caches nothing.
    Cold,
    /// Every request the same prompt: the cache serves what it can.
    Warm,
}

impl CacheMode {
    pub fn name(self) -> &'static str {
        match self {
            CacheMode::Unique => "unique",
            CacheMode::Cold => "cold",
            CacheMode::Warm => "warm",
        }
    }
}

/// How open-loop requests arrive: evenly spaced (constant) or at random (poisson).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Arrival {
    Constant,
    Poisson,
}

/// What `fw bench` was asked to do, resolved from its flags and checked (ranges, output files):
/// everything in `bench/` reads this, never the flags.
#[derive(Debug, Clone)]
pub struct Options {
    /// The model asked for; the settings' default model when `None`.
    pub model: Option<String>,
    pub paths: Vec<BenchPath>,
    pub api: BenchApi,
    /// Measured requests per path.
    pub requests: Option<usize>,
    /// Stop starting new requests after this many seconds (within `limits::MAX_SECONDS`).
    pub duration: Option<f64>,
    pub concurrency: usize,
    /// Open loop: requests per second per path.
    pub rate: Option<f64>,
    /// `--sweep`: open-loop steps at increasing rates (`rate` is then unset).
    pub sweep: Option<sweep::Spec>,
    /// Open loop: the most requests in flight at once, across paths.
    pub max_concurrency: Option<usize>,
    pub arrival: Arrival,
    pub warmup: Option<usize>,
    pub max_tokens: u64,
    pub force_len: bool,
    pub input_tokens: usize,
    pub prompt: Option<String>,
    /// What the prompt cache may do (`--allow-cache` is `Warm`).
    pub cache: CacheMode,
    /// One `x-session-affinity` key per path.
    pub affinity: bool,
    pub reasoning_effort: Option<crate::input::ReasoningEffort>,
    pub smoke: bool,
    pub min_tps: Option<f64>,
    pub assertions: Vec<String>,
    /// `--slo`, parsed.
    pub slo: Vec<slo::Slo>,
    pub max_error_rate: f64,
    pub min_samples: usize,
    pub max_client_lag: f64,
    /// `--json FILE` or `-` for stdout.
    pub json: Option<String>,
    pub records: Option<String>,
    pub csv: Option<String>,
    pub html: Option<String>,
    /// The run is kept in the local log: the log is on and no `--no-log`.
    pub log: bool,
}

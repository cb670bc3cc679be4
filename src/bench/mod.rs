//! `fw bench`: the load generator (`runner`), per-request records (`record`), pure statistics
//! (`stats`), pass/fail rules (`assertions`) and the report (`report`).

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

#!/usr/bin/env bash
# Performance benchmark: builds fw in release and compares it with curl on the same streamed
# request to a local emulator (see examples/perf.rs). Usage: scripts/perf.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --locked --bin fw
cargo build --release --locked --example perf
exec target/release/examples/perf target/release/fw "${1:-20}"

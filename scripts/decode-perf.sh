#!/usr/bin/env bash
# How the stream decoders scale: CPU seconds to parse and decode N one-character deltas
# (default 200,000) on chat and on Messages (see examples/decode_perf.rs).
# Usage: scripts/decode-perf.sh [N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --locked --example decode_perf
exec target/release/examples/decode_perf "${1:-200000}"

#!/usr/bin/env bash
# How exact and how cheap fw bench is: builds fw in release and runs examples/bench_accuracy.rs
# against the emulator (ending with a sweep's client overhead), examples/hot_path.rs (CPU per
# token event at concurrency 128 and 1,000,
# and 3,000 streams at 25 tok/s) against a plain paced server that writes one event at a time,
# examples/read_floor.rs (the same load read by a bare epoll+recv loop: the kernel's floor under
# that CPU figure on this machine), then compares fw's decode rate with llama.cpp's own timings on the real server (needs the
# test environment: scripts/test-env.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --locked --bin fw --example bench_accuracy --example hot_path \
    --example read_floor
target/release/examples/bench_accuracy target/release/fw

echo
echo "hot path: fw bench against a plain paced server (one token per event, one event per write)"
target/release/examples/hot_path target/release/fw

echo
echo "the floor: the same loads read by a bare epoll+recv loop (no HTTP, no JSON, no runtime)"
target/release/examples/read_floor 128 3 128
target/release/examples/read_floor 1000 1 100

echo
echo "llama.cpp: fw decode_tps against the server's own timings.predicted_per_second"
source scripts/test-env.sh
# The launcher serves until its stdin closes: a coprocess gives it a pipe this script holds.
coproc SRV { "$FW_TEST_PYTHON" tests/ref/serve_llamacpp.py "$FW_TEST_MODEL" 2>/dev/null; }
read -r ready url <&"${SRV[0]}"
[[ "$ready" == READY ]] || { echo "llama.cpp server did not start" >&2; exit 1; }
FIREWORKS_API_KEY=fw-test target/release/fw --base-url "$url/inference/v1" bench \
    -m accounts/fireworks/models/gemma-3-270m --paths standard -n 20 --warmup 2 \
    --max-tokens 128 --force-len --input-tokens 64 --json - |
    "$FW_TEST_PYTHON" -c '
import json, sys
p = json.load(sys.stdin)["paths"][0]
ok, n = p["requests"]["ok"], p["requests"]["attempted"]
ours, theirs = p["decode_tps"]["p50"], p["server_decode_tps"]["p50"]
print(f"ok {ok}/{n}; fw decode_tps p50 {ours:.2f}; llama.cpp predicted_per_second p50 "
      f"{theirs:.2f}; difference {100 * (ours / theirs - 1):+.2f}%")'

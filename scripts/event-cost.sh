#!/usr/bin/env bash
# User-space instructions per token event of a streamed `fw chat` and `fw messages`, counted by
# Valgrind (callgrind): the same request against scripts/event_server.py with 200 and with 2,000
# token events, and the difference over the 1,800 events between them, so start-up and the request's
# fixed costs cancel. Deterministic to within a few instructions, unlike CPU time on a shared
# machine. Usage: scripts/event-cost.sh [FW_BINARY]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
fw="${1:-}"
if [[ -z "$fw" ]]; then
    cargo build --release --locked --bin fw
    fw=target/release/fw
fi
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"; true' EXIT
count() {
    coproc SRV { exec python3 scripts/event_server.py "$2" 0.003; }
    pids+=("$SRV_PID")
    local port
    read -r port <&"${SRV[0]}"
    env -i HOME="$work" FIREWORKS_API_KEY=k valgrind --tool=callgrind \
        --callgrind-out-file="$work/cg.$1.$2" "$fw" --base-url "http://127.0.0.1:$port/inference/v1" \
        "$1" --no-log -m x hi >"$work/out.$1.$2" 2>"$work/err.$1.$2"
    kill "$SRV_PID"
    grep -o 'Collected : [0-9]*' "$work/err.$1.$2" | grep -o '[0-9]*$'
}
for surface in chat messages; do
    small=$(count "$surface" 200)
    large=$(count "$surface" 2000)
    echo "fw $surface, one token per event: $small instructions for 200 events, $large for 2000:" \
        "$(( (large - small) / 1800 )) per event"
done

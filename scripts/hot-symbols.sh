#!/usr/bin/env bash
# Regenerates scripts/hot-symbols.txt, the link order of the code a one-off prompt runs (see
# build.rs and docs/performance.md). Needs Valgrind. Run it when a one-off `fw chat`'s peak RSS
# in scripts/perf.sh creeps up after code changes: names the list no longer matches are
# ignored by the linker, so an old list only loses its effect, never breaks a build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
map="$PWD/target/fw.map"
FW_LINK_MAP="$map" cargo build --release --locked --bin fw
python3 scripts/hot-symbols.py target/release/fw "$map" scripts/hot-symbols.txt

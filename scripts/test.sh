#!/usr/bin/env bash
# Run every test: set up the Python test environment (venv, model; see
# test-env.sh), then `cargo test --locked` with any extra arguments passed on.
set -euo pipefail
# shellcheck source=scripts/test-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/test-env.sh"
exec cargo test --locked "$@"

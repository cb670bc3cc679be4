"""Shared helpers for validate_openai.py and validate_anthropic.py (stdlib HTTP only).

- post(): one JSON POST with urllib, returning (status, headers, raw body) even for HTTP errors.
- sse_events(): split an SSE body into (event_name, data) pairs, per the SSE spec.
- Checks: runs named checks, prints `PASS name` / `FAIL name: reason`, then `N passed, N failed`.
"""
import json
import sys
import urllib.error
import urllib.request

TIMEOUT_S = 120


def post(url, body, headers):
    req = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", **headers},
    )
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def sse_events(raw):
    """Yield (event, data) for each dispatched SSE event; comments (`: ping`) are skipped."""
    event, data = None, []
    for line in raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line == "":
            if data:
                yield event, "\n".join(data)
            event, data = None, []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "event":
            event = value
        elif field == "data":
            data.append(value)
    if data:  # body ended without the final blank line
        yield event, "\n".join(data)


def one_line(err, limit=400):
    lines = [s.strip() for s in str(err).splitlines() if s.strip() and "errors.pydantic.dev" not in s]
    text = " | ".join(lines) or type(err).__name__
    return text if len(text) <= limit else text[:limit] + "..."


def need(cond, reason):
    if not cond:
        raise AssertionError(reason)


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def run(self, name, fn):
        """fn() returns None or a detail string; any exception is a FAIL."""
        try:
            detail = fn()
        except Exception as e:  # noqa: BLE001 - every error is a check failure
            self.failed += 1
            print(f"FAIL {name}: {one_line(e)}", flush=True)
            return False
        self.passed += 1
        print(f"PASS {name}" + (f" ({detail})" if detail else ""), flush=True)
        return True

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed", flush=True)
        sys.exit(0 if self.failed == 0 else 1)

"""Strictly validate an Anthropic Messages-compatible server against the official anthropic SDK's types.

Usage: validate_anthropic.py BASE_URL API_KEY MODEL
  BASE_URL like http://127.0.0.1:PORT/inference/v1 (POSTs go to BASE_URL/messages, with both
  `x-api-key` and `Authorization: Bearer`)

Posts raw requests with urllib and validates the non-stream body with
`anthropic.types.Message.model_validate` and every stream event with
`TypeAdapter(anthropic.types.RawMessageStreamEvent).validate_json`, both strict (no coercion).
For the stream it also checks that each `event:` name equals the data's `type`, and that the
sequence starts with message_start, contains message_delta and ends with message_stop.

Prints `PASS name` / `FAIL name: reason` per check, then `N passed, N failed`; exit 0 iff all pass.
"""
import json
import sys

import pydantic
from anthropic.types import Message, RawMessageStreamEvent

from refcheck import Checks, is_int, need, post, sse_events

PROMPT = [{"role": "user", "content": "Write a haiku about the sea."}]
EVENT = pydantic.TypeAdapter(RawMessageStreamEvent)


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    base, key, model = sys.argv[1:]
    url = base.rstrip("/") + "/messages"
    headers = {"x-api-key": key, "Authorization": f"Bearer {key}", "anthropic-version": "2023-06-01"}
    c = Checks()
    st = {}

    # --- non-streaming ---
    def nonstream_http():
        status, _, raw = post(url, {"model": model, "max_tokens": 8, "temperature": 0, "messages": PROMPT}, headers)
        need(status == 200, f"HTTP {status}: {raw[:300]!r}")
        st["body"] = json.loads(raw)
        need(isinstance(st["body"], dict), "body is not a JSON object")

    def nonstream_schema():
        m = Message.model_validate(st["body"], strict=True)
        text = "".join(b.text for b in m.content if b.type == "text")
        need(text, "no non-empty text content block")
        need(m.stop_reason is not None, "stop_reason is null")

    def nonstream_usage():
        u = st["body"].get("usage") or {}
        for k in ("input_tokens", "output_tokens"):
            need(is_int(u.get(k)), f"usage.{k} is not an integer: {u.get(k)!r}")
        need(0 < u["output_tokens"] <= 8, f"output_tokens not in 1..8: {u}")
        return f"input={u['input_tokens']} output={u['output_tokens']}"

    if c.run("messages: HTTP 200 JSON", nonstream_http):
        c.run("messages: Message strict schema", nonstream_schema)
        c.run("messages: usage", nonstream_usage)

    # --- streaming ---
    def stream_http():
        body = {"model": model, "max_tokens": 8, "temperature": 0, "stream": True, "messages": PROMPT}
        status, hdrs, raw = post(url, body, headers)
        need(status == 200, f"HTTP {status}: {raw[:300]!r}")
        st["ctype"] = hdrs.get("Content-Type", "")
        st["events"] = list(sse_events(raw))
        need(st["events"], "no SSE events")

    def stream_ctype():
        need(st["ctype"].split(";")[0].strip().lower() == "text/event-stream", f"Content-Type {st['ctype']!r}")

    def stream_schema():
        st["parsed"] = []
        for i, (name, data) in enumerate(st["events"]):
            obj = json.loads(data)
            need(name == obj.get("type"), f"event {i}: `event: {name}` but data.type is {obj.get('type')!r}")
            if name == "ping":  # keep-alive that Anthropic may send; not part of RawMessageStreamEvent
                continue
            try:
                EVENT.validate_json(data, strict=True)
            except Exception as e:
                raise AssertionError(f"event {i} {data[:200]} | {e}") from None
            st["parsed"].append(obj)
        return f"{len(st['parsed'])} events"

    def stream_sequence():
        types = [o["type"] for o in st["parsed"]]
        need(types and types[0] == "message_start", f"first event is {types[:1]}")
        need("message_delta" in types, "no message_delta")
        need(types[-1] == "message_stop", f"last event is {types[-1:]}")
        need(types.count("message_start") == 1 and types.count("message_stop") == 1, "message_start/stop repeated")

    def stream_text():
        text = "".join(o["delta"].get("text", "") for o in st["parsed"]
                       if o["type"] == "content_block_delta" and o["delta"]["type"] == "text_delta")
        need(text, "text deltas concatenate to empty text")
        return f"{len(text)} chars"

    def stream_usage():
        deltas = [o for o in st["parsed"] if o["type"] == "message_delta"]
        need(deltas, "no message_delta")
        u = deltas[-1]["usage"]
        need(is_int(u.get("output_tokens")) and 0 < u["output_tokens"] <= 8, f"message_delta usage {u}")
        return f"output={u['output_tokens']}"

    if c.run("messages stream: HTTP 200 SSE", stream_http):
        c.run("messages stream: Content-Type text/event-stream", stream_ctype)
        if c.run("messages stream: event names and RawMessageStreamEvent strict schema", stream_schema):
            c.run("messages stream: message_start ... message_delta ... message_stop", stream_sequence)
            c.run("messages stream: text deltas", stream_text)
            c.run("messages stream: message_delta usage", stream_usage)
    c.finish()


if __name__ == "__main__":
    main()

"""Strictly validate an OpenAI-compatible chat server against the official openai SDK's types.

Usage: validate_openai.py BASE_URL API_KEY MODEL [--expect-reasoning]
  BASE_URL like http://127.0.0.1:PORT/inference/v1 (POSTs go to BASE_URL/chat/completions)

The SDK clients themselves are lenient (they build objects without validation), so this posts
raw requests with urllib and validates the raw JSON body and every SSE frame with the SDK's
pydantic models in strict mode (no type coercion; extra fields such as llama.cpp's `timings`
or Fireworks' `reasoning_content` are allowed). --expect-reasoning also requires a
`reasoning_content` string on the message and on at least one stream delta.

Prints `PASS name` / `FAIL name: reason` per check, then `N passed, N failed`; exit 0 iff all pass.
"""
import json
import sys

from openai.types.chat import ChatCompletion, ChatCompletionChunk

from refcheck import Checks, is_int, need, post, sse_events

PROMPT = [{"role": "user", "content": "Write a haiku about the sea."}]


def check_usage(u):
    need(u is not None, "no usage")
    for k in ("prompt_tokens", "completion_tokens", "total_tokens"):
        need(is_int(u.get(k)), f"usage.{k} is not an integer: {u.get(k)!r}")
    need(u["total_tokens"] == u["prompt_tokens"] + u["completion_tokens"], f"total != prompt + completion: {u}")
    need(u["completion_tokens"] > 0, f"completion_tokens is 0: {u}")


def main():
    args = [a for a in sys.argv[1:] if a != "--expect-reasoning"]
    expect_reasoning = len(args) != len(sys.argv) - 1
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    base, key, model = args
    url = base.rstrip("/") + "/chat/completions"
    headers = {"Authorization": f"Bearer {key}"}
    c = Checks()
    st = {}

    # --- non-streaming ---
    def nonstream_http():
        status, _, raw = post(url, {"model": model, "messages": PROMPT, "max_tokens": 8, "temperature": 0}, headers)
        need(status == 200, f"HTTP {status}: {raw[:300]!r}")
        st["body"] = json.loads(raw)
        need(isinstance(st["body"], dict), "body is not a JSON object")

    def nonstream_schema():
        m = ChatCompletion.model_validate(st["body"], strict=True)
        need(len(m.choices) >= 1, "no choices")
        need(isinstance(m.choices[0].message.content, str), f"content is {m.choices[0].message.content!r}")

    def nonstream_usage():
        u = st["body"].get("usage")
        check_usage(u)
        need(u["completion_tokens"] <= 8, f"completion_tokens > max_tokens 8: {u}")
        return f"prompt={u['prompt_tokens']} completion={u['completion_tokens']}"

    def nonstream_reasoning():
        choices = st["body"].get("choices") or [{}]
        r = (choices[0].get("message") or {}).get("reasoning_content")
        need(isinstance(r, str) and r, f"message.reasoning_content is {r!r}")

    if c.run("chat: HTTP 200 JSON", nonstream_http):
        c.run("chat: ChatCompletion strict schema", nonstream_schema)
        c.run("chat: usage", nonstream_usage)
        if expect_reasoning:
            c.run("chat: reasoning_content", nonstream_reasoning)

    # --- streaming ---
    def stream_http():
        body = {"model": model, "messages": PROMPT, "max_tokens": 8, "temperature": 0,
                "stream": True, "stream_options": {"include_usage": True}}
        status, hdrs, raw = post(url, body, headers)
        need(status == 200, f"HTTP {status}: {raw[:300]!r}")
        st["ctype"] = hdrs.get("Content-Type", "")
        st["frames"] = [data for _, data in sse_events(raw)]
        need(st["frames"], "no SSE data frames")

    def stream_ctype():
        need(st["ctype"].split(";")[0].strip().lower() == "text/event-stream", f"Content-Type {st['ctype']!r}")

    def stream_done():
        need(st["frames"][-1] == "[DONE]", f"last frame is {st['frames'][-1][:200]!r}")
        need(st["frames"].count("[DONE]") == 1, "more than one [DONE]")

    def stream_schema():
        st["chunks"] = []
        for i, f in enumerate(x for x in st["frames"] if x != "[DONE]"):
            try:
                ChatCompletionChunk.model_validate_json(f, strict=True)
            except Exception as e:
                raise AssertionError(f"chunk {i} {f[:200]} | {e}") from None
            st["chunks"].append(json.loads(f))
        need(len({ch["id"] for ch in st["chunks"]}) == 1, "chunks do not share one id")
        return f"{len(st['chunks'])} chunks"

    def stream_usage():
        with_usage = [i for i, ch in enumerate(st["chunks"]) if ch.get("usage")]
        need(with_usage, "no chunk carries usage despite include_usage")
        check_usage(st["chunks"][with_usage[-1]]["usage"])
        last = with_usage[-1] == len(st["chunks"]) - 1
        u = st["chunks"][with_usage[-1]]["usage"]
        return f"{'on last chunk' if last else 'NOT on last chunk'}, completion={u['completion_tokens']}"

    def deltas(field):
        return [ch["choices"][0]["delta"].get(field) for ch in st["chunks"] if ch.get("choices")]

    def stream_text():
        text = "".join(d for d in deltas("content") if d)
        need(text, "content deltas concatenate to empty text")
        return f"{len(text)} chars"

    def stream_reasoning():
        need(any(isinstance(r, str) and r for r in deltas("reasoning_content")),
             "no delta carries a reasoning_content string")

    if c.run("stream: HTTP 200 SSE", stream_http):
        c.run("stream: Content-Type text/event-stream", stream_ctype)
        c.run("stream: ends with data: [DONE]", stream_done)
        if c.run("stream: ChatCompletionChunk strict schema", stream_schema):
            c.run("stream: usage chunk", stream_usage)
            c.run("stream: content deltas", stream_text)
            if expect_reasoning:
                c.run("stream: reasoning_content", stream_reasoning)
    c.finish()


if __name__ == "__main__":
    main()

"""Validate request bodies fw sends against the official SDKs' request types.

Usage: validate_request.py openai|anthropic < BODIES
  BODIES: one JSON request body per line.

The SDKs declare their request parameters as TypedDicts and do not check them at run time, so
this checks each body with pydantic in strict mode (its lazily checked `Iterable` fields consumed) against `CompletionCreateParamsStreaming`
(openai) or `MessageCreateParamsStreaming` (anthropic): content parts and image blocks,
`response_format`, `output_config`. Fields the SDK does not know (Fireworks' own, such as the
`grammar` response format) are dropped first and named, so only what the SDK types cover is
judged. Prints `PASS n` / `FAIL n: reason` per body, then `N passed, N failed`; exit 0 iff all
pass.
"""
import json
import sys

import pydantic


def force(v):
    """Consumes the lazy validators pydantic puts on `Iterable` fields, so they validate."""
    if isinstance(v, dict):
        return {k: force(x) for k, x in v.items()}
    if isinstance(v, (str, bytes)):
        return v
    if isinstance(v, list) or hasattr(v, "__next__"):
        return [force(x) for x in v]
    return v


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("openai", "anthropic"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    if sys.argv[1] == "openai":
        from openai.types.chat.completion_create_params import CompletionCreateParamsStreaming as T
    else:
        from anthropic.types.message_create_params import MessageCreateParamsStreaming as T
    adapter = pydantic.TypeAdapter(T)
    passed = failed = 0
    for n, line in enumerate(sys.stdin):
        if not line.strip():
            continue
        body = json.loads(line)
        # Fireworks' GBNF mode is not an OpenAI response format.
        if body.get("response_format", {}).get("type") == "grammar":
            print(f"note {n}: response_format grammar is Fireworks' own, not checked")
            del body["response_format"]
        try:
            force(adapter.validate_python(body, strict=True))
            print(f"PASS {n}")
            passed += 1
        except pydantic.ValidationError as e:
            # The first errors say enough; a union's full list runs to hundreds of lines.
            print(f"FAIL {n}: " + "\n".join(str(e).splitlines()[:7]))
            failed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 and passed > 0 else 1)


if __name__ == "__main__":
    main()

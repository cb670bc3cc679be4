"""A token stream for scripts/event-cost.sh: every request is answered with N token events, one
per SSE event and one chunked write each, GAP seconds apart (so a client under Valgrind still
reads one event per read). A request to .../messages gets an Anthropic Messages stream
(message_start, a text block of N content_block_delta events, message_delta, message_stop);
any other a chat-completions stream (N chunks, a finish chunk with usage, [DONE]).
Prints its port, then serves until killed. Usage: event_server.py N GAP"""
import json
import socket
import sys
import threading
import time

N, GAP = int(sys.argv[1]), float(sys.argv[2])


def serve(c):
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buf = b""
    while b"\r\n\r\n" not in buf:
        buf += c.recv(65536)
    head, _, body = buf.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        body += c.recv(65536)
    c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
              b"Transfer-Encoding: chunked\r\n\r\n")

    def event(obj, raw=False):
        if raw:
            data = obj + b"\n\n"
        else:
            data = b"data: " + (obj if isinstance(obj, bytes) else json.dumps(obj).encode()) + b"\n\n"
        c.sendall(b"%x\r\n%s\r\n" % (len(data), data))

    if head.split(b" ", 2)[1].split(b"?")[0].endswith(b"/messages"):
        messages(event)
        c.sendall(b"0\r\n\r\n")
        c.close()
        return
    base = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1,
            "model": "accounts/fireworks/models/x"}
    for i in range(N):
        event({**base, "choices": [{"index": 0, "delta": {"content": " tok%d" % i},
                                    "finish_reason": None}]})
        time.sleep(GAP)
    event({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
           "usage": {"prompt_tokens": 3, "completion_tokens": N, "total_tokens": N + 3}})
    event(b"[DONE]")
    c.sendall(b"0\r\n\r\n")
    c.close()


def messages(event):
    def typed(kind, **fields):
        data = json.dumps({"type": kind, **fields}).encode()
        event(b"event: " + kind.encode() + b"\ndata: " + data, raw=True)

    typed("message_start", message={
        "id": "msg_1", "type": "message", "role": "assistant", "content": [],
        "model": "accounts/fireworks/models/x", "stop_reason": None, "stop_sequence": None,
        "usage": {"input_tokens": 3, "output_tokens": 0}})
    typed("content_block_start", index=0, content_block={"type": "text", "text": ""})
    for i in range(N):
        typed("content_block_delta", index=0, delta={"type": "text_delta", "text": " tok%d" % i})
        time.sleep(GAP)
    typed("content_block_stop", index=0)
    typed("message_delta", delta={"stop_reason": "end_turn", "stop_sequence": None},
          usage={"output_tokens": N})
    typed("message_stop")


s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
print(s.getsockname()[1], flush=True)
while True:
    conn, _ = s.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()

"""A chat-completions stream for scripts/event-cost.sh: every request is answered with N token
events, one per SSE event and one chunked write each, GAP seconds apart (so a client under
Valgrind still reads one event per read), then a finish chunk with usage and [DONE].
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

    def event(obj):
        data = b"data: " + (obj if isinstance(obj, bytes) else json.dumps(obj).encode()) + b"\n\n"
        c.sendall(b"%x\r\n%s\r\n" % (len(data), data))

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


s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
print(s.getsockname()[1], flush=True)
while True:
    conn, _ = s.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()

"""A minimal HTTPS server for testing extra CA certificates (SSL_CERT_FILE).

Usage: https_server.py CERT_PEM KEY_PEM
Serves on 127.0.0.1 (a free port): POST .../chat/completions answers a fixed chat completion,
non-streamed, or with "stream": true as 64 token events, each its own write (scripts/perf.sh
times fw against curl on it). Prints `READY https://127.0.0.1:PORT` when listening and exits when stdin closes.
"""
import json
import os
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPLY = {
    "id": "chatcmpl-tls", "object": "chat.completion", "created": 1764000000,
    "model": "accounts/fireworks/models/tls",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "hello over tls"},
                 "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 3, "completion_tokens": 3, "total_tokens": 6},
}


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        req = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        if req.get("stream"):
            self.stream()
            return
        body = json.dumps(REPLY).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def stream(self):
        # HTTP/1.0-style: the body ends when the connection closes.
        self.protocol_version = "HTTP/1.0"
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.flush()
        def chunk(delta, finish=None, usage=None):
            c = {"id": "chatcmpl-tls", "object": "chat.completion.chunk", "model": REPLY["model"],
                 "choices": [] if usage else [{"index": 0, "delta": delta, "finish_reason": finish}]}
            if usage:
                c["usage"] = usage
            return f"data: {json.dumps(c)}\n\n".encode()
        for i in range(64):
            self.wfile.write(chunk({"content": f"t{i} "}))
            self.wfile.flush()
        self.wfile.write(chunk({}, "stop"))
        self.wfile.write(chunk({}, usage={"prompt_tokens": 3, "completion_tokens": 64,
                                          "total_tokens": 67}))
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args):
        pass


def main():
    cert, key = sys.argv[1:3]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"READY https://127.0.0.1:{server.server_address[1]}", flush=True)
    while os.read(0, 4096):
        pass
    os._exit(0)


if __name__ == "__main__":
    main()

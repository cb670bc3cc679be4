"""A minimal HTTPS server for testing extra CA certificates (SSL_CERT_FILE).

Usage: https_server.py CERT_PEM KEY_PEM
Serves on 127.0.0.1 (a free port): POST .../chat/completions answers a fixed, non-streamed chat
completion. Prints `READY https://127.0.0.1:PORT` when listening and exits when stdin closes.
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
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = json.dumps(REPLY).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

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

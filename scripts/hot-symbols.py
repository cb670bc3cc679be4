"""Writes scripts/hot-symbols.txt: the functions and named data a one-off `fw --version`,
`fw chat` and `fw messages` touch, in the order they are first touched. build.rs hands the list
to the linker (--symbol-ordering-file), which places them first and together, so the 64 kB
windows the kernel maps around each page fault hold hot code instead of cold.

Usage: hot-symbols.py FW LINK_MAP OUT. Run by scripts/hot-symbols.sh, which builds the release
binary with its link map (symbol names carry a hash of the build's profile, so the list must come
from the release build itself, and the stripped binary has no symbol table).
Serves the two streamed replies from a local server on 127.0.0.1 and traces every memory access
of each run with Valgrind's lackey tool; an access is mapped to the symbol that holds it.
"""
import bisect
import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, text):
        data = text.encode()
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if self.path.endswith("/messages"):
            def event(name, obj):
                self.send(f"event: {name}\ndata: {json.dumps(obj)}\n\n")
            event("message_start", {"type": "message_start", "message": {
                "id": "msg_1", "type": "message", "role": "assistant", "model": "m",
                "content": [], "stop_reason": None,
                "usage": {"input_tokens": 5, "output_tokens": 0}}})
            event("content_block_start", {"type": "content_block_start", "index": 0,
                                          "content_block": {"type": "text", "text": ""}})
            for i in range(64):
                event("content_block_delta", {"type": "content_block_delta", "index": 0,
                                              "delta": {"type": "text_delta", "text": f"t{i} "}})
            event("content_block_stop", {"type": "content_block_stop", "index": 0})
            event("message_delta", {"type": "message_delta",
                                    "delta": {"stop_reason": "end_turn"},
                                    "usage": {"output_tokens": 64}})
            event("message_stop", {"type": "message_stop"})
        else:
            def chunk(delta, finish=None, usage=None):
                c = {"id": "c1", "object": "chat.completion.chunk", "model": "m",
                     "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
                if usage:
                    c["usage"] = usage
                self.send(f"data: {json.dumps(c)}\n\n")
            for i in range(64):
                chunk({"content": f"t{i} "})
            chunk({}, "stop", {"prompt_tokens": 5, "completion_tokens": 64, "total_tokens": 69})
            self.send("data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def symbols(link_map):
    """(address, size, symbol) of every input section in the linker's map, from its name: each
    function and named datum has a section of its own (`.text.NAME`, `.rodata.NAME`, ...)."""
    syms = []
    with open(link_map) as f:
        for line in f:
            p = line.split(None, 4)
            if len(p) < 5 or not p[4].rstrip().endswith(")") or ":(" not in p[4]:
                continue
            try:
                addr, size = int(p[0], 16), int(p[2], 16)
            except ValueError:
                continue
            section = p[4].rstrip()[p[4].rindex(":(") + 2:-1]
            for prefix in (".text.", ".rodata.", ".data.rel.ro.", ".data.", ".bss.", ".tdata.",
                           ".tbss."):
                if section.startswith(prefix) and size > 0:
                    name = section[len(prefix):]
                    # LLVM's hot and cold function sections: `.text.unlikely.NAME`, ...
                    for kind in ("unlikely.", "hot.", "startup.", "exit.", "split."):
                        if name.startswith(kind):
                            name = name[len(kind):]
                    if name and not name.startswith("."):
                        syms.append((addr, size, name))
                    break
    if not syms:
        sys.exit(f"{link_map} names no sections: was it written by lld (-Wl,-Map)?")
    syms.sort()
    return syms


def entry(binary):
    out = subprocess.run(["readelf", "-h", binary], capture_output=True, text=True).stdout
    return int(next(l for l in out.splitlines() if "Entry point" in l).split()[-1], 16)


def touched(binary, args, env, syms, starts):
    with tempfile.NamedTemporaryFile(suffix=".log") as log:
        subprocess.run(["valgrind", "--tool=lackey", "--trace-mem=yes",
                        f"--log-file={log.name}", binary, *args],
                       env=env, stdout=subprocess.DEVNULL, check=True)
        start = entry(binary)
        with open(log.name) as f:
            lines = [l for l in f if len(l) > 3 and l[0] in "I SLM" and "," in l]
        # The executable's load address: where its entry point's first instruction ran (the
        # dynamic loader, which runs first, is mapped far above it).
        base = next((a - start for a in (int(l[3:l.index(",")], 16) for l in lines
                                          if l[0] == "I")
                     if a < 0x4000000 and a > start and (a - start) % 4096 == 0), None)
        if base is None:
            sys.exit(f"could not find {binary}'s entry point in the trace")
        order, seen = [], set()
        for line in lines:
            off = int(line[3:line.index(",")], 16) - base
            i = bisect.bisect_right(starts, off) - 1
            if i >= 0 and off < syms[i][0] + syms[i][1] and i not in seen:
                seen.add(i)
                order.append(syms[i][2])
        return order


def main():
    binary, link_map, out = sys.argv[1], sys.argv[2], sys.argv[3]
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    home = tempfile.mkdtemp()
    env = {"PATH": os.environ["PATH"], "HOME": home, "FIREWORKS_API_KEY": "fw-trace",
           "FIREWORKS_BASE_URL": f"http://127.0.0.1:{srv.server_address[1]}/inference/v1"}
    syms = symbols(link_map)
    starts = [s[0] for s in syms]
    runs = [["--version"], ["chat", "-m", "kimi-k2p6", "hi"], ["messages", "-m", "kimi-k2p6", "hi"]]
    names, seen = [], set()
    for args in runs:
        for n in touched(binary, args, env, syms, starts):
            if n not in seen:
                seen.add(n)
                names.append(n)
    with open(out, "w") as f:
        f.write("\n".join(names) + "\n")
    print(f"{out}: {len(names)} symbols")


main()

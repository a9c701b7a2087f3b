#!/usr/bin/env python3
"""Start-up, idle output, bytes per keystroke, peak memory and quit time of
the release binary in a real pseudo-terminal, against the demo server
running as a separate process on loopback.

    python3 scripts/measure-startup.py            # builds, then 5 runs
    python3 scripts/measure-startup.py --runs 9 --no-build
    python3 scripts/measure-startup.py --bin PATH --server PATH

Each run: a 100x30 pty, TERM=xterm-256color, NO_COLOR unset, a fresh
XDG_STATE_HOME and no config file. Figures are medians over the runs:

  first frame    spawn -> the first byte the program writes
  contact shown  spawn -> the contact's name in the output
  idle B/s       bytes written per second over 3 s once the screen settled
  char / left / row
                 bytes written for one typed character in the Title field,
                 for cursor-left in it, and for `j` in the Custom fields pane
  peak RSS       VmHWM from /proc/PID/status just before quitting
  quit           `q` written -> the process reaped

Only the Python standard library is used. Cursor-position queries are
answered the way a terminal would, so a program that asks is measured with
the round trip a local terminal adds (over SSH it would cost far more).

    python3 scripts/measure-startup.py --rtt 100 [--h2] [--runs 5]

measures round trips instead: the demo server serves HTTPS (`--tls`, a
certificate authority made at start and trusted through SSL_CERT_FILE;
HTTP/1.1, or h2 as well with --h2), reached through an HTTP CONNECT proxy
on loopback (HTTPS_PROXY) that answers a CONNECT one RTT later, as a TCP
handshake that far would take, and delays every byte by half the RTT each
way. Figures:

  load           spawn -> the contact on screen, in ms and in round trips,
                 and from the first connection asked for (TCP, TLS and the
                 request: 3 at best)
  save           `y` in the confirmation -> "Saved" (conflict check, PUT,
                 read-back: 3), in ms and in round trips
  connections    TCP connections the load opened, and when (ms after spawn)
"""

import argparse
import asyncio
import fcntl
import os
import select
import shutil
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time

ROWS, COLS = 30, 100
NAME = b"Jane Smith"
USERS_DRAWN = b"Alice Johnson"


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def target_dir():
    return os.environ.get("CARGO_TARGET_DIR") or os.path.join(repo_root(), "target")


def build():
    # Two builds: an example turns on the dev-dependencies' features (the
    # demo's h2 server), which would otherwise be built into the binary
    # measured too (0.8 MiB more resident).
    for target in (["--bin", "rolodex-tui"], ["--example", "demo_server"]):
        subprocess.run(["cargo", "build", "--release", *target], cwd=repo_root(), check=True)


def start_server(path, args=(), exports=2):
    server = subprocess.Popen(
        [path, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    env = {}
    while len(env) < exports:
        line = server.stdout.readline()
        if not line:
            sys.exit("the demo server exited before printing its settings")
        if line.startswith("export "):
            key, _, value = line[len("export "):].strip().partition("=")
            env[key] = value
    return server, env


class Run:
    """One program in one pty; collects everything it writes."""

    def __init__(self, binary, server_env, state_dir, rows=ROWS, cols=COLS):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        unset = ("NO_COLOR", "SSL_CERT_DIR", "NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy")
        env = {k: v for k, v in os.environ.items() if k not in unset}
        env.update(server_env)
        env.update(
            TERM="xterm-256color",
            XDG_STATE_HOME=state_dir,
            XDG_CONFIG_HOME=os.path.join(state_dir, "no-config"),
        )
        self.master = master
        self.out = bytearray()
        self.started = time.perf_counter()
        self.first_byte = None
        self.proc = subprocess.Popen(
            [binary, "contact_67890"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)

    def pump(self, timeout):
        """Reads what is there within `timeout` seconds; returns bytes read."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return 0
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            return 0
        if chunk and self.first_byte is None:
            self.first_byte = time.perf_counter()
        if b"\x1b[6n" in chunk:
            os.write(self.master, b"\x1b[1;1R")
        self.out += chunk
        return len(chunk)

    def wait_for(self, needle, timeout=20.0):
        deadline = time.perf_counter() + timeout
        while needle not in self.out:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"never saw {needle!r}")
            self.pump(0.05)
        return time.perf_counter()

    def settle(self, quiet=0.3, timeout=10.0):
        """Reads until nothing came for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.pump(quiet) == 0:
                return
        raise RuntimeError("the program never went quiet")

    def bytes_for(self, keys):
        self.settle()
        before = len(self.out)
        os.write(self.master, keys)
        self.settle(0.2)
        return len(self.out) - before

    def peak_rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return None

    def quit(self):
        self.settle()
        start = time.perf_counter()
        os.write(self.master, b"q")
        while self.proc.poll() is None:
            self.pump(0.0005)
            if time.perf_counter() - start > 5:
                self.proc.kill()
                raise RuntimeError("q did not end the program")
        took = time.perf_counter() - start
        os.close(self.master)
        return took


def one_run(binary, server_env):
    state = tempfile.mkdtemp(prefix="rolodex-measure-")
    try:
        run = Run(binary, server_env, state)
        shown = run.wait_for(NAME) - run.started
        first = run.first_byte - run.started
        run.wait_for(USERS_DRAWN)
        run.settle(0.5)
        before = len(run.out)
        idle_until = time.perf_counter() + 3.0
        while time.perf_counter() < idle_until:
            run.pump(idle_until - time.perf_counter())
        idle = (len(run.out) - before) / 3.0
        run.bytes_for(b"\r")  # edit the Title
        char = statistics.median(run.bytes_for(c) for c in (b"x", b"y", b"z"))
        left = statistics.median(run.bytes_for(b"\x1b[D") for _ in range(3))
        run.bytes_for(b"\x1b")  # cancel the edit: nothing changed
        run.bytes_for(b"\t\t\t")  # to Custom fields (after Emails and Phones), full width
        row = statistics.median(run.bytes_for(b"j") for _ in range(3))
        rss = run.peak_rss_kib()
        quit_s = run.quit()
        return dict(
            first=first * 1000,
            shown=shown * 1000,
            idle=idle,
            char=char,
            left=left,
            row=row,
            rss=rss / 1024,
            quit=quit_s * 1000,
        )
    finally:
        shutil.rmtree(state, ignore_errors=True)


class DelayProxy:
    """An HTTP CONNECT proxy on loopback that puts `upstream` one RTT away:
    it answers a CONNECT one RTT later (the TCP handshake to a server that
    far), then passes every byte on half the RTT after it was sent, in
    order. The client sees the handshake as it would over a real network:
    the time it spends after its TCP connect (building the ClientHello) is
    added, not hidden. Records when each connection was asked for."""

    def __init__(self, upstream, rtt_ms):
        self.upstream = upstream
        self.half = rtt_ms / 2000.0
        self.opened = []
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        def serve():
            asyncio.set_event_loop(self.loop)
            server = self.loop.run_until_complete(
                asyncio.start_server(self.handle, "127.0.0.1", 0)
            )
            self.port = server.sockets[0].getsockname()[1]
            ready.set()
            self.loop.run_forever()

        threading.Thread(target=serve, daemon=True).start()
        ready.wait()

    @staticmethod
    def no_delay(writer):
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    async def handle(self, client_r, client_w):
        self.opened.append(time.perf_counter())
        self.no_delay(client_w)
        try:
            head = await client_r.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            client_w.close()
            return
        if not head.startswith(b"CONNECT "):
            client_w.write(b"HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n")
            client_w.close()
            return
        server_r, server_w = await asyncio.open_connection(*self.upstream)
        self.no_delay(server_w)
        # SYN there and SYN-ACK back.
        await asyncio.sleep(2 * self.half)
        client_w.write(b"HTTP/1.1 200 Connection Established\r\n\r\n")
        await client_w.drain()
        await asyncio.gather(self.pipe(client_r, server_w), self.pipe(server_r, client_w))

    async def pipe(self, reader, writer):
        queue = asyncio.Queue()

        async def read():
            while True:
                try:
                    data = await reader.read(65536)
                except (ConnectionError, OSError):
                    data = b""
                queue.put_nowait((time.perf_counter() + self.half, data))
                if not data:
                    return

        async def write():
            while True:
                at, data = await queue.get()
                wait = at - time.perf_counter()
                if wait > 0:
                    await asyncio.sleep(wait)
                try:
                    if not data:
                        writer.close()
                        return
                    writer.write(data)
                    await writer.drain()
                except (ConnectionError, OSError):
                    return

        await asyncio.gather(read(), write())


def rtt_run(binary, env, proxy, lead_score):
    """One load and one save through `proxy`: (load ms, save ms, the
    connections the load opened as ms after spawn)."""
    state = tempfile.mkdtemp(prefix="rolodex-measure-")
    try:
        run = Run(binary, env, state, 24, 80)
        proxy.opened.clear()
        shown = run.wait_for(NAME) - run.started
        opened = [(t - run.started) * 1000 for t in proxy.opened]
        run.settle(0.3)
        run.bytes_for(b"\t\t\t\r\x15" + str(lead_score).encode() + b"\r")
        run.bytes_for(b"w")
        run.wait_for(b"Send this change?")
        run.settle(0.3)
        sent = time.perf_counter()
        os.write(run.master, b"y")
        saved = run.wait_for(b"Saved") - sent
        run.quit()
        return shown * 1000, saved * 1000, opened
    finally:
        shutil.rmtree(state, ignore_errors=True)


def measure_rtt(args):
    server_args = ["--tls"] + (["--h2"] if args.h2 else [])
    server, env = start_server(args.server, server_args, exports=3)
    base = env["ROLODEX_BASE_URL"]
    host, _, rest = base[len("https://"):].partition("/")
    upstream = (host.rpartition(":")[0], int(host.rpartition(":")[2]))
    results = {}
    try:
        for rtt in (0, args.rtt):
            proxy = DelayProxy(upstream, rtt)
            # A name that is not this machine, so the client goes through
            # the proxy; only the demo's authority is trusted.
            env_here = dict(
                env,
                ROLODEX_BASE_URL=f"https://api.rolodex-demo.test:{upstream[1]}/{rest}",
                HTTPS_PROXY=f"http://127.0.0.1:{proxy.port}",
            )
            results[rtt] = [
                rtt_run(args.bin, env_here, proxy, 60 + i + (rtt > 0) * 20)
                for i in range(args.runs)
            ]
    finally:
        server.terminate()
        server.wait()
    local = statistics.median(r[0] for r in results[0])
    local_save = statistics.median(r[1] for r in results[0])
    runs = results[args.rtt]
    protocol = "h2 and HTTP/1.1 offered" if args.h2 else "HTTP/1.1"
    print(f"{args.runs} runs, TLS 1.3, {protocol}, RTT {args.rtt} ms, 80x24 pty")
    print(f"{'figure':<48}{'median':>10}  {'min':>8}  {'max':>8}")
    for label, values in (
        ("load: start -> contact on screen (ms)", [r[0] for r in runs]),
        ("load, in round trips", [r[0] / args.rtt for r in runs]),
        ("load from the first connect, in round trips", [(r[0] - r[2][0]) / args.rtt for r in runs]),
        ("save: y -> Saved (ms)", [r[1] for r in runs]),
        ("save, in round trips", [r[1] / args.rtt for r in runs]),
    ):
        med, lo, hi = statistics.median(values), min(values), max(values)
        print(f"{label:<48}{med:>10.2f}  {lo:>8.2f}  {hi:>8.2f}")
    print(f"no delay: load {local:.1f} ms, save {local_save:.1f} ms")
    for i, (_, _, opened) in enumerate(results[args.rtt]):
        times = ", ".join(f"+{t:.0f}" for t in opened)
        print(f"run {i + 1}: {len(opened)} connection(s) opened by the load at {times} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--rtt", type=int, metavar="MS", help="measure round trips at this RTT")
    parser.add_argument("--h2", action="store_true", help="with --rtt: the server offers h2 too")
    parser.add_argument("--bin", default=os.path.join(target_dir(), "release", "rolodex-tui"))
    parser.add_argument(
        "--server", default=os.path.join(target_dir(), "release", "examples", "demo_server")
    )
    args = parser.parse_args()
    if not args.no_build:
        build()
    if args.rtt:
        measure_rtt(args)
        return
    server, server_env = start_server(args.server)
    try:
        runs = [one_run(args.bin, server_env) for _ in range(args.runs)]
    finally:
        server.terminate()
        server.wait()
    rows = [
        ("start -> first byte written", "first", "ms", 1),
        ("start -> contact data on screen", "shown", "ms", 1),
        ("bytes per second while idle", "idle", "B/s", 0),
        ("bytes for one typed character", "char", "B", 0),
        ("bytes for cursor left in a text field", "left", "B", 0),
        ("bytes for a selection move (100 columns)", "row", "B", 0),
        ("peak RSS", "rss", "MiB", 1),
        ("quit -> process gone", "quit", "ms", 1),
    ]
    print(f"{args.runs} runs, {COLS}x{ROWS} pty, {os.path.basename(args.bin)}")
    print(f"{'figure':<44}{'median':>10}  {'min':>8}  {'max':>8}")
    for label, key, unit, digits in rows:
        values = [r[key] for r in runs]
        med, lo, hi = statistics.median(values), min(values), max(values)
        print(f"{label:<44}{med:>10.{digits}f}  {lo:>8.{digits}f}  {hi:>8.{digits}f}  {unit}")


if __name__ == "__main__":
    main()

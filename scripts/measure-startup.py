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
"""

import argparse
import fcntl
import os
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROWS, COLS = 30, 100
NAME = b"Jane Smith"
USERS_DRAWN = b"Alice Johnson"


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def target_dir():
    return os.environ.get("CARGO_TARGET_DIR") or os.path.join(repo_root(), "target")


def build():
    subprocess.run(
        ["cargo", "build", "--release", "--bin", "rolodex-tui", "--example", "demo_server"],
        cwd=repo_root(),
        check=True,
    )


def start_server(path):
    server = subprocess.Popen(
        [path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    env = {}
    while len(env) < 2:
        line = server.stdout.readline()
        if not line:
            sys.exit("the demo server exited before printing its settings")
        if line.startswith("export "):
            key, _, value = line[len("export "):].strip().partition("=")
            env[key] = value
    return server, env


class Run:
    """One program in one pty; collects everything it writes."""

    def __init__(self, binary, server_env, state_dir):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR",)}
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--bin", default=os.path.join(target_dir(), "release", "rolodex-tui"))
    parser.add_argument(
        "--server", default=os.path.join(target_dir(), "release", "examples", "demo_server")
    )
    args = parser.parse_args()
    if not args.no_build:
        build()
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

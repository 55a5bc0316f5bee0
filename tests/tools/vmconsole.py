#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""vmconsole.py: a VM's serial console for the image tests: logs it with host timestamps and answers scripted questions.

usage: vmconsole.py console SOCK LOG [SCRIPT]
       vmconsole.py monitor SOCK COMMAND...

console: connects to QEMU's serial chardev (a unix socket; QEMU waits for
  this connection before it starts the guest), appends every line the guest
  prints to LOG as "SECONDS LINE" (host seconds since the connection, three
  decimals: the boot-phase figures of make bench come from these), and plays
  SCRIPT while it does: one step a line, `EXPECT<TAB>ANSWER`, EXPECT a
  regular expression awaited in the output after the previous match, ANSWER
  then typed followed by Enter (`EXPECT` alone only waits).  Runs until QEMU
  closes the socket (the VM stopped).  A script step not seen before the VM
  stops is reported on stderr and the exit status is 1.
monitor: sends one command to QEMU's human monitor (a unix socket) and
  prints its answer.
"""
import os
import re
import socket
import sys
import time


def connect(path, wait=30.0):
    """A connection to the unix socket PATH, retried while QEMU starts (not a timing assertion)."""
    end = time.monotonic() + wait
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            return s
        except OSError:
            s.close()
            if time.monotonic() > end:
                raise SystemExit("vmconsole: cannot connect to %s" % path)
            time.sleep(0.05)


def load_script(path):
    steps = []
    if path is None:
        return steps
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            expect, _, answer = line.partition("\t")
            steps.append((re.compile(expect), answer if "\t" in line else None))
    return steps


class Console:
    def __init__(self, sock, log, steps):
        self.sock = sock
        self.log = log
        self.steps = steps
        self.t0 = time.monotonic()
        self.line = ""          # the current, unfinished line
        self.pending = ""       # output not yet matched by the script

    def stamp(self):
        return "%.3f" % (time.monotonic() - self.t0)

    def feed(self, text):
        self.pending += text
        self.line += text
        while "\n" in self.line:
            done, self.line = self.line.split("\n", 1)
            self.log.write("%s %s\n" % (self.stamp(), done.rstrip("\r")))
        self.log.flush()
        self.play()

    def play(self):
        while self.steps:
            expect, answer = self.steps[0]
            m = expect.search(self.pending)
            if m is None:
                return
            self.pending = self.pending[m.end():]
            self.steps.pop(0)
            if answer is not None:
                self.log.write("%s >>> %s\n" % (self.stamp(), answer))
                self.sock.sendall(answer.encode() + b"\r")

    def run(self):
        while True:
            try:
                data = self.sock.recv(4096)
            except OSError:
                data = b""
            if not data:
                break
            self.feed(data.decode(errors="replace"))
        if self.line:
            self.log.write("%s %s\n" % (self.stamp(), self.line))
        self.log.flush()
        if self.steps:
            sys.stderr.write("vmconsole: the VM stopped before the script's step: %s\n"
                             % self.steps[0][0].pattern)
            return 1
        return 0


def console(argv):
    if len(argv) not in (2, 3):
        raise SystemExit(__doc__)
    steps = load_script(argv[2] if len(argv) == 3 else None)
    sock = connect(argv[0])
    with open(argv[1], "a") as log:
        return Console(sock, log, steps).run()


def monitor(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    s = connect(argv[0], wait=5.0)
    s.settimeout(10)
    out = b""

    def until_prompt():
        nonlocal out
        while not out.endswith(b"(qemu) "):
            data = s.recv(4096)
            if not data:
                break
            out += data

    until_prompt()
    out = b""
    s.sendall(" ".join(argv[1:]).encode() + b"\n")
    try:
        until_prompt()
    except (socket.timeout, OSError):
        pass
    text = out.decode(errors="replace").replace("\r", "")
    sys.stdout.write("\n".join(text.split("\n")[1:-1]) + "\n" if "\n" in text else "")
    return 0


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    cmd, argv = sys.argv[1], sys.argv[2:]
    if cmd == "console":
        return console(argv)
    if cmd == "monitor":
        return monitor(argv)
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""drive.py: runs a command on a pseudo-terminal and plays a script of (expected text, answer) pairs.

usage: drive.py SCRIPT -- COMMAND...
SCRIPT holds one step a line: `EXPECT<TAB>ANSWER`, where EXPECT is a regular
expression awaited in the output and ANSWER (may be empty) is then typed
followed by Enter; a line `EXPECT` alone only waits; `=STATUS` at the end
checks the exit status.  Everything seen is copied to stdout.
"""
import os
import pty
import re
import select
import sys

HANG = 120  # seconds without any output: the program hangs (not a timing assertion)


class Driver:
    def __init__(self, argv):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvp(argv[0], argv)
        self.buf = ""

    def read(self):
        r, _, _ = select.select([self.fd], [], [], HANG)
        if not r:
            raise SystemExit("FAIL: no output for %d s; waiting in:\n%s" % (HANG, self.buf[-500:]))
        try:
            data = os.read(self.fd, 4096).decode(errors="replace")
        except OSError:
            data = ""
        if not data:
            return False
        sys.stdout.write(data)
        sys.stdout.flush()
        self.buf += data
        return True

    def expect(self, pattern):
        rx = re.compile(pattern, re.M)
        while True:
            m = rx.search(self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return
            if not self.read():
                raise SystemExit("FAIL: output ended before /%s/; last:\n%s" % (pattern, self.buf[-500:]))

    def send(self, text):
        os.write(self.fd, (text + "\r").encode())

    def finish(self):
        while self.read():
            pass
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)


def main():
    sep = sys.argv.index("--")
    script, argv = sys.argv[1], sys.argv[sep + 1:]
    d = Driver(argv)
    want_status = None
    with open(script) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            if line.startswith("="):
                want_status = int(line[1:])
                continue
            expect, _, answer = line.partition("\t")
            d.expect(expect)
            if "\t" in line:
                d.send(answer)
    status = d.finish()
    if want_status is not None and status != want_status:
        raise SystemExit("FAIL: exit status %d, expected %d" % (status, want_status))
    print("\n[drive.py: script done, exit status %d]" % status)


main()

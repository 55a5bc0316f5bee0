#!/usr/bin/python3
# dnsflood.py: sends DNS messages over UDP to ADDR:PORT, bounded: "query N" (N queries for . SOA as fast as it can) or "junk KIND N" (short, qr, qdcount2); prints "ANSWERS TC" received within 2 s (0.5 s after 10 or fewer).
# SPDX-License-Identifier: ISC
import select
import socket
import struct
import sys
import time


def msg(i, kind):
    if kind == "short":
        return b"\x12\x34\x01"
    flags, qd = 0x0100, 1
    if kind == "qr":
        flags = 0x8400
    elif kind == "qdcount2":
        qd = 2
    q = b"\x00" + struct.pack(">HH", 6, 1)
    return struct.pack(">HHHHHH", i & 0xFFFF, flags, qd, 0, 0, 0) + q * qd


def main():
    addr, port, kind, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.setblocking(False)
    answers = tc = 0

    def drain():
        nonlocal answers, tc
        while True:
            try:
                r = s.recv(4096)
            except BlockingIOError:
                return
            if len(r) >= 4:
                if r[2] & 0x02:
                    tc += 1
                else:
                    answers += 1

    for i in range(n):
        while True:
            try:
                s.sendto(msg(i, kind), (addr, port))
                break
            except BlockingIOError:
                select.select([], [s], [], 0.1)
        drain()
    # answers to a flood may queue a while; to a few probes, not
    end = time.time() + (2 if n > 10 else 0.5)
    while time.time() < end:
        select.select([s], [], [], 0.1)
        drain()
    print(answers, tc)


main()

#!/usr/bin/python3
# portscan.py: a bounded scan of ADDR: a TCP connect and a UDP DNS query to each port of PORTS (e.g. 1-300,5301); prints the ports that answered anything (a connection, a reset, a datagram or an ICMP unreachable) as "tcp/N" and "udp/N", or "none".
# SPDX-License-Identifier: ISC
import errno
import select
import socket
import struct
import sys
import time

WAIT = 1.5	# seconds for every answer (all ports at once)


def ports(spec):
    out = set()
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        out.update(range(int(lo), int(hi or lo) + 1))
    return sorted(out)


def query():
    return struct.pack(">HHHHHH", 0x5343, 0x0100, 1, 0, 0, 0) + \
        b"\x00" + struct.pack(">HH", 6, 1)


def scan_tcp(fam, addr, plist):
    socks, answered = {}, []
    for p in plist:
        s = socket.socket(fam, socket.SOCK_STREAM)
        s.setblocking(False)
        s.connect_ex((addr, p))
        socks[s] = p
    end = time.monotonic() + WAIT
    while socks and time.monotonic() < end:
        _, w, _ = select.select([], list(socks), [], 0.1)
        for s in w:
            e = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if e in (0, errno.ECONNREFUSED):
                answered.append("tcp/%d" % socks[s])
            s.close()
            del socks[s]
    for s in socks:
        s.close()
    return answered


def scan_udp(fam, addr, plist):
    socks, answered = {}, []
    for p in plist:
        s = socket.socket(fam, socket.SOCK_DGRAM)
        s.setblocking(False)
        s.connect((addr, p))
        s.send(query())
        socks[s] = p
    end = time.monotonic() + WAIT
    while socks and time.monotonic() < end:
        r, _, _ = select.select(list(socks), [], [], 0.1)
        for s in r:
            try:
                s.recv(4096)
            except OSError:
                pass	# ECONNREFUSED: an ICMP unreachable came back
            answered.append("udp/%d" % socks[s])
            s.close()
            del socks[s]
    for s in socks:
        s.close()
    return answered


def main():
    addr, plist = sys.argv[1], ports(sys.argv[2])
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    got = scan_tcp(fam, addr, plist) + scan_udp(fam, addr, plist)
    print(" ".join(got) if got else "none")


main()

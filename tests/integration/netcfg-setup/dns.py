#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""dns.py: a fixed-answer DNS server for the netcfg-setup case (A/AAAA of controller.example)."""
import socket
import struct
import sys

ANSWERS = {
    ("controller.example", 1): socket.inet_pton(socket.AF_INET, "198.51.100.7"),
    ("controller.example", 28): socket.inet_pton(socket.AF_INET6, "2001:db8:ff::7"),
}


def name_at(msg, off):
    labels = []
    while msg[off]:
        n = msg[off]
        labels.append(msg[off + 1:off + 1 + n].decode())
        off += n + 1
    return ".".join(labels), off + 1


def answer(q):
    qid, flags = struct.unpack("!HH", q[:4])
    name, off = name_at(q, 12)
    qtype, _ = struct.unpack("!HH", q[off:off + 4])
    question = q[12:off + 4]
    rdata = ANSWERS.get((name.lower(), qtype))
    rcode = 0 if rdata or name.lower() in ("controller.example", "") else 3
    hdr = struct.pack("!HHHHHH", qid, 0x8180 | rcode, 1, 1 if rdata else 0, 0, 0)
    out = hdr + question
    if rdata:
        out += struct.pack("!HHHIH", 0xC00C, qtype, 1, 60, len(rdata)) + rdata
    return out


def main():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((sys.argv[1], 53))
    while True:
        q, peer = s.recvfrom(1500)
        try:
            s.sendto(answer(q), peer)
        except (IndexError, struct.error, UnicodeDecodeError):
            pass


main()

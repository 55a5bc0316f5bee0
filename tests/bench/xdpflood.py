#!/usr/bin/python3
# xdpflood.py: a bounded spoofed DNS flood for tests/bench/xdp: queries to DST6 port 53 from NSRC IPv6 source addresses spread over NPREFIX /56s, as Ethernet frames on IFACE to DSTMAC, for at most SECONDS and COUNT frames; prints "sent N frames in S s: R pps".
# SPDX-License-Identifier: ISC
import random
import socket
import struct
import sys
import time


def csum(data):
    if len(data) & 1:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(src, dst, srcmac, dstmac, i):
    dns = struct.pack(">HHHHHH", i & 0xFFFF, 0x0100, 1, 0, 0, 0)
    dns += b"\x07example\x04test\x00" + struct.pack(">HH", 1, 1)
    ulen = 8 + len(dns)
    sport = 1024 + (i % 60000)
    pseudo = src + dst + struct.pack(">IxxxB", ulen, 17)
    udp = struct.pack(">HHHH", sport, 53, ulen, 0) + dns
    c = csum(pseudo + udp) or 0xFFFF
    udp = udp[:6] + struct.pack(">H", c) + udp[8:]
    ip6 = struct.pack(">IHBB", 6 << 28, ulen, 17, 64) + src + dst
    return dstmac + srcmac + b"\x86\xdd" + ip6 + udp


def main():
    iface, dstmac, dst6 = sys.argv[1], bytes.fromhex(sys.argv[2].replace(":", "")), sys.argv[3]
    nsrc, npfx, secs, count = (int(a) for a in sys.argv[4:8])
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    srcmac = s.getsockname()[4]
    dst = socket.inet_pton(socket.AF_INET6, dst6)
    rnd = random.Random(53)
    # 2001:db8:f0PP:PP00::/56 prefixes, random hosts inside each
    frames = []
    for i in range(nsrc):
        p = i % npfx
        src = bytes([0x20, 0x01, 0x0D, 0xB8, 0xF0, p >> 8 & 0xFF, p & 0xFF, 0]) + rnd.randbytes(8)
        frames.append(frame(src, dst, srcmac, dstmac, i))
    n, t0 = 0, time.monotonic()
    end = t0 + secs
    while n < count:
        for f in frames:
            try:
                s.send(f)
            except BlockingIOError:
                pass
            n += 1
            if n >= count or (n & 1023 == 0 and time.monotonic() > end):
                break
        if time.monotonic() > end:
            break
    el = time.monotonic() - t0
    print("sent %d frames in %.1f s: %.0f pps" % (n, el, n / el))


main()

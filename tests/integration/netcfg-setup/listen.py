#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""listen.py: accepts TCP connections on ADDR PORT and closes them: the stand-in controller."""
import socket
import sys

fam = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
s = socket.socket(fam, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2])))
s.listen(8)
while True:
    c, _ = s.accept()
    c.close()

#!/usr/bin/python3
"""The reference SMTP client of figure 7 when postfix's smtp-source is not installed: COUNT messages
of SIZE bytes, one SMTP connection kept open for all of them (as libcurl's handle in portico-mailer
keeps its connection), into the server at HOST:PORT. Prints messages per second.

Usage: smtp_reference.py HOST PORT COUNT SIZE"""
import smtplib
import sys
import time

host, port, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
line = ("The pump was checked and the seal replaced; nothing else to report here. " * 2)[:76] + "\r\n"
body = (line * (size // len(line) + 1))[:size]
t0 = time.monotonic()
with smtplib.SMTP(host, port) as s:
    for i in range(count):
        msg = (f"From: office@bench.test\r\nTo: ref{i}@bench.test\r\nSubject: Reference {i}\r\n"
               f"Message-ID: <ref.{i}@bench.test>\r\n\r\n{body}")
        s.sendmail("office@bench.test", [f"ref{i}@bench.test"], msg.encode())
print(f"{count / (time.monotonic() - t0):.1f}")

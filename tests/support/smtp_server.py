#!/usr/bin/python3
"""A local SMTP server for development and tests: every message it accepts becomes a file.

    smtp_server.py --port 2525 --dir var/mail [--host 127.0.0.1] [--log FILE]

Each message is saved as DIR/<UTC time>-<counter>.eml (written to a temporary name first, then
renamed, so a reader never sees half a message). The envelope is kept in two headers put in front
of the message: X-Envelope-From and X-Envelope-To (comma-separated). Exits cleanly on SIGTERM/SIGINT.
"""
import argparse
import asyncio
import itertools
import logging
import os
import signal
import sys
import time

from aiosmtpd.smtp import SMTP

log = logging.getLogger("smtp_server")


class SaveToFolder:
    def __init__(self, folder):
        self.folder = folder
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        now = time.time()
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f".{int(now % 1 * 1e6):06d}"
        name = f"{stamp}-{next(self.counter):06d}.eml"
        head = (f"X-Envelope-From: {envelope.mail_from}\r\n"
                f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n").encode("utf-8", "replace")
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "replace")
        tmp = os.path.join(self.folder, f".{name}.tmp")
        with open(tmp, "wb") as f:
            f.write(head + content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, os.path.join(self.folder, name))
        log.info("saved %s from %s to %s", name, envelope.mail_from, ",".join(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


async def serve(args):
    os.makedirs(args.dir, exist_ok=True)
    handler = SaveToFolder(args.dir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="portico-test-smtp", enable_SMTPUTF8=True),
        host=args.host, port=args.port)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    log.info("listening on %s:%d, saving messages to %s", args.host, args.port, args.dir)
    await stop.wait()
    server.close()
    await server.wait_closed()
    log.info("stopped")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=2525)
    p.add_argument("--dir", required=True, help="folder for the .eml files")
    p.add_argument("--log", help="log file (default: stderr)")
    args = p.parse_args()
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
        **({"filename": args.log} if args.log else {"stream": sys.stderr}))
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()

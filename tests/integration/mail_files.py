"""Reads the messages the test SMTP server saved (PORTICO_TEST_MAIL_DIR), one .eml file each, with the
envelope in X-Envelope-From / X-Envelope-To."""
import email
import email.header
import email.policy
import glob
import os
import re
import time
from dataclasses import dataclass

from conftest import env


@dataclass
class Mail:
    path: str
    msg: email.message.EmailMessage

    @property
    def envelope_to(self) -> str:
        return self.msg["X-Envelope-To"] or ""

    @property
    def subject(self) -> str:
        return str(self.msg["Subject"])

    def part(self, ctype: str) -> str:
        for p in self.msg.walk():
            if p.get_content_type() == ctype:
                return p.get_content()
        raise AssertionError(f"no {ctype} part in {self.path}")

    @property
    def text(self) -> str:
        return self.part("text/plain")

    @property
    def html(self) -> str:
        return self.part("text/html")

    def link(self, path_prefix: str) -> str:
        m = re.search(r"https://[^\s\"<>]+" + re.escape(path_prefix) + r"[^\s\"<>]+", self.text)
        assert m, f"no link to {path_prefix} in the text part:\n{self.text}"
        return m.group(0)


def all_mail() -> list:
    out = []
    for f in sorted(glob.glob(os.path.join(env("PORTICO_TEST_MAIL_DIR"), "*.eml"))):
        with open(f, "rb") as fh:
            out.append(Mail(f, email.message_from_binary_file(fh, policy=email.policy.default)))
    return out


def mail_to(address: str) -> list:
    return [m for m in all_mail() if address.lower() in m.envelope_to.lower()]


def wait_for_mail(address: str, count: int = 1, timeout: float = 15.0) -> list:
    deadline = time.monotonic() + timeout
    while True:
        got = mail_to(address)
        if len(got) >= count:
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"{len(got)} of {count} messages to {address} arrived within {timeout}s")
        time.sleep(0.1)

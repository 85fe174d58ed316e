"""The soak's short version (issue 9; the ten-minute one is scripts/soak): tests/support/soak.py against the
test stack — capacity measured for 4 s, then 25 s of mixed traffic at half of it: no 5xx, nothing but the
intended answers, and handler memory within its tolerance. The test stack's handlers run under ASan,
whose quarantine keeps freed memory out of reuse for a while (scripts/test sets it to 32 MB a process): RSS
climbs there whatever the code does, so this run allows 96 MB; scripts/soak, on a plain build, holds them to
25% + 8 MB."""
import os
import sys

from conftest import run_dir

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import soak  # noqa: E402


def test_short_soak_no_5xx_no_unintended_errors_memory_steady():
    lines = []
    ok = soak.run(25, run_dir(), measure_seconds=4, rss_tolerance_pct=25, rss_slack_kb=96 * 1024, out=lines.append)
    print("\n".join(lines))
    assert ok, "\n".join(lines)

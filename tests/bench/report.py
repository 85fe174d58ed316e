#!/usr/bin/python3
"""The table of scripts/bench/run: its JSON lines (one per wrk run or measure) in, a table with
ratios to the baselines of the same run and the issue's goals on stdout, and bench/results.json out.

Usage: report.py RESULTS.jsonl OUT.json"""
import datetime
import json
import os
import platform
import sys

MIB = 1024

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
runs = {(r["figure"], r.get("conns")): r for r in rows if "rps" in r}
argon = next((r for r in rows if r["figure"] == "argon2"), None)
memory = [r for r in rows if r["figure"] == "memory"]


def run(name, conns=16):
    return runs.get((name, conns))


goals = []


def goal(text, value, limit, ok):
    goals.append({"goal": text, "value": value, "limit": limit, "ok": bool(ok)})


print()
# The last three columns: CPU milliseconds per request spent in nginx, the handler (or the baseline's
# responder) and PostgreSQL, which say what limits a figure.
print(f"{'figure':<20} {'conns':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'p99/p50':>7} {'errors':>6} "
      f"{'cpu%':>4} {'/static':>7} {'/noop':>6} {'/1q':>6} {'ngx ms':>6} {'hdl ms':>6} {'pg ms':>6}")
for (name, conns), r in runs.items():
    ratios = []
    for base in ("static", "fcgi-noop", "fcgi-1q"):
        b = run(base, conns)
        ratios.append(r["rps"] / b["rps"] if b and b["rps"] else float("nan"))
    r["ratio_static"], r["ratio_noop"], r["ratio_1q"] = (round(x, 3) for x in ratios)
    spread = r["p99_ms"] / r["p50_ms"] if r["p50_ms"] else float("nan")
    print(f"{name:<20} {conns or '':>5} {r['rps']:>9.0f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} {spread:>7.1f} "
          f"{r['errors']:>6} {r.get('cpu_pct', ''):>4} {ratios[0]:>7.2f} {ratios[1]:>6.2f} {ratios[2]:>6.2f} "
          + " ".join(f"{r.get('cpu_ms_per_req', {}).get(k, float('nan')):>6.3f}" for k in ("nginx", "handler", "postgres")))

for name in ("home", "link-get", "doc-view", "api-list"):
    for conns in (16, 64):
        r, b = run(name, conns), run("fcgi-1q", conns)
        if r and b:
            goal(f"{name} req/s >= 0.7 x fcgi-1q at {conns}", round(r["rps"] / b["rps"], 3), 0.7, r["rps"] >= 0.7 * b["rps"])
            goal(f"{name} no errors at {conns}", r["errors"], 0, r["errors"] == 0)
    r = run(name, 16)
    if r:
        goal(f"{name} p99 <= 4 x p50 at 16", round(r["p99_ms"] / r["p50_ms"], 2), 4, r["p99_ms"] <= 4 * r["p50_ms"])
login = run("login")
if login and argon:
    goal("logins/s >= 0.85 x argon2 verifies/s", round(login["rps"] / argon["verifies_per_s"], 3), 0.85,
         login["rps"] >= 0.85 * argon["verifies_per_s"])
alone, during = run("home-alone"), run("home-during-logins")
if alone and during:
    goal("home p99 during logins <= 2 x without", round(during["p99_ms"] / alone["p99_ms"], 2), 2,
         during["p99_ms"] <= 2 * alone["p99_ms"])
small, big = run("home"), run("home-big")
if small and big:
    goal("home p50 with 1,000,000 rows <= 1.2 x with 1,000", round(big["p50_ms"] / small["p50_ms"], 2), 1.2,
         big["p50_ms"] <= 1.2 * small["p50_ms"])
for m in memory:
    per = m["private_kib"] / max(1, m["workers"]) / MIB
    goal(f"portico-{m['handler']} idle private MiB per worker", round(per, 2), 8, per <= 8)
for r in rows:
    if r["figure"] in ("upload", "mailer", "mail-reference"):
        print(f"{r['figure']:<20} " + ", ".join(f"{k} {v}" for k, v in r.items() if k != "figure"))
upload = next((r for r in rows if r["figure"] == "upload"), None)
if upload:
    goal("upload handler peak RSS over idle < 32 MiB", round(upload["rss_growth_kib"] / MIB, 1), 32,
         upload["rss_growth_kib"] < 32 * MIB)
mailer = next((r for r in rows if r["figure"] == "mailer"), None)
ref = next((r for r in rows if r["figure"] == "mail-reference"), None)
if mailer and ref:
    goal("mailer msgs/s >= 0.5 x reference client", round(mailer["msgs_per_s"] / ref["msgs_per_s"], 3), 0.5,
         mailer["msgs_per_s"] >= 0.5 * ref["msgs_per_s"])

if argon:
    print(f"\nargon2: {argon['verifies_per_s']:.1f} verifies/s on {argon['threads']} threads")
if memory:
    print("idle private memory: " + ", ".join(
        f"{m['handler']} {m['private_kib'] / MIB:.1f} MiB" for m in memory) + f" ({memory[0]['workers']} workers each)")
print("\ngoals:")
for g in goals:
    print(f"  {'ok  ' if g['ok'] else 'MISS'} {g['goal']}: {g['value']} (limit {g['limit']})")

with open("/proc/loadavg") as f:
    load = f.read().split()[:3]
model = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), "")
out = {
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "machine": {"cores": os.cpu_count(), "cpu": model, "kernel": platform.release(), "load_after": load},
    "runs": rows,
    "goals": goals,
}
with open(sys.argv[2], "w") as f:
    json.dump(out, f, indent=1)
print(f"\nwritten: {sys.argv[2]}")

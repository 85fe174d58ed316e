#!/usr/bin/env bash
# Benchmark of portico-autocreate (not a test; scripts/test never runs it). On a throw-away PostgreSQL
# cluster of its own (var/bench, port 5546; a RelWithDebInfo build in build/bench) it times:
#   1. one run that creates 100,000 accounts (set_password_link: welcome links + sealed e-mails),
#   2. one run that creates 100,000 accounts (generated_password: keyed hashes + sealed e-mails),
#   3. one run with nothing to do on 1,000,000 contacts.
# Usage (as root): scripts/bench/autocreate.sh     Figures are printed at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${PORTICO_BUILD_DIR:-$ROOT/build/bench}
VAR=$ROOT/var/bench
read -r HTTPS_PORT PG_PORT SMTP_PORT <<<"${PORTICO_BENCH_PORTS:-9444 5546 2527}"
LOGIN_RATE=10r/s LOGIN_BURST=20
PG_FAST=1
N=${PORTICO_BENCH_NEW:-100000}
TOTAL=${PORTICO_BENCH_TOTAL:-1000000}
# shellcheck source=scripts/lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"

[[ $(id -u) -eq 0 ]] || die "scripts/bench/autocreate.sh must run as root (it runs PostgreSQL as postgres)"
stack_lock bench
say "build (RelWithDebInfo) in $BUILD"
export CCACHE_BASEDIR=$ROOT CCACHE_NOHASHDIR=1
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
  -DPORTICO_TESTS=OFF >/dev/null || die "cmake configure failed"
cmake --build "$BUILD" --target portico-admin portico-autocreate || die "build failed"
stack_env
stack_stop
stack_wipe
trap stack_stop EXIT
stack_dirs
stack_pg_start
stack_keys
"$PORTICO_ADMIN" migrate >/dev/null

sql() { "$PG_BIN/psql" -X -q -t -A -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d portico "$@"; }
job() {  # job LABEL: one --once run, timed
  local t0 t1
  t0=$(now_ms)
  "$BIN/portico-autocreate" --once >>"$VAR/log/autocreate.log" 2>&1
  t1=$(now_ms)
  results+=("$(printf '%-58s %8d ms' "$1" $((t1 - t0)))")
}
results=()

"$PORTICO_ADMIN" org create --slug bench --name Bench --base-url https://bench.test >/dev/null
org=$(sql -c "SELECT id FROM org WHERE slug = 'bench'")
sql -c "INSERT INTO autocreate_config (org_id, portal, enabled, credential_mode) VALUES
        ($org, 'candidate', true, 'set_password_link'), ($org, 'client', true, 'generated_password')"

say "$N new active candidates (set_password_link)"
sql -c "INSERT INTO contact (org_id, kind, email, name, record_ref)
        SELECT $org, 'candidate', 'cand' || g || '@bench.test', 'Candidate ' || g, 'C-' || g
        FROM generate_series(1, $N) g"
job "run 1: $N new candidates, set_password_link"

say "$N new active client contacts (generated_password)"
sql -c "INSERT INTO contact (org_id, kind, email, name, record_ref)
        SELECT $org, 'client_contact', 'cc' || g || '@bench.test', 'Contact ' || g, 'CC-' || g
        FROM generate_series(1, $N) g"
job "run 2: $N new client contacts, generated_password"

rest=$((TOTAL - 2 * N))
say "$rest more contacts that already have accounts (total $TOTAL)"
# Set up in bulk with the queue trigger off (replica role): these contacts are in the state the job leaves
# them in (active, with an account), as if earlier runs had made their accounts.
sql <<SQL
SET session_replication_role = replica;
INSERT INTO contact (org_id, kind, email, name, record_ref)
SELECT $org, CASE WHEN g % 2 = 0 THEN 'candidate' ELSE 'client_contact' END, 'old' || g || '@bench.test',
       'Old ' || g, 'O-' || g
FROM generate_series(1, $rest) g;
INSERT INTO account (org_id, contact_id, username, state)
SELECT c.org_id, c.id, lower(c.email), 'active' FROM contact c
WHERE c.org_id = $org AND c.email LIKE 'old%' ;
SQL
sql -c "VACUUM ANALYZE"
job "run 3: nothing to do, $(sql -c "SELECT count(*) FROM contact") contacts"
job "run 4: nothing to do again"

echo
echo "portico-autocreate --once, $(nproc) cores, PostgreSQL with fsync off:"
printf '  %s\n' "${results[@]}"
echo "  accounts: $(sql -c "SELECT count(*) FROM account")   outbox rows: $(sql -c "SELECT count(*) FROM outbox")"
echo "  runs (portal, outcome, created, duration_ms as the job measured it):"
sql -c "SELECT '    ' || portal || ' ' || outcome || ' ' || created || ' ' || duration_ms FROM autocreate_run ORDER BY id"

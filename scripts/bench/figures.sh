#!/usr/bin/env bash
# Portico's performance figures against the limits of this machine, in one run (issue 8). Not a test:
# scripts/test only builds the bench's own programs (tests/bench/), CI never runs this.
#
# On a stack of its own (https://127.0.0.1:9543, PostgreSQL 5645, SMTP 2626, data in var/bench, wiped
# at start; a RelWithDebInfo build in build/bench) it loads data with SQL, measures the baselines
#   static     nginx serving a small file (/static/portico.css)
#   fcgi-noop  a minimal libfcgi responder (tests/bench/fcgi_baseline.cpp) behind the same nginx
#   fcgi-1q    the same responder running one prepared primary-key query per request
#   argon2     raw Argon2id verifies per second with Portico's parameters on all cores
# and the figures of docs/performance.md with wrk, at 16 and 64 connections, then prints a table with
# ratios to the baselines and writes it to bench/results.json.
#
# Usage (as root): scripts/bench/figures.sh
#   PORTICO_BENCH_SECONDS  length of each wrk run (default 8)
#   PORTICO_BENCH_BIG      rows of the big database of figure 8 (default 1000000; 0 skips figure 8)
#   PORTICO_BENCH_PORTS    "https pg smtp" (default "9543 5645 2626")
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${PORTICO_BUILD_DIR:-$ROOT/build/bench}
VAR=$ROOT/var/bench
read -r HTTPS_PORT PG_PORT SMTP_PORT <<<"${PORTICO_BENCH_PORTS:-9543 5645 2626}"
# The login flood must reach the handler: nginx's per-client limit is lifted for the bench.
LOGIN_RATE=100000r/s LOGIN_BURST=100000
PG_FAST=1
SECS=${PORTICO_BENCH_SECONDS:-8}
BIG=${PORTICO_BENCH_BIG:-1000000}
HOST=bench.test
# shellcheck source=scripts/lib/stack.sh
source "$ROOT/scripts/lib/stack.sh"

[[ $(id -u) -eq 0 ]] || die "scripts/bench/figures.sh must run as root (it runs PostgreSQL as postgres)"
command -v wrk >/dev/null || die "wrk is missing (run scripts/install-deps)"
stack_lock bench

say "build (RelWithDebInfo) in $BUILD"
export CCACHE_BASEDIR=$ROOT CCACHE_NOHASHDIR=1
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
  -DPORTICO_TESTS=OFF >/dev/null || die "cmake configure failed"
cmake --build "$BUILD" || die "build failed"

stack_env
stack_stop
stop_pidfile bench-noop bench-fcgi-baseline
stop_pidfile bench-1q bench-fcgi-baseline
stack_wipe
cleanup() {
  stop_pidfile bench-noop bench-fcgi-baseline
  stop_pidfile bench-1q bench-fcgi-baseline
  stack_stop
}
trap cleanup EXIT
stack_start

URL=https://127.0.0.1:$HTTPS_PORT
OUT=$VAR/bench
mkdir -p "$OUT" "$ROOT/bench"
RESULTS=$OUT/results.jsonl
: >"$RESULTS"
export BENCH_WRK_DIR=$ROOT/tests/bench/wrk

sql() { "$PG_BIN/psql" -X -q -t -A -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d portico "$@"; }

# --- the baselines' FastCGI responders behind the same nginx -------------------------------------
say "baselines: fcgi-noop and fcgi-1q behind nginx"
for mode in noop 1q; do
  rm -f "$VAR/run/bench-$mode.sock"
  start_bg "bench-$mode" "$BIN/bench-fcgi-baseline" "$mode" "$VAR/run/bench-$mode.sock" "${PORTICO_WORKERS:-4}"
  wait_for "bench-fcgi-baseline $mode" 10 "bench-$mode" test -S "$VAR/run/bench-$mode.sock" || die "baseline did not start"
done
# Two locations in the same server block as Portico's, with the same headers and no upstream keep-alive
# (as Portico's own locations): rendered config patched, then nginx reloaded.
conf=$VAR/nginx/portico.conf
{
  echo "upstream bench_noop { server unix:$VAR/run/bench-noop.sock; }"
  echo "upstream bench_1q { server unix:$VAR/run/bench-1q.sock; }"
  cat "$conf"
} >"$conf.new"
sed -i 's|^    location = /healthz {|    location = /bench/noop { include snippets/fastcgi.conf; fastcgi_pass bench_noop; }\n    location = /bench/1q { include snippets/fastcgi.conf; fastcgi_pass bench_1q; }\n&|' "$conf.new"
mv "$conf.new" "$conf"
nginx -t -q -c "$VAR/nginx/nginx.conf" -p "$VAR/nginx/" -e "$VAR/log/nginx-error.log" || die "patched nginx config is invalid"
nginx -s reload -c "$VAR/nginx/nginx.conf" -p "$VAR/nginx/" -e "$VAR/log/nginx-error.log"
sleep 1

# --- data ------------------------------------------------------------------------------------------
say "data: org $HOST, a contact with 20 open tasks and 50 documents, 1,000 contacts and tasks in all"
"$PORTICO_ADMIN" org create --slug bench --name Bench --base-url "https://$HOST" --contact-email "office@$HOST" >/dev/null
"$PORTICO_ADMIN" org host add --org bench --host "$HOST" >/dev/null
ORG=$(sql -c "SELECT id FROM org WHERE slug = 'bench'")
PASSWORD='bench-Pump-Seal-Valve-1947'
"$PORTICO_ADMIN" account create --org bench --email home@bench.test --name "Home Person" --username home \
  <<<"$PASSWORD" >/dev/null
HOME_CONTACT=$(sql -c "SELECT contact_id FROM account WHERE org_id = $ORG AND username = 'home'")
APIKEY=$("$PORTICO_ADMIN" apikey create --org bench --name bench --permissions contacts,tasks | grep -E '^pk_' | tail -n 1)
[[ -n $APIKEY ]] || die "apikey create printed no key"
# Bulk rows straight into the database; the org's other contacts each have one task, so that with the
# home contact's 20 there are 1,000 contacts and 1,000 tasks.
sql <<SQL
INSERT INTO task (org_id, type, title, instructions, assignee_contact_id)
SELECT $ORG, 'standard', 'Open task ' || g, 'Please check the pump, then tell us what you found.', $HOME_CONTACT
FROM generate_series(1, 20) g;
INSERT INTO document (org_id, kind, tab, title, content_type, size_bytes, contact_id)
SELECT $ORG, 'other', 'general', 'Document ' || g || '.pdf', 'application/pdf', 2048, $HOME_CONTACT
FROM generate_series(1, 50) g;
INSERT INTO document_chunk (org_id, document_id, seq, data)
SELECT org_id, id, 0, convert_to(repeat('%PDF-1.4 bench ', 136), 'UTF8') FROM document WHERE org_id = $ORG;
INSERT INTO contact (org_id, kind, email, name, record_ref)
SELECT $ORG, 'client_contact', 'c' || g || '@bench.test', 'Contact ' || g, 'R-' || g FROM generate_series(1, 999) g;
INSERT INTO task (org_id, type, title, assignee_contact_id, state)
SELECT org_id, 'standard', 'Task of ' || name, id, CASE WHEN id % 3 = 0 THEN 'new' ELSE 'in_progress' END
FROM contact WHERE org_id = $ORG AND record_ref LIKE 'R-%' ORDER BY id LIMIT 980;
VACUUM ANALYZE;
SQL
DOC=$(sql -c "SELECT min(id) FROM document WHERE org_id = $ORG")

# pre_session PATH: GET PATH; sets PRE (the __Host-portico-pre cookie) and CSRF (the form's token).
pre_session() {
  local page
  page=$(curl -sk -D "$OUT/headers" -H "Host: $HOST" "$URL$1")
  PRE=$(grep -i '^set-cookie: __Host-portico-pre=' "$OUT/headers" | head -n 1 | sed -E 's/^[^=]*=([^;]*).*/\1/' | tr -d '\r')
  CSRF=$(grep -oE 'name="csrf" value="[^"]+"' <<<"$page" | head -n 1 | sed -E 's/.*value="([^"]+)"/\1/')
  [[ -n $PRE && -n $CSRF ]] || die "no pre-session cookie or CSRF token on $1"
}
urlenc() { /usr/bin/python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
pre_session /login
LOGIN_PRE=$PRE LOGIN_CSRF=$CSRF
LOGIN_BODY="username=home&password=$(urlenc "$PASSWORD")&csrf=$(urlenc "$LOGIN_CSRF")"
curl -sk -D "$OUT/headers" -o /dev/null -H "Host: $HOST" -H "Cookie: __Host-portico-pre=$LOGIN_PRE" \
  --data "$LOGIN_BODY" "$URL/login"
SESSION=$(grep -i '^set-cookie: __Host-portico=' "$OUT/headers" | sed -E 's/^[^=]*=([^;]*).*/\1/' | tr -d '\r')
[[ -n $SESSION ]] || die "the bench contact could not sign in"
COOKIE="__Host-portico=$SESSION"
# What each figure asks for must answer 200 before it is timed (a 303 to /login would time nothing).
check200() {  # check200 PATH [CURL ARGS...]
  local path=$1 code
  shift
  code=$(curl -sk -o "$OUT/page" -w '%{http_code}' -H "Host: $HOST" "$@" "$URL$path")
  [[ $code == 200 ]] || die "GET $path answered $code: $(head -c 300 "$OUT/page")"
}
check200 / -H "Cookie: $COOKIE"
tasks_on_home=$(grep -c 'id="task-' "$OUT/page" || true)
check200 "/files/$DOC" -H "Cookie: $COOKIE"
check200 "/api/v1/tasks?state=new&limit=50" -H "Authorization: Bearer $APIKEY"
api_rows=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["data"]))' "$OUT/page")
say "home page shows $tasks_on_home task rows; the API list has $api_rows rows"

# --- measuring -------------------------------------------------------------------------------------
cpu_busy() { awk '/^cpu / {print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
# run NAME CONNS LUA PATH [WRK ARGS...]: one wrk run; its figures and the machine's CPU use (all cores,
# wrk's own share included) go to $RESULTS.
run() {
  local name=$1 conns=$2 lua=$3 path=$4 b0 t0 b1 t1 line cpu load
  shift 4
  read -r b0 t0 < <(cpu_busy)
  load=$(cut -d' ' -f1 /proc/loadavg)
  wrk -t2 -c"$conns" -d"${SECS}s" --latency -s "$BENCH_WRK_DIR/$lua" -H "Host: $HOST" "$@" "$URL$path" \
    >"$OUT/wrk-$name-$conns.txt" 2>&1 || true
  read -r b1 t1 < <(cpu_busy)
  cpu=$(awk -v b=$((b1 - b0)) -v t=$((t1 - t0)) 'BEGIN {printf "%.0f", t ? 100 * b / t : 0}')
  line=$(grep '^BENCHJSON ' "$OUT/wrk-$name-$conns.txt" | sed 's/^BENCHJSON {//')
  [[ -n $line ]] || die "wrk printed no figures for $name: $(tail -n 5 "$OUT/wrk-$name-$conns.txt")"
  printf '{"figure":"%s","conns":%d,"cpu_pct":%s,"load_before":%s,%s\n' "$name" "$conns" "$cpu" "$load" "$line" >>"$RESULTS"
  printf '  %-22s c=%-3d %s\n' "$name" "$conns" "$line"
}
both() {  # both NAME LUA PATH [WRK ARGS...]: at 16 and at 64 connections
  local name=$1
  shift
  run "$name" 16 "$@"
  run "$name" 64 "$@"
}

say "baselines (${SECS} s per run, load average $(cut -d' ' -f1-3 /proc/loadavg))"
both static get.lua /static/portico.css
both fcgi-noop get.lua /bench/noop
both fcgi-1q get.lua "/bench/1q?$ORG"
argon=$("$BIN/bench-argon2" 5)
printf '{"figure":"argon2","verifies_per_s":%s,"threads":%s}\n' ${argon} >>"$RESULTS"
say "argon2: $argon (verifies/s, threads)"

say "figure 1: home page, 20 open tasks and 50 documents (1,000 contacts and tasks in the database)"
both home get.lua / -H "Cookie: $COOKIE"

say "figure 4: API list of new tasks, 50 rows"
both api-list get.lua "/api/v1/tasks?state=new&limit=50" -H "Authorization: Bearer $APIKEY"

say "figure 3: a document through the portal, with its view ledger row"
views0=$(sql -c "SELECT count(*) FROM document_view WHERE org_id = $ORG")
both doc-view get.lua "/files/$DOC" -H "Cookie: $COOKIE"
views1=$(sql -c "SELECT count(*) FROM document_view WHERE org_id = $ORG")
say "  ledger rows written: $((views1 - views0))"

# Figure 2: one-time links. A contact without an account; one single_select task and one link for each
# POST (completing a task kills its links), signed by bench-links and loaded with SQL.
NLINKS=${PORTICO_BENCH_LINKS:-20000}
say "figure 2: one-time completion links ($NLINKS tasks with a link each)"
LINK_CONTACT=$(sql -c "INSERT INTO contact (org_id, kind, email, name) VALUES ($ORG, 'client_contact', 'link@bench.test', 'Link Person') RETURNING id" | head -n 1)
"$BIN/bench-links" complete "$NLINKS" >"$OUT/links.tsv"
cut -f1 "$OUT/links.tsv" >"$OUT/tokens"
sql <<SQL
CREATE TEMP TABLE bench_hash (n bigint GENERATED ALWAYS AS IDENTITY, h bytea);
\copy bench_hash (h) FROM program 'cut -f2 $OUT/links.tsv'
WITH t AS (
  INSERT INTO task (org_id, type, title, instructions, spec, assignee_contact_id)
  SELECT $ORG, 'single_select', 'Link task ' || g, 'Is the pump working again?', '{"options": ["Yes", "No"]}',
         $LINK_CONTACT
  FROM generate_series(1, $NLINKS) g
  RETURNING id
), tn AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM t)
INSERT INTO completion_link (org_id, task_id, contact_id, secret_hash, expires_at)
SELECT $ORG, tn.id, $LINK_CONTACT, h.h, now() + interval '7 days' FROM tn JOIN bench_hash h USING (n);
VACUUM ANALYZE;
SQL
GET_TOKEN=$(head -n 1 "$OUT/tokens")
tail -n +2 "$OUT/tokens" >"$OUT/post-tokens"
check200 "/c/$GET_TOKEN"
both link-get get.lua "/c/$GET_TOKEN"
pre_session "/c/$GET_TOKEN"
open0=$(sql -c "SELECT count(*) FROM task WHERE org_id = $ORG AND state = 'completed'")
BENCH_TOKENS=$OUT/post-tokens BENCH_BODY="option=Yes&csrf=$(urlenc "$CSRF")" \
  both link-post post_links.lua /c/ -H "Cookie: __Host-portico-pre=$PRE"
open1=$(sql -c "SELECT count(*) FROM task WHERE org_id = $ORG AND state = 'completed'")
say "  tasks completed through links: $((open1 - open0))"

# Figure 5: logins per second against the argon2 rate, and the home page's p99 while they run.
say "figure 5: login flood, and the home page during it"
BENCH_BODY="$LOGIN_BODY" run login 16 post.lua /login -H "Cookie: __Host-portico-pre=$LOGIN_PRE"
run home-alone 16 get.lua / -H "Cookie: $COOKIE"
BENCH_BODY="$LOGIN_BODY" wrk -t1 -c16 -d"$((SECS + 2))s" -s "$BENCH_WRK_DIR/post.lua" -H "Host: $HOST" \
  -H "Cookie: __Host-portico-pre=$LOGIN_PRE" "$URL/login" >"$OUT/wrk-login-flood.txt" 2>&1 &
flood=$!
sleep 1
run home-during-logins 16 get.lua / -H "Cookie: $COOKIE"
wait "$flood" || true
line=$(grep '^BENCHJSON ' "$OUT/wrk-login-flood.txt" | sed 's/^BENCHJSON {//')
[[ -n $line ]] && printf '{"figure":"login-flood","conns":16,%s\n' "$line" >>"$RESULTS"

# Handlers' private memory when idle, per worker thread (goal: at most 8 MiB per thread's share).
say "handler memory (private, after the runs above)"
for name in "${HANDLERS[@]}"; do
  sup=$(cat "$VAR/run/$name.pid")
  pid=$(pgrep -P "$sup" -f "portico-$name" | head -n 1 || true)
  [[ -n $pid ]] || continue
  kb=$(awk '/^Private_(Clean|Dirty):/ {s += $2} END {print s}' "/proc/$pid/smaps_rollup")
  threads=$(ls "/proc/$pid/task" | wc -l)
  printf '{"figure":"memory","handler":"%s","private_kib":%d,"threads":%d,"workers":%d}\n' "$name" "$kb" "$threads" "${PORTICO_WORKERS:-4}" >>"$RESULTS"
  printf '  portico-%-9s %6d KiB private, %d threads\n' "$name" "$kb" "$threads"
done

# Figure 6: 10 MiB uploads, 4 at a time; MB/s end to end (TLS, nginx's body buffer, the handler's chunked
# writes into PostgreSQL) and the upload handler's peak RSS over its idle RSS (its high-water mark is
# reset just before).
UPLOADS=${PORTICO_BENCH_UPLOADS:-5}   # rounds of 4
say "figure 6: $((UPLOADS * 4)) uploads of 10 MiB, 4 at a time"
{ printf '%%PDF-1.4\n'; head -c $((10 * 1024 * 1024 - 9)) /dev/urandom; } >"$OUT/upload.pdf"
page=$(curl -sk -H "Host: $HOST" -H "Cookie: $COOKIE" "$URL/upload")
UPLOAD_CSRF=$(grep -oE 'name="csrf" value="[^"]+"' <<<"$page" | head -n 1 | sed -E 's/.*value="([^"]+)"/\1/')
[[ -n $UPLOAD_CSRF ]] || die "no CSRF token on /upload"
upid=$(pgrep -P "$(cat "$VAR/run/upload.pid")" -f portico-upload | head -n 1)
idle_kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$upid/status")
echo 5 >"/proc/$upid/clear_refs"
t0=$(now_ms)
for ((w = 0; w < 4; w++)); do
  for ((i = 0; i < UPLOADS; i++)); do
    curl -sk -o /dev/null -w '%{http_code}\n' -H "Host: $HOST" -H "Cookie: $COOKIE" \
      -F "csrf=$UPLOAD_CSRF" -F "files=@$OUT/upload.pdf;type=application/pdf" "$URL/upload"
  done >"$OUT/upload-$w.codes" &
done
wait
ms=$(($(now_ms) - t0))
peak_kib=$(awk '/^VmHWM:/ {print $2}' "/proc/$upid/status")
ok=$(cat "$OUT"/upload-*.codes | grep -c '^303$' || true)
mbps=$(awk -v n="$ok" -v ms="$ms" 'BEGIN {printf "%.1f", n * 10 * 1.048576 / (ms / 1000)}')
printf '{"figure":"upload","files":%d,"ok":%d,"seconds":%.2f,"mb_per_s":%s,"idle_rss_kib":%d,"peak_rss_kib":%d,"rss_growth_kib":%d}\n' \
  $((UPLOADS * 4)) "$ok" "$(awk -v ms="$ms" 'BEGIN {print ms / 1000}')" "$mbps" "$idle_kib" "$peak_kib" \
  $((peak_kib - idle_kib)) >>"$RESULTS"
say "  $ok of $((UPLOADS * 4)) stored in $ms ms: $mbps MB/s; RSS idle $idle_kib KiB, peak $peak_kib KiB"
rm -f "$OUT/upload.pdf"

# Figure 7: the mailer's messages per second into the local SMTP server (tests/support/smtp_server.py),
# against a reference client into the same server: postfix's smtp-source when installed, else
# tests/bench/smtp_reference.py (one connection, same message size). The stack's mailer is stopped, the
# outbox filled through the API (task assignments, each with a link e-mail), then one --once run timed.
NMAIL=${PORTICO_BENCH_MAILS:-1000}
say "figure 7: mailer, $NMAIL messages"
stop_pidfile mailer portico-mailer
TASKKEY=$("$PORTICO_ADMIN" apikey create --org bench --name bench-mail --permissions contacts,tasks | grep -E '^pk_' | tail -n 1)
sql -c "DELETE FROM outbox WHERE org_id = $ORG"
body="{\"type\":\"standard\",\"title\":\"Mail task\",\"instructions\":\"Please check the pump.\",\"contact_id\":$LINK_CONTACT}"
for ((i = 0; i < NMAIL; i += 50)); do
  for ((j = 0; j < 50 && i + j < NMAIL; j++)); do
    echo "url = \"$URL/api/v1/tasks\""
  done >"$OUT/curl-mail.cfg"
  curl -sk --parallel --parallel-max 4 -o /dev/null -H "Host: $HOST" -H "Authorization: Bearer $TASKKEY" \
    -H "Content-Type: application/json" -d "$body" -K "$OUT/curl-mail.cfg"
done
queued=$(sql -c "SELECT count(*) FROM outbox WHERE org_id = $ORG AND state = 'pending'")
rm -f "$VAR"/mail/*.eml
t0=$(now_ms)
"$BIN/portico-mailer" --once >>"$VAR/log/mailer-bench.log" 2>&1 || die "portico-mailer --once failed"
ms=$(($(now_ms) - t0))
sent=$(find "$VAR/mail" -name '*.eml' | wc -l)
size=$(find "$VAR/mail" -name '*.eml' -printf '%s\n' | awk '{s += $1} END {print NR ? int(s / NR) : 0}')
mailer_rate=$(awk -v n="$sent" -v ms="$ms" 'BEGIN {printf "%.1f", ms ? n / (ms / 1000) : 0}')
printf '{"figure":"mailer","queued":%d,"sent":%d,"seconds":%.2f,"msgs_per_s":%s,"avg_bytes":%d}\n' \
  "$queued" "$sent" "$(awk -v ms="$ms" 'BEGIN {print ms / 1000}')" "$mailer_rate" "$size" >>"$RESULTS"
say "  portico-mailer: $sent of $queued in $ms ms: $mailer_rate msgs/s (average $size bytes)"
rm -f "$VAR"/mail/*.eml
if command -v smtp-source >/dev/null; then
  ref_tool=smtp-source
  t0=$(now_ms)
  smtp-source -m "$sent" -l "$size" -f office@bench.test -t ref@bench.test "127.0.0.1:$SMTP_PORT"
  ref_rate=$(awk -v n="$sent" -v ms="$(($(now_ms) - t0))" 'BEGIN {printf "%.1f", n / (ms / 1000)}')
else
  ref_tool=smtp_reference.py
  ref_rate=$(/usr/bin/python3 "$ROOT/tests/bench/smtp_reference.py" 127.0.0.1 "$SMTP_PORT" "$sent" "$size")
fi
printf '{"figure":"mail-reference","tool":"%s","msgs_per_s":%s}\n' "$ref_tool" "$ref_rate" >>"$RESULTS"
say "  reference ($ref_tool): $ref_rate msgs/s"
rm -f "$VAR"/mail/*.eml

# Figure 8: the same home page with 1,000,000 contacts and tasks in the database.
if ((BIG > 0)); then
  say "figure 8: $BIG contacts and tasks in the database"
  t0=$(now_ms)
  sql <<SQL
INSERT INTO contact (org_id, kind, email, name, record_ref)
SELECT $ORG, 'client_contact', 'big' || g || '@bench.test', 'Big contact ' || g, 'B-' || g
FROM generate_series(1, $BIG - (SELECT count(*) FROM contact WHERE org_id = $ORG)) g;
INSERT INTO task (org_id, type, title, assignee_contact_id, state, completed_at)
SELECT org_id, 'standard', 'Task of ' || name, id, CASE WHEN id % 3 = 0 THEN 'new' ELSE 'completed' END,
       CASE WHEN id % 3 = 0 THEN NULL ELSE now() END
FROM contact WHERE org_id = $ORG AND record_ref LIKE 'B-%'
ORDER BY id LIMIT $BIG - (SELECT count(*) FROM task WHERE org_id = $ORG);
VACUUM ANALYZE;
SQL
  say "  loaded in $(($(now_ms) - t0)) ms: $(sql -c "SELECT count(*) FROM contact") contacts, $(sql -c "SELECT count(*) FROM task") tasks"
  both home-big get.lua / -H "Cookie: $COOKIE"
  both api-list-big get.lua "/api/v1/tasks?state=new&limit=50" -H "Authorization: Bearer $APIKEY"
fi

say "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 "$ROOT/tests/bench/report.py" "$RESULTS" "$ROOT/bench/results.json"

# shellcheck shell=bash
# Portico's development and test stack, sourced by scripts/run and scripts/test:
# build, a PostgreSQL cluster, keys and a TLS certificate, migrations, the FastCGI handlers,
# a local SMTP server and nginx, all under one data folder, and a stop that ends all of it.
#
# The caller sets, before calling stack_env:
#   ROOT        repository root          BUILD       build folder (binaries in $BUILD/bin)
#   VAR         data folder              HTTPS_PORT  PG_PORT  SMTP_PORT
#   LOGIN_RATE  LOGIN_BURST              nginx limit on POST /login per client (e.g. 10r/s and 20)
#   PG_FAST     optional; 1 turns fsync off (throw-away test data)
#
# Every server runs in its own session (setsid) with stdin from /dev/null and its output in
# $VAR/log/, so none keeps the caller's terminal or pipes open and Ctrl-C reaches only the caller.

HANDLERS=(login portal api complete upload docs contact public metrics)  # portico-<name>, each on $VAR/run/<name>.sock (see nginx/portico.conf)
JOBS=(mailer autocreate)        # started when built (autocreate: every PORTICO_AUTOCREATE_PERIOD_SECONDS)

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# now_ms: wall clock in milliseconds, for phase timings.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# reachable USER DIR: true when USER may enter DIR (every folder above it included).
reachable() { runuser -u "$1" -- test -x "$2" 2>/dev/null; }

# stack_lock NAME [WAIT_SECONDS]: one scripts/NAME at a time in a checkout (a second one would
# take the first one's servers for leftovers and stop them). Without WAIT_SECONDS, fail at once.
# The lock is fd 9; every long-lived server is started with fd 9 closed, so that a server left
# running by a killed script never holds the lock.
stack_lock() {
  mkdir -p "$ROOT/var"
  exec 9>"$ROOT/var/.$1.lock"
  flock -n 9 && return 0
  [[ -n ${2:-} ]] || die "another scripts/$1 is running in this checkout"
  say "waiting for another scripts/$1 in this checkout to finish"
  flock -w "$2" 9 || die "another scripts/$1 is still running after $2 s"
}

# as_postgres CMD...: PostgreSQL refuses to run as root. cd / so that no tool complains about
# a working directory it cannot enter.
as_postgres() { (cd / && runuser -u postgres -- "$@"); }

# stack_env: derived paths and the PORTICO_* environment of the handlers and the admin CLI.
stack_env() {
  BIN=$BUILD/bin
  PG_BIN=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d | sort -V | tail -n 1)
  [[ -n $PG_BIN ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql (run scripts/install-deps)"
  mkdir -p "$VAR"
  chmod 755 "$VAR"
  # The cluster lives in $VAR/pg unless the postgres user cannot enter $VAR (a checkout inside a
  # private folder such as /root or a mktemp folder): then it goes to a folder of its own in /var/tmp.
  PG_HOME=$VAR
  if ! reachable postgres "$VAR"; then
    PG_HOME=/var/tmp/portico-$(printf '%s' "$VAR" | sha256sum | cut -c1-12)
    mkdir -p "$PG_HOME" && chmod 755 "$PG_HOME"
    say "postgres cannot enter $VAR: the cluster lives in $PG_HOME"
  fi
  PGDATA_DIR=$PG_HOME/pg
  PG_SOCK=$PG_HOME/pgsock
  PG_LOG=$VAR/log/postgresql.log
  [[ $PG_HOME == "$VAR" ]] || PG_LOG=$PG_HOME/postgresql.log
  export PORTICO_DB="host='$PG_SOCK' port=$PG_PORT dbname=portico user=portico"
  export PORTICO_KEY_FILE=$VAR/keys/portico.keys
  export PORTICO_TEMPLATE_DIR=$ROOT/templates
  export PORTICO_SQL_DIR=$ROOT/sql
  export PORTICO_BASE_URL=https://127.0.0.1:$HTTPS_PORT
  export PORTICO_SMTP_URL=smtp://127.0.0.1:$SMTP_PORT
  PORTICO_ADMIN=$BIN/portico-admin
  TLS_CERT=$VAR/keys/tls.crt
  TLS_KEY=$VAR/keys/tls.key
}

# stack_build TYPE [CMAKE_ARGS...]: configure with Ninja and ccache, then build.
stack_build() {
  local type=$1
  shift
  # Paths relative to the checkout in ccache's keys: another checkout of the same code hits the cache.
  export CCACHE_BASEDIR=$ROOT CCACHE_NOHASHDIR=1
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE="$type" \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache "$@" >/dev/null || die "cmake configure failed"
  cmake --build "$BUILD" || die "build failed"
}

# stack_wipe: remove every file of the stack (scripts/test starts from nothing).
stack_wipe() {
  rm -rf "$VAR"
  [[ $PG_HOME == "$VAR" ]] || rm -rf "$PGDATA_DIR" "$PG_SOCK" "$PG_LOG"
  mkdir -p "$VAR"
  chmod 755 "$VAR"
}

stack_dirs() {
  mkdir -p "$VAR"/{log,mail,keys,run,nginx/tmp} "$PGDATA_DIR" "$PG_SOCK"
  chmod 700 "$VAR/keys"
  chown postgres:postgres "$PGDATA_DIR" "$PG_SOCK"
  chmod 700 "$PGDATA_DIR" "$PG_SOCK"   # only postgres (and root) may reach the trust-auth socket
  # nginx's workers (www-data) connect to the handlers' sockets: the run folder is group www-data
  # with the setgid bit, so every socket made in it is group www-data too (the handlers make
  # them 0660). Nobody else can enter it.
  chgrp www-data "$VAR/run"
  chmod 2750 "$VAR/run"
}

# --- process helpers -----------------------------------------------------------------------

# alive PID: the process exists and is not a zombie.
alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

# start_bg NAME CMD...: run CMD in a session of its own, output to $VAR/log/NAME.log,
# pid to $VAR/run/NAME.pid. (A script has no job control, so setsid execs CMD in place and $!
# is CMD's pid, which is also its process group.)
start_bg() {
  local name=$1
  shift
  setsid "$@" </dev/null >>"$VAR/log/$name.log" 2>&1 9>&- &
  echo $! >"$VAR/run/$name.pid"
}

# stop_pid PID MATCH: if PID is alive and its command line contains MATCH (so a pid file left
# by an earlier boot never kills a stranger), SIGTERM its process group, SIGKILL after 5 s.
stop_pid() {
  local pid=$1 match=$2 i
  [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$match" || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < 50; i++)); do
    alive "$pid" || return 0
    sleep 0.1
  done
  echo "  $match did not stop in 5 s: killing it"
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
  return 0
}

stop_pidfile() {  # stop_pidfile NAME MATCH
  local f=$VAR/run/$1.pid
  [[ -f $f ]] || return 0
  stop_pid "$(cat "$f")" "$2"
  rm -f "$f"
}

# wait_for DESCRIPTION SECONDS PIDFILE_NAME TEST...: poll TEST every 0.1 s; fail early when the
# process has died, and show its log.
wait_for() {
  local what=$1 secs=$2 name=$3 i pid
  shift 3
  pid=$(cat "$VAR/run/$name.pid" 2>/dev/null || true)
  for ((i = 0; i < secs * 10; i++)); do
    "$@" && return 0
    if [[ -n $pid ]] && ! alive "$pid"; then
      echo "error: $what: the process exited; end of $VAR/log/$name.log:" >&2
      tail -n 30 "$VAR/log/$name.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "error: $what: not ready after ${secs} s; end of $VAR/log/$name.log:" >&2
  tail -n 30 "$VAR/log/$name.log" >&2
  return 1
}

# --- PostgreSQL ----------------------------------------------------------------------------

pg_ctl_() { as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" "$@"; }

pg_running() { [[ -f $PGDATA_DIR/PG_VERSION ]] && pg_ctl_ status >/dev/null 2>&1; }

stack_pg_start() {
  local log=$PG_LOG
  touch "$log"
  chown postgres "$log"
  if [[ ! -f $PGDATA_DIR/PG_VERSION ]]; then
    say "initdb $PGDATA_DIR"
    find "$PGDATA_DIR" -mindepth 1 -delete   # what a failed initdb left
    as_postgres "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >>"$log" 2>&1 \
      || { tail -n 20 "$log" >&2; die "initdb failed"; }
    echo "include_if_exists = 'portico.conf'" >>"$PGDATA_DIR/postgresql.conf"
  fi
  # Written at every start, so ports and paths follow the caller.
  {
    echo "listen_addresses = ''"        # unix socket only, no TCP
    echo "port = $PG_PORT"
    echo "unix_socket_directories = '$PG_SOCK'"
    echo "unix_socket_permissions = 0700"
    echo "max_connections = 100"
    if [[ ${PG_FAST:-0} == 1 ]]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } >"$PGDATA_DIR/portico.conf"
  chown postgres:postgres "$PGDATA_DIR/portico.conf"
  say "start PostgreSQL on $PG_SOCK port $PG_PORT"
  (cd / && setsid runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$log" -w -t 60 start \
    </dev/null >>"$VAR/log/pg_ctl.log" 2>&1 9>&-) || { tail -n 20 "$log" >&2; die "PostgreSQL did not start"; }
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres <<'SQL' \
    || die "cannot create the portico role and database"
SELECT 'CREATE ROLE portico LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portico')\gexec
SELECT 'CREATE DATABASE portico OWNER portico' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'portico')\gexec
SQL
}

stack_pg_stop() {
  pg_running || return 0
  pg_ctl_ stop -m fast -w -t 30 >/dev/null 2>&1 || pg_ctl_ stop -m immediate -w >/dev/null 2>&1 || true
}

# --- keys, TLS, migrations -----------------------------------------------------------------

stack_keys() {
  if [[ ! -f $PORTICO_KEY_FILE ]]; then
    say "keygen $PORTICO_KEY_FILE"
    "$PORTICO_ADMIN" keygen "$PORTICO_KEY_FILE" || die "portico-admin keygen failed"
  fi
  if [[ ! -f $TLS_CERT || ! -f $TLS_KEY ]]; then
    say "self-signed TLS certificate for localhost and 127.0.0.1: $TLS_CERT"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
      -subj /CN=localhost -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$TLS_KEY" -out "$TLS_CERT" >>"$VAR/log/openssl.log" 2>&1 || die "openssl failed"
    chmod 600 "$TLS_KEY"
  fi
}

# --- handlers and SMTP ---------------------------------------------------------------------

stack_handlers_start() {
  local name
  for name in "${HANDLERS[@]}"; do
    [[ -x $BIN/portico-$name ]] || die "$BIN/portico-$name is missing (build failed?)"
    rm -f "$VAR/run/$name.sock"
    PORTICO_SOCKET=$VAR/run/$name.sock start_bg "$name" "$ROOT/scripts/lib/supervise" "$BIN/portico-$name"
  done
  for name in "${JOBS[@]}"; do
    [[ -x $BIN/portico-$name ]] && start_bg "$name" "$ROOT/scripts/lib/supervise" "$BIN/portico-$name"
  done
  for name in "${HANDLERS[@]}"; do
    wait_for "portico-$name" 20 "$name" test -S "$VAR/run/$name.sock" || die "portico-$name did not start"
  done
}

stack_smtp_start() {
  start_bg smtp /usr/bin/python3 "$ROOT/tests/support/smtp_server.py" \
    --host 127.0.0.1 --port "$SMTP_PORT" --dir "$VAR/mail"
  wait_for "SMTP server on port $SMTP_PORT" 10 smtp grep -q "listening on" "$VAR/log/smtp.log" \
    || die "the SMTP server did not start"
}

# --- nginx ---------------------------------------------------------------------------------

# render TEMPLATE OUT NAME=VALUE...: replace each @NAME@ by VALUE; refuse to leave one unreplaced.
render() {
  local in=$1 out=$2 text kv
  shift 2
  text=$(<"$in")
  for kv in "$@"; do
    text=${text//"@${kv%%=*}@"/"${kv#*=}"}
  done
  if [[ $text =~ @[A-Z_]+@ ]]; then
    echo "error: $in: no value for ${BASH_REMATCH[0]}" >&2
    return 1
  fi
  printf '%s\n' "$text" >"$out"
}

stack_nginx_config() {
  local prefix=$VAR/nginx user=www-data
  # Workers run as www-data (see nginx.conf.in). Only when www-data cannot enter the checkout
  # (a private parent folder) do they run as root: acceptable for this local dev/test stack only.
  if ! reachable www-data "$ROOT/templates/static" || ! reachable www-data "$VAR/run"; then
    say "www-data cannot enter $ROOT or $VAR: nginx workers run as root (dev/test stack only)"
    user=root
  fi
  mkdir -p "$prefix/snippets" "$prefix/tmp"
  local vars=(
    "NGINX_USER=$user" "PREFIX=$prefix" "LOG_DIR=$VAR/log" "HTTPS_PORT=$HTTPS_PORT"
    "TLS_CERT=$TLS_CERT" "TLS_KEY=$TLS_KEY" "SOCKET_DIR=$VAR/run" "STATIC_ROOT=$ROOT/templates/static"
    "LOGIN_RATE=$LOGIN_RATE" "LOGIN_BURST=$LOGIN_BURST"
    "HTTPS_LISTEN=127.0.0.1:$HTTPS_PORT"
  )
  render "$ROOT/nginx/nginx.conf.in" "$prefix/nginx.conf" "${vars[@]}" || return 1
  render "$ROOT/nginx/portico.conf" "$prefix/portico.conf" "${vars[@]}" || return 1
  local f
  for f in "$ROOT"/nginx/snippets/*.conf; do
    render "$f" "$prefix/snippets/${f##*/}" "${vars[@]}" || return 1
  done
}

stack_nginx_start() {
  stack_nginx_config || die "cannot write the nginx configuration"
  say "start nginx on https://127.0.0.1:$HTTPS_PORT"
  # nginx daemonizes itself (its own session); its pid file is $VAR/nginx/nginx.pid.
  nginx -e "$VAR/log/nginx-error.log" -c "$VAR/nginx/nginx.conf" -p "$VAR/nginx/" \
    </dev/null >>"$VAR/log/nginx.log" 2>&1 9>&- \
    || { tail -n 20 "$VAR/log/nginx.log" "$VAR/log/nginx-error.log" >&2; die "nginx did not start"; }
}

stack_nginx_stop() {
  local f=$VAR/nginx/nginx.pid pid i
  [[ -f $f ]] || return 0
  pid=$(cat "$f")
  if [[ $pid =~ ^[0-9]+$ ]]; then
    if alive "$pid" && grep -qF nginx "/proc/$pid/cmdline" 2>/dev/null; then
      kill -QUIT "$pid" 2>/dev/null   # graceful: finish the requests in flight
      for ((i = 0; i < 50; i++)); do
        alive "$pid" || break
        sleep 0.1
      done
    fi
    # What is left (all of it after 5 s, or workers orphaned when their master was killed) is in
    # the master's process group: nginx's master is a session leader.
    pgrep -g "$pid" -x nginx | xargs -r kill -KILL 2>/dev/null
  fi
  rm -f "$f"
}

# --- the whole stack -----------------------------------------------------------------------

healthz_ok() {
  [[ $(curl -sk --max-time 2 -o /dev/null -w '%{http_code}' "https://127.0.0.1:$HTTPS_PORT/healthz") == 200 ]]
}

stack_start() {
  stack_stop   # whatever an earlier run left behind (it may not have stopped cleanly)
  stack_dirs
  stack_pg_start
  stack_keys
  say "migrate"
  "$PORTICO_ADMIN" migrate || die "portico-admin migrate failed"
  say "start handlers: ${HANDLERS[*]}"
  stack_handlers_start
  stack_smtp_start
  stack_nginx_start
  wait_for "https://127.0.0.1:$HTTPS_PORT/healthz" 30 nginx healthz_ok || die "the stack is not healthy"
}

# stack_stop: stop everything started, in reverse order; safe to call when nothing runs.
stack_stop() {
  local - name
  set +e
  stack_nginx_stop
  for name in "${JOBS[@]}" "${HANDLERS[@]}"; do
    stop_pidfile "$name" "portico-$name"
    rm -f "$VAR/run/$name.sock"
  done
  stop_pidfile smtp smtp_server.py
  stack_pg_stop
  return 0
}

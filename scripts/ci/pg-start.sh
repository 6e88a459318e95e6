#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a free loopback port, for tests and benchmarks.
#
# Usage:  eval "$(scripts/ci/pg-start.sh)"        # exports DATABASE_URL and BRIDGELINE_PG_DIR
#         scripts/ci/pg-start.sh --env-file f.env  # also writes the same lines to a file
#         scripts/ci/pg-stop.sh                    # stops it and deletes its folder
#
# Options: --db NAME (default bridgeline), --port N (default: one the OS picks), --env-file FILE.
# stdout carries only the `export …` lines, so `eval` is safe; progress goes to stderr.
# Needs Debian's PostgreSQL server (`apt-get install postgresql`): any /usr/lib/postgresql/<v>/bin/initdb,
# or PG_BIN pointing at a folder that holds initdb and pg_ctl.
set -euo pipefail

db=bridgeline
port=''
env_file=''
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --env-file) env_file="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" >&2; exit 0 ;;
    *) echo "pg-start: unknown argument $1" >&2; exit 2 ;;
  esac
done

log() { echo "pg-start: $*" >&2; }
fail() { echo "pg-start: error: $*" >&2; exit 1; }

# The newest installed server wins; PG_BIN lets a developer point at another build.
if [ -z "${PG_BIN:-}" ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] ||
  fail "no PostgreSQL server found (looked for /usr/lib/postgresql/*/bin/initdb); run: sudo apt-get install postgresql"

# PostgreSQL refuses to run as root, so as root the cluster belongs to an unprivileged account.
as_owner=()
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  # PG_OWNER picks another account; nobody works where Debian's package did not create postgres.
  if [ -n "${PG_OWNER:-}" ]; then owner=$PG_OWNER; elif id postgres >/dev/null 2>&1; then owner=postgres; else owner=nobody; fi
  as_owner=(runuser -u "$owner" --)
fi

# /tmp rather than $TMPDIR: as root $TMPDIR may sit under /root, which the owner cannot traverse.
base=$(mktemp -d "${PG_TMP:-/tmp}/bridgeline-pg.XXXXXX")
chmod 700 "$base"
mkdir -p "$base/data" "$base/socket"
[ "$owner" = "$(id -un)" ] || chown -R "$owner" "$base"

pick_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();})"
}

password=bridgeline
printf '%s\n' "$password" >"$base/pwfile"
[ "$owner" = "$(id -un)" ] || chown "$owner" "$base/pwfile"

log "initdb ($PG_BIN, owner $owner) in $base"
# Password auth over TCP like a real server (so code that drops the password fails here too);
# trust on the private socket only, for the setup commands below.
"${as_owner[@]}" "$PG_BIN/initdb" -D "$base/data" -U bridgeline --pwfile="$base/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale --no-sync >"$base/initdb.log" 2>&1 ||
  { cat "$base/initdb.log" >&2; fail "initdb failed"; }
rm -f "$base/pwfile"

# A port picked by the OS can be taken again before postgres binds it: retry a few times.
started=''
for attempt in 1 2 3; do
  p=${port:-$(pick_port)}
  # Durability settings are off: the cluster is thrown away, and tests run faster without fsync.
  if "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $p -k $base/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2; then
    started=$p
    break
  fi
  log "start on port $p failed (attempt $attempt)"
  tail -n 5 "$base/server.log" >&2 || true
  [ -z "$port" ] || break
done
[ -n "$started" ] || { rm -rf "$base"; fail "could not start PostgreSQL"; }

"${as_owner[@]}" "$PG_BIN/createdb" -h "$base/socket" -p "$started" -U bridgeline "$db" ||
  fail "createdb $db failed"

url="postgres://bridgeline:$password@127.0.0.1:$started/$db"
log "ready: $url"
lines="export DATABASE_URL='$url'
export BRIDGELINE_PG_DIR='$base'"
printf '%s\n' "$url" >"$base/database-url"
[ -z "$env_file" ] || printf '%s\n' "$lines" >"$env_file"
printf '%s\n' "$lines"

#!/usr/bin/env bash
# Stops a cluster started by pg-start.sh and deletes its folder.
#
# Usage:  scripts/ci/pg-stop.sh [DIR] [--keep]
# DIR defaults to $BRIDGELINE_PG_DIR (set by `eval "$(scripts/ci/pg-start.sh)"`).
# --keep leaves the folder (data and server.log) for a post-mortem.
# Safe to call twice or on a half-started cluster: cleanup traps rely on that.
set -euo pipefail

dir="${BRIDGELINE_PG_DIR:-}"
keep=''
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    -*) echo "pg-stop: unknown argument $arg" >&2; exit 2 ;;
    *) dir="$arg" ;;
  esac
done

[ -n "$dir" ] || { echo "pg-stop: no cluster folder given and BRIDGELINE_PG_DIR is unset" >&2; exit 2; }
# Refuse anything that does not look like one of ours: this script ends in rm -rf.
case "$(basename "$dir")" in
  bridgeline-pg.*) ;;
  *) echo "pg-stop: $dir is not a pg-start.sh folder" >&2; exit 2 ;;
esac
[ -d "$dir" ] || exit 0

if [ -f "$dir/data/postmaster.pid" ]; then
  PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)}
  as_owner=()
  if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u "$(stat -c %U "$dir/data")" --); fi
  "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >&2 ||
    echo "pg-stop: pg_ctl stop failed; see $dir/server.log" >&2
fi

if [ -z "$keep" ]; then rm -rf "$dir"; fi
echo "pg-stop: stopped${keep:+ (kept $dir)}" >&2

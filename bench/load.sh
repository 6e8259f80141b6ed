#!/usr/bin/env bash
# Requests per second over HTTP (issue 18, "Many users"): starts `tuopin serve --demo` on its own loopback port
# with its own SQLite file, signs in over the API for a bearer token, and runs wrk for a bounded time against the
# county overview, a household list page, one household's page and the name search "田". Prints one line per endpoint.
#
#   bash bench/load.sh                      # the build in this checkout (dotnet build -c Release src/Tuopin.Web first)
#   bash bench/load.sh --tuopin DIR         # another build, e.g. of the commit before (see bench/README.md)
#   options: --port N (default 5791) --seconds S per endpoint (default 10) --connections C (default 10)
#            --searches-only (the baseline and the three name searches only)
#            --postgres (the server on a new PostgreSQL database instead of SQLite: TUOPIN_TEST_PG, or the local cluster
#            through scripts/prerequisites.sh; the database is dropped at the end)
#
# Loopback only; the server and its files are removed at the end. Needs wrk (Debian: apt-get install wrk), curl, python3.
set -euo pipefail
postgres=0

here="$(cd "$(dirname "$0")/.." && pwd)"
tuopin_dir="$here/src/Tuopin.Web/bin/Release/net10.0"
port=5791
seconds=10
connections=10
searches_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tuopin) tuopin_dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --searches-only) searches_only=1; shift ;;
    --postgres) postgres=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$seconds" -le 30 ] || { echo "--seconds is at most 30 (the run is bounded)" >&2; exit 2; }
[ "$port" != 5000 ] || { echo "not on port 5000" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing (Debian: apt-get install wrk)" >&2; exit 1; }
[ -f "$tuopin_dir/tuopin.dll" ] || { echo "no build at $tuopin_dir (dotnet build -c Release src/Tuopin.Web)" >&2; exit 1; }

source "$here/bench/serve-demo.sh"
household="$(curl -sf "$base/api/v1/households?page=3&pageSize=20" -H "$auth" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"
q() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

printf '%-28s %12s %10s %10s %8s\n' endpoint "requests/s" "p50" "p99" errors
run() {
  local name="$1" path="$2"
  # One request first: the answer must be 200, not a refusal measured fast.
  local status
  status="$(curl -s -o /dev/null -w '%{http_code}' "$base$path" -H "$auth")"
  [ "$status" = 200 ] || { echo "$name: HTTP $status for $path" >&2; exit 1; }
  wrk -t2 -c"$connections" -d"${seconds}s" --latency --timeout 5s -H "$auth" "$base$path" >"$work/wrk.txt"
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")"
  p50="$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")"
  p99="$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")"
  errors="$(awk '/Non-2xx|Socket errors/ {sub(/^ */, ""); printf "%s; ", $0}' "$work/wrk.txt")"
  printf '%-28s %12s %10s %10s %8s\n' "$name" "$rps" "$p50" "$p99" "${errors:-0}"
}
# The baseline: an authenticated API request that reads no registry (the code lists), measured first and last.
run "baseline: code lists" "/api/v1/codes"
if [ "$searches_only" = 0 ]; then
  run "overview" "/api/v1/overview"
  run "list page 3" "/api/v1/households?page=3&pageSize=20"
  run "household page" "/api/v1/households/$household"
fi
# A common surname (3,192 of the demo's households), a given-name pair (169) and a whole name (9 people).
run "name search 田" "/api/v1/households?name=$(q 田)"
run "name search 田云" "/api/v1/households?name=$(q 田云)"
run "name search 田珍燕" "/api/v1/households?name=$(q 田珍燕)"
run "baseline: code lists" "/api/v1/codes"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
[ -z "$server_pid" ] || echo "server resident memory after the run: $(( $(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status") / 1024 )) MB" >&2

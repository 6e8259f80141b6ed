#!/usr/bin/env bash
# Requests per second over HTTP (issue 18, "Many users"): starts `tuopin serve --demo` on its own loopback port
# with its own SQLite file, signs in over the API for a bearer token, and runs wrk for a bounded time against the
# county overview, a household list page, one household's page and the name search "田". Prints one line per endpoint.
#
#   bash bench/load.sh                      # the build in this checkout (dotnet build -c Release src/Tuopin.Web first)
#   bash bench/load.sh --tuopin DIR         # another build, e.g. of the commit before (see bench/README.md)
#   options: --port N (default 5791) --seconds S per endpoint (default 10) --connections C (default 10)
#
# Loopback only; the server and its files are removed at the end. Needs wrk (Debian: apt-get install wrk), curl, python3.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
tuopin_dir="$here/src/Tuopin.Web/bin/Release/net10.0"
port=5791
seconds=10
connections=10
while [ $# -gt 0 ]; do
  case "$1" in
    --tuopin) tuopin_dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$seconds" -le 30 ] || { echo "--seconds is at most 30 (the run is bounded)" >&2; exit 2; }
[ "$port" != 5000 ] || { echo "not on port 5000" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing (Debian: apt-get install wrk)" >&2; exit 1; }
[ -f "$tuopin_dir/tuopin.dll" ] || { echo "no build at $tuopin_dir (dotnet build -c Release src/Tuopin.Web)" >&2; exit 1; }

work="$(mktemp -d /tmp/tuopin-load.XXXXXX)"
base="http://127.0.0.1:$port"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Its own database, data folder and keys: nothing of ./data is read or written.
echo "starting tuopin serve --demo on $base (the demo load takes 10–40 s) ..." >&2
(cd "$work" && exec timeout 900 dotnet "$tuopin_dir/tuopin.dll" serve --demo --db "$work/load.db" --urls "$base" >"$work/serve.log" 2>&1) &
server=$!
for _ in $(seq 1 300); do
  if curl -s -o /dev/null "$base/api/v1/overview"; then break; fi
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 1
done
curl -s -o /dev/null "$base/api/v1/overview" || { echo "the server did not answer within 300 s" >&2; cat "$work/serve.log" >&2; exit 1; }

# The administrator's generated password is printed once; it gets no token until it is changed.
user="$(sed -n 's/^ *登录名：\(.*\)$/\1/p' "$work/serve.log" | head -n 1)"
generated="$(sed -n 's/^ *密码： *\(.*\)$/\1/p' "$work/serve.log" | head -n 1)"
[ -n "$user" ] && [ -n "$generated" ] || { echo "no administrator password in the server's output" >&2; cat "$work/serve.log" >&2; exit 1; }
password="Load-$(date +%s)-Bench!x9"
json() { python3 -c 'import json,sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' "$@"; }
curl -sf -o /dev/null -X POST "$base/api/v1/auth/password" -H 'Content-Type: application/json' \
  -d "$(json userName "$user" currentPassword "$generated" newPassword "$password")"
token="$(curl -sf -X POST "$base/api/v1/auth/token" -H 'Content-Type: application/json' -d "$(json userName "$user" password "$password")" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
auth="Authorization: Bearer $token"
household="$(curl -sf "$base/api/v1/households?page=3&pageSize=20" -H "$auth" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"
tian="$(python3 -c 'import urllib.parse; print(urllib.parse.quote("田"))')"

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
run "overview" "/api/v1/overview"
run "list page 3" "/api/v1/households?page=3&pageSize=20"
run "household page" "/api/v1/households/$household"
run "name search 田" "/api/v1/households?name=$tian"
rss="$(awk '/VmRSS/ {print $2}' "/proc/$(pgrep -P "$server" -f tuopin.dll | head -n 1)/status" 2>/dev/null || true)"
[ -z "$rss" ] || echo "server resident memory after the run: $((rss / 1024)) MB" >&2

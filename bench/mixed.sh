#!/usr/bin/env bash
# Many users (issue 18): starts `tuopin serve --demo` (bench/serve-demo.sh: its own port, database and data folder,
# removed at the end), signs in for a bearer token, then runs bench/Tuopin.Load:
#   mixed     200 clients, each a random request about once a second (overview, list page, household page, name search,
#             and one in twenty a write of a year's income) for 60 s: p50/p95/p99, errors, time-outs; the server's RSS after
#   circuits  Blazor pages held open in Debian's headless Chromium, 25 tabs at a time up to 100: the connections the
#             server holds and its memory per circuit
#
#   dotnet build -c Release src/Tuopin.Web bench/Tuopin.Load && bash bench/mixed.sh [mixed|circuits|both]
#   options: --port N (default 5792) --clients N (200) --seconds S (60, at most 120) --pages N (100) --step N (25)
#            --writes P (5: the percentage of requests that write; 0 for reads only)
#            --tuopin DIR (another build of the server)
#            --postgres (the server on a new PostgreSQL database: TUOPIN_TEST_PG or the local cluster; dropped at the end)
# Extra environment for the server: server_env='DOTNET_gcServer=0' bash bench/mixed.sh (see bench/README.md).
set -euo pipefail
postgres=0

here="$(cd "$(dirname "$0")/.." && pwd)"
tuopin_dir="$here/src/Tuopin.Web/bin/Release/net10.0"
load_dll="$here/bench/Tuopin.Load/bin/Release/net10.0/Tuopin.Load.dll"
port=5792
clients=200
seconds=60
pages=100
step=25
writes=5
what=mixed
while [ $# -gt 0 ]; do
  case "$1" in
    mixed|circuits|both) what="$1"; shift ;;
    --tuopin) tuopin_dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --pages) pages="$2"; shift 2 ;;
    --step) step="$2"; shift 2 ;;
    --writes) writes="$2"; shift 2 ;;
    --postgres) postgres=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$seconds" -le 120 ] || { echo "--seconds is at most 120 (the run is bounded)" >&2; exit 2; }
[ "$port" != 5000 ] || { echo "not on port 5000" >&2; exit 2; }
[ -f "$tuopin_dir/tuopin.dll" ] || { echo "no build at $tuopin_dir (dotnet build -c Release src/Tuopin.Web)" >&2; exit 1; }
[ -f "$load_dll" ] || { echo "no build at $load_dll (dotnet build -c Release bench/Tuopin.Load)" >&2; exit 1; }

source "$here/bench/serve-demo.sh"
echo "server pid $server_pid; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "after the demo load and sign-in: $(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status" | xargs -I{} expr {} / 1024) MB resident" >&2
if [ "$what" != circuits ]; then
  timeout $((seconds + 120)) dotnet "$load_dll" mixed --base "$base" --token "$token" --clients "$clients" --seconds "$seconds" --writes "$writes" --server-pid "$server_pid"
fi
if [ "$what" != mixed ]; then
  timeout 900 dotnet "$load_dll" circuits --base "$base" --user "$user" --password "$password" --pages "$pages" --step "$step" --server-pid "$server_pid"
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# What the server logged of its failures (an HTTP 500's exception), most frequent first.
if grep -qE "Exception|^fail:" "$work/serve.log"; then
  echo "the server's errors (serve.log):" >&2
  grep -oE "[A-Za-z.]+Exception: [^.]{0,120}" "$work/serve.log" | sort | uniq -c | sort -rn | head -n 8 >&2 || true
fi

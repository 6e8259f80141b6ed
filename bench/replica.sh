#!/usr/bin/env bash
# bench/replica.sh — a real streaming read replica on this machine, and the read-your-writes rule seen through the API.
#
#   bash bench/replica.sh [--tuopin <folder of tuopin.dll>] [--port 5793] [--replica-port 5433]
#
# Needs root (it runs pg_basebackup and pg_ctl as the postgres user), the local PostgreSQL cluster (the one the tests
# use, TUOPIN_TEST_PG or Host=127.0.0.1;Port=5432;Username=tuopin;Password=tuopin) and a build of tuopin
# (dotnet build -c Release src/Tuopin.Web). Everything listens on 127.0.0.1 only, every step has a time limit, and the
# replica, its files, the server and the database are removed at the end, whatever happens.
#
# What it does: loads the demo county into a new database; copies the whole cluster with `pg_basebackup -R` into a
# temporary folder and starts it as a hot standby on --replica-port; serves tuopin with TUOPIN_DB_REPLICA pointing at
# it; pauses the replica's replay (so it lags for certain), has official A exit a household through the API and reads
# the overview at once as B and as A; resumes replay and reads again. Which server answered is told by the content:
# the paused replica cannot know of A's write.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
tuopin_dir="$here/src/Tuopin.Web/bin/Release/net10.0"
port=5793
replica_port=5433
while [ $# -gt 0 ]; do
  case "$1" in
    --tuopin) tuopin_dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --replica-port) replica_port="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "run as root (pg_basebackup and pg_ctl run as the postgres user)" >&2; exit 1; }
[ -f "$tuopin_dir/tuopin.dll" ] || { echo "no build at $tuopin_dir (dotnet build -c Release src/Tuopin.Web)" >&2; exit 1; }
tuopin_dir="$(cd "$tuopin_dir" && pwd)"
version="$(pg_lsclusters -h | awk '$4 == "online" && $3 == 5432 {print $1; exit}')"
[ -n "$version" ] || { echo "no PostgreSQL cluster online on port 5432" >&2; exit 1; }
pgbin="/usr/lib/postgresql/$version/bin"
if ss -ltn | awk '{print $4}' | grep -q ":$replica_port\$"; then echo "port $replica_port is taken" >&2; exit 1; fi

pg="${TUOPIN_TEST_PG:-Host=127.0.0.1;Port=5432;Username=tuopin;Password=tuopin}"
libpq() { echo "$1" | tr ';' '\n' | sed -n 's/^Host=/host=/p; s/^Port=/port=/p; s/^Username=/user=/p; s/^Password=/password=/p; s/^Database=/dbname=/p' | tr '\n' ' '; }
database="tuopin_replica_$$"
work="$(mktemp -d /tmp/tuopin-replica.XXXXXX)"
chmod 755 "$work"
base="http://127.0.0.1:$port"
server=""
replica_started=""
cleanup() {
  set +e
  if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
  if [ -n "$replica_started" ]; then timeout 60 runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/replica" -m fast -w stop >/dev/null 2>&1; fi
  timeout 60 psql "$(libpq "$pg") dbname=postgres" -qc "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
  echo "torn down: server, replica on port $replica_port, its files, database $database" >&2
}
trap cleanup EXIT

primary="$pg;Database=$database"
replica="$(echo "$pg" | sed "s/Port=[0-9]*/Port=$replica_port/");Database=$database"
tuopin() { (cd "$work" && timeout "$1" dotnet "$tuopin_dir/tuopin.dll" "${@:2}" --data-dir "$work/data"); }

echo "1. the demo county into a new database $database ..." >&2
psql "$(libpq "$pg") dbname=postgres" -qc "CREATE DATABASE \"$database\""
tuopin 600 demo --db "$primary" >&2
for who in a b; do
  tuopin 60 users add --name "replica_$who" --role county-admin --db "$primary" >"$work/user-$who.txt"
done

echo "2. pg_basebackup -R of the cluster into $work/replica, started as a hot standby on 127.0.0.1:$replica_port ..." >&2
mkdir -p "$work/replica" "$work/sock" && chown postgres:postgres "$work/replica" "$work/sock" && chmod 700 "$work/replica"
started=$(date +%s)
timeout 600 runuser -u postgres -- "$pgbin/pg_basebackup" -h /var/run/postgresql -p 5432 -D "$work/replica" -R -X stream -c fast
echo "   base backup: $(( $(date +%s) - started )) s, $(du -sh "$work/replica" | cut -f1)" >&2
# Debian keeps the configuration outside the data folder: the standby gets its own, with the settings a standby must
# match (max_connections and the like at least the primary's).
primary_setting() { psql "$(libpq "$pg") dbname=postgres" -Atc "SHOW $1"; }
{
  echo "port = $replica_port"
  echo "listen_addresses = '127.0.0.1'"
  echo "unix_socket_directories = '$work/sock'"
  echo "hot_standby = on"
  echo "shared_buffers = 64MB"
  for s in max_connections max_worker_processes max_wal_senders max_prepared_transactions max_locks_per_transaction; do
    echo "$s = $(primary_setting "$s")"
  done
} > "$work/replica/postgresql.conf"
cp /etc/postgresql/"$version"/main/pg_hba.conf /etc/postgresql/"$version"/main/pg_ident.conf "$work/replica/"
chown postgres:postgres "$work/replica/"*.conf
timeout 120 runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/replica" -l "$work/sock/replica.log" -w -t 90 start >&2
replica_started=1
on_replica() { runuser -u postgres -- psql -h "$work/sock" -p "$replica_port" -d postgres -Atc "$1"; }
on_primary() { psql "$(libpq "$pg") dbname=postgres" -Atc "$1"; }
echo "   in recovery: $(on_replica 'SELECT pg_is_in_recovery()')" >&2

echo "3. tuopin serve on $base, TUOPIN_DB_REPLICA on port $replica_port ..." >&2
(cd "$work" && TUOPIN_DB_REPLICA="$replica" exec timeout 600 dotnet "$tuopin_dir/tuopin.dll" serve --db "$primary" --data-dir "$work/data" --urls "$base" >"$work/serve.log" 2>&1) &
server=$!
for _ in $(seq 1 180); do
  if curl -s -o /dev/null "$base/login"; then break; fi
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 1
done
json() { python3 -c 'import json,sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' "$@"; }
token_of() {
  local who="$1" generated password
  generated="$(sed -n 's/^.*初始密码：\([^（]*\)（.*$/\1/p' "$work/user-$who.txt")"
  password="Replica-$who-$(date +%s)-x9!"
  curl -sf -o /dev/null -X POST "$base/api/v1/auth/password" -H 'Content-Type: application/json' \
    -d "$(json userName "replica_$who" currentPassword "$generated" newPassword "$password")"
  curl -sf -X POST "$base/api/v1/auth/token" -H 'Content-Type: application/json' -d "$(json userName "replica_$who" password "$password")" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
a="Authorization: Bearer $(token_of a)"
b="Authorization: Bearer $(token_of b)"
remaining() { curl -sf --max-time 30 "$base/api/v1/overview" -H "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["remaining"]["households"])'; }
# The replica's position first, then the primary's: the difference is never below the true lag. The replica copies the
# whole cluster, so the primary's WAL also carries what other databases on it write meanwhile.
lag() {
  local p r
  r="$(on_replica "SELECT pg_last_wal_replay_lsn()")"
  p="$(on_primary "SELECT pg_current_wal_lsn()")"
  echo "primary at $p, replica replayed $r: $(on_primary "SELECT pg_wal_lsn_diff('$p', '$r')") bytes behind"
}

before="$(remaining "$b")"
echo "4. before: $before households remaining (B's overview); $(lag)"
on_replica "SELECT pg_wal_replay_pause()" >/dev/null
echo "   replay paused on the replica"

# A exits a household (a county administrator's status change); the first that the rules accept.
ids="$(curl -sf "$base/api/v1/households?status=1&pageSize=20" -H "$a" | python3 -c 'import json,sys; print(" ".join(i["id"] for i in json.load(sys.stdin)["items"]))')"
written=""
for id in $ids; do
  v="$(curl -sf "$base/api/v1/households/$id" -H "$a" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')"
  status="$(curl -s -o "$work/write.json" -w '%{http_code}' -X POST "$base/api/v1/households/$id/status" -H "$a" -H 'Content-Type: application/json' \
    -d "{\"version\": $v, \"to\": \"exited\", \"year\": 2017, \"date\": \"2017-12-01\", \"reason\": \"replica.sh\"}")"
  if [ "$status" = 200 ] || [ "$status" = 204 ]; then written="$id"; break; fi
done
[ -n "$written" ] || { echo "no household could be exited: $(cat "$work/write.json")" >&2; exit 1; }
echo "5. A exited household $written; $(lag)"
b_now="$(remaining "$b")"; a_now="$(remaining "$a")"
say() { if [ "$2" = "$before" ]; then echo "$1: $2 remaining — the replica answered (it has not replayed the write)"; else echo "$1: $2 remaining — the write is seen: the primary answered"; fi; }
say "   B's overview at once" "$b_now"
say "   A's overview at once" "$a_now"

on_replica "SELECT pg_wal_replay_resume()" >/dev/null
for _ in $(seq 1 50); do
  [ "$(on_primary "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '$(on_replica "SELECT pg_last_wal_replay_lsn()")')")" -le 0 ] && break
  sleep 0.2
done
echo "6. replay resumed; $(lag); replay delay $(on_replica "SELECT coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp())::numeric(10,3)::text, '?')") s since the last replayed commit"
echo "   A's report form (uncached, read from the replica once it has caught up): $(curl -s -o /dev/null -w 'HTTP %{http_code}' --max-time 60 "$base/api/v1/reports/population" -H "$a")"
echo "   B's overview now: $(remaining "$b") remaining"

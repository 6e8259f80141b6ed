# Sourced by bench/load.sh and bench/mixed.sh: starts `tuopin serve --demo` from $tuopin_dir on 127.0.0.1:$port with its
# own database, data folder and keys in a temporary folder (removed at exit, with the server), waits for it, and signs in
# as the administrator for a bearer token. With postgres=1 the database is a new PostgreSQL database (on TUOPIN_TEST_PG's
# server, or the local cluster started by scripts/prerequisites.sh), dropped at exit. Sets: work, base, server (the shell's child), server_pid (the dotnet process),
# user, password, token, auth. Extra environment for the server (e.g. DOTNET_gcServer=0) can be passed in $server_env.
work="$(mktemp -d /tmp/tuopin-load.XXXXXX)"
base="http://127.0.0.1:$port"
server=""
pg_db=""
# Runs one statement on the PostgreSQL server of TUOPIN_TEST_PG (an ADO.NET connection string), in its database postgres.
pg_admin() { python3 - "$TUOPIN_TEST_PG" "$1" <<'PY'
import subprocess, sys
parts = dict(p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p)
env = {"PGPASSWORD": parts.get("Password", ""), "PATH": "/usr/bin:/bin"}
args = ["psql", "-q", "-h", parts.get("Host", "127.0.0.1"), "-p", parts.get("Port", "5432"), "-U", parts.get("Username", "postgres"), "-d", "postgres", "-c", sys.argv[2]]
sys.exit(subprocess.run(args, env=env).returncode)
PY
}
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ -n "$pg_db" ]; then pg_admin "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
db="$work/load.db"
if [ "${postgres:-0}" = 1 ]; then
  if [ -z "${TUOPIN_TEST_PG:-}" ]; then set +u; source "$here/scripts/prerequisites.sh" >/dev/null; set -u; fi
  pg_db="tuopin_load_$$"
  pg_admin "CREATE DATABASE $pg_db"
  db="$TUOPIN_TEST_PG;Database=$pg_db"
  echo "the server's database: PostgreSQL $pg_db" >&2
fi

# Its own database, data folder and keys: nothing of ./data is read or written.
echo "starting tuopin serve --demo on $base (the demo load takes 10–40 s) ..." >&2
(cd "$work" && exec env ${server_env:-} timeout 900 dotnet "$tuopin_dir/tuopin.dll" serve --demo --db "$db" --urls "$base" >"$work/serve.log" 2>&1) &
server=$!
for _ in $(seq 1 600); do
  if curl -s -o /dev/null "$base/api/v1/overview"; then break; fi
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 1
done
curl -s -o /dev/null "$base/api/v1/overview" || { echo "the server did not answer within 600 s" >&2; cat "$work/serve.log" >&2; exit 1; }

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
server_pid="$(pgrep -P "$server" -f tuopin.dll | head -n 1 || true)"

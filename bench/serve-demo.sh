# Sourced by bench/load.sh and bench/mixed.sh: starts `tuopin serve --demo` from $tuopin_dir on 127.0.0.1:$port with its
# own database, data folder and keys in a temporary folder (removed at exit, with the server), waits for it, and signs in
# as the administrator for a bearer token. Sets: work, base, server (the shell's child), server_pid (the dotnet process),
# user, password, token, auth. Extra environment for the server (e.g. DOTNET_gcServer=0) can be passed in $server_env.
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
(cd "$work" && exec env ${server_env:-} timeout 900 dotnet "$tuopin_dir/tuopin.dll" serve --demo --db "$work/load.db" --urls "$base" >"$work/serve.log" 2>&1) &
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

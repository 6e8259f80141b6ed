#!/usr/bin/env bash
# What the tests need besides the .NET SDK: a PostgreSQL server they may create databases on,
# Chromium, and LibreOffice Calc and Writer (to open exported workbooks and generated reports). On a Debian machine where this runs as root, missing packages are installed and the
# local cluster is started. Elsewhere, set TUOPIN_TEST_PG (a connection string of a role that may
# create databases) and TUOPIN_CHROMIUM (the browser's path).
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

missing=()
if [ -z "${TUOPIN_TEST_PG:-}" ] && ! command -v pg_ctlcluster >/dev/null; then missing+=(postgresql); fi
if [ -z "${TUOPIN_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
# The export tests check that LibreOffice opens the workbooks and documents Tuopin writes.
if ! command -v libreoffice >/dev/null; then missing+=(libreoffice-calc libreoffice-writer);
elif ! dpkg -s libreoffice-writer >/dev/null 2>&1 && command -v dpkg >/dev/null; then missing+=(libreoffice-writer); fi
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} ..."
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "Missing: ${missing[*]}. Install them, or set TUOPIN_TEST_PG / TUOPIN_CHROMIUM." >&2
    exit 1
  fi
fi

if [ -z "${TUOPIN_TEST_PG:-}" ]; then
  # The local cluster, started if it is down, with the role the tests use.
  read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
  if [ "$status" != "online" ]; then
    as_root pg_ctlcluster "$version" "$cluster" start
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 1; done
  as_root su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname = 'tuopin'\" | grep -q 1 || psql -q -p $port -c \"CREATE ROLE tuopin LOGIN CREATEDB PASSWORD 'tuopin'\""
  export TUOPIN_TEST_PG="Host=127.0.0.1;Port=$port;Username=tuopin;Password=tuopin"
fi

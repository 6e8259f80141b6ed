#!/usr/bin/env bash
# Runs every test of Tuopin: domain unit tests, integration tests on SQLite and PostgreSQL, HTTP API
# tests, and browser tests in Chromium. Ends with "N passed, N failed" on a line of its own.
# A skipped test counts as failed: nothing here may be skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh

results="artifacts/test-results"
rm -rf "$results"
set +e
dotnet test Tuopin.slnx --logger "trx" --results-directory "$results"
status=$?
set -e

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  attr() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(attr passed)))
  failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
  skipped=$((skipped + $(attr notExecuted)))
done
if [ "$skipped" -gt 0 ]; then echo "$skipped test(s) were skipped; a skipped test counts as failed."; fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status (a build or run error); counted as one failure."
  failed=1
fi
failed=$((failed + skipped))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# stiel verify and stiel export events --csv on a generated store: the summary line, exit codes,
# a tampered row named, the CSV shape and mode, and nothing half-written on failure.
# usage: test_cli_store.sh STIEL BENCH_STORE
set -euo pipefail
STIEL=$1
GEN=$2
D=$(mktemp -d /tmp/stiel-cli-XXXXXX)
trap 'rm -rf "$D"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$GEN" --events 500 --build-only "$D/evidence.db" >/dev/null

out=$("$STIEL" verify --db "$D/evidence.db") || fail "verify of a good store exited $?"
[[ $out =~ ^500\ events\ on\ 3\ kiosks,\ chain\ intact,\ head\ [0-9a-f]{64}$ ]] || fail "summary: $out"
out2=$(STIEL_DATA="$D" "$STIEL" verify) || fail "verify with STIEL_DATA exited $?"
[[ $out2 == "$out" ]] || fail "STIEL_DATA path: $out2"

"$STIEL" export events --csv --db "$D/evidence.db" --out "$D/events.csv" || fail "export exited $?"
[[ $(wc -l < "$D/events.csv") -eq 501 ]] || fail "export has $(wc -l < "$D/events.csv") lines"
head -1 "$D/events.csv" | grep -q $'^id,kiosk_id,seq,ts_ms,time_utc,trainee_id,actor_id,kind,voids_id,erased,payload,hash\r$' \
  || fail "CSV header"
[[ $(stat -c %a "$D/events.csv") == 600 ]] || fail "export mode $(stat -c %a "$D/events.csv")"
[[ $(stat -c %a "$D/evidence.db") == 600 ]] || fail "store mode $(stat -c %a "$D/evidence.db")"
"$STIEL" export events --csv --db "$D/evidence.db" | cmp -s - "$D/events.csv" || fail "stdout export differs"

# Exit 2 for what is not there or not understood, and nothing left behind.
set +e
"$STIEL" verify --db "$D/none.db" 2>/dev/null; rc=$?
[[ $rc -eq 2 ]] || fail "verify of a missing store exited $rc"
[[ ! -e $D/none.db ]] || fail "verify created a store"
"$STIEL" verify --frobnicate 2>/dev/null; rc=$?
[[ $rc -eq 2 ]] || fail "verify with a bad option exited $rc"
"$STIEL" export events --db "$D/evidence.db" 2>/dev/null; rc=$?
[[ $rc -eq 2 ]] || fail "export without --csv exited $rc"
"$STIEL" export events --csv --db "$D/evidence.db" --out "$D/no/such/dir/x.csv" 2>/dev/null; rc=$?
[[ $rc -eq 2 ]] || fail "export to a missing folder exited $rc"
set -e

# Tamper with one row behind the store's back: exit 1 naming it.
sqlite3 "$D/evidence.db" "DROP TRIGGER events_no_update; UPDATE events SET kind = 'tampered' WHERE kiosk_id = 'pick-2' AND seq = 10;"
set +e
out=$("$STIEL" verify --db "$D/evidence.db"); rc=$?
set -e
[[ $rc -eq 1 ]] || fail "verify of a tampered store exited $rc"
[[ $out =~ ^chain\ broken\ at\ kiosk\ pick-2,\ seq\ 10,\ event\ [0-9a-f-]{36}:\ the\ row\'s\ fields\ were\ altered ]] \
  || fail "break report: $out"
echo "ok"

#!/usr/bin/env bash
# A dossier's verification code checked with `stiel verify --code` after the store has moved on:
# stiel report records each dossier it writes ("dossier.issued": the code and the chain heads
# behind it; --by must be a coach or supervisor, a refusal is recorded), more events are
# appended, and then: the code matches (0); a code printed before this change checks only while
# it is the store's head; an unknown code is 1, a malformed one 2; a row tampered with at or
# below the covered seq breaks the chain and is named (1).
# usage: test_verify_code.sh STIEL BENCH_STORE
set -euo pipefail
STIEL=$1
GEN=$2
SRC=${STIEL_SOURCE_DIR:-.}
export STIEL_ASSETS="$SRC/assets"
export STIEL_KIOSK=desk-1
command -v sqlite3 >/dev/null || { echo "sqlite3 missing"; exit 1; }
D=$(mktemp -d /tmp/stiel-vcode-XXXXXX)
trap 'rm -rf "$D"' EXIT
DB=$D/evidence.db
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { sqlite3 "$DB" "$1"; }
# run RC ARGS...: runs stiel, expects exit RC; stdout in $out, stderr in $err
run() {
    local want=$1
    shift
    set +e
    out=$("$STIEL" "$@" 2>"$D/err")
    local rc=$?
    set -e
    err=$(cat "$D/err")
    [[ $rc -eq $want ]] || fail "stiel $* exited $rc, expected $want: $out $err"
}

# A hub: 600 bench events (T-0001..T-0020 on pick-1, pick-2, pack-1), then the catalogue with
# coach C-0001 and supervisor S-0001.
"$GEN" --events 600 --build-only "$DB" >/dev/null
"$STIEL" import catalogue --db "$DB" "$SRC/assets/warehouse" >/dev/null

# ---- --by: a trainee or a stranger is refused (1), recorded, nothing written ------------------
run 1 report T-0001 --format pdf --out "$D/d.pdf" --by T-0002 --db "$DB"
[[ $err == *"refused"* ]] || fail "refusal message: $err"
run 1 report T-0001 --format pdf --out "$D/d.pdf" --by X-0009 --db "$DB"
[[ ! -e $D/d.pdf ]] || fail "a refused report wrote its file"
[[ $(q "SELECT count(*) FROM events WHERE kind = 'access.refused' AND kiosk_id = 'desk-1' AND json_extract(payload, '\$.action') = 'export_dossier'") == 2 ]] \
    || fail "the refusals are not recorded"
[[ $(q "SELECT count(*) FROM events WHERE kind = 'dossier.issued'") == 0 ]] || fail "a refused dossier was issued"

# ---- issue a dossier: the event holds the printed code and the heads ---------------------------
run 0 report T-0001 --format pdf --out "$D/d.pdf" --by C-0001 --db "$DB"
[[ $out =~ verification\ code\ ([0-9a-f]{64})\ \(check:\ stiel\ verify\ --code\ ([0-9a-f]{64})\)$ ]] \
    || fail "report output: $out"
CODE=${BASH_REMATCH[1]}
[[ ${BASH_REMATCH[2]} == "$CODE" ]] || fail "the check command names another code"
[[ $(q "SELECT actor_id || ' ' || trainee_id || ' ' || json_extract(payload, '\$.code') FROM events WHERE kind = 'dossier.issued'") == "C-0001 T-0001 $CODE" ]] \
    || fail "the dossier.issued event"
if command -v pdftotext >/dev/null; then
    pdftotext "$D/d.pdf" - | tr -s ' \n' '  ' | grep -q "stiel verify --code $CODE" \
        || fail "the PDF does not say how to check the code"
fi
# the heads it lists: pick-1's covered seq, for the tamper below
COVERED=$(q "SELECT json_extract(c.value, '\$.seq') FROM events e, json_each(e.payload, '\$.chains') c WHERE e.kind = 'dossier.issued' AND json_extract(c.value, '\$.kiosk') = 'pick-1'")
[[ $COVERED =~ ^[0-9]+$ && $COVERED -ge 10 ]] || fail "covered seq of pick-1: $COVERED"

# ---- more events (another dossier by a supervisor, a re-import), then the code still checks ---
run 0 report T-0002 --format html --out "$D/d2.html" --by S-0001 --db "$DB"
"$STIEL" import catalogue --db "$DB" "$SRC/assets/warehouse" >/dev/null
run 0 verify --code "$CODE" --db "$DB"
lines=$(wc -l <<<"$out")
[[ $lines -eq 2 ]] || fail "verify --code printed $lines lines: $out"
[[ $(head -1 <<<"$out") =~ ^[0-9]+\ events\ on\ [0-9]+\ kiosks,\ chain\ intact ]] || fail "summary: $out"
[[ $(tail -1 <<<"$out") =~ ^dossier\ code\ $CODE\ issued\ [0-9-]{10}\ [0-9:]{5}\ UTC\ by\ C-0001\ for\ T-0001\ \(period\ [0-9-]{10}\ to\ [0-9-]{10},\ pdf\):\ matches\ the\ evidence\ chain\ \([0-9]+\ kiosks,\ up\ to\ .*pick-1\ seq\ $COVERED[,\)] ]] \
    || fail "match line: $out"
run 0 verify --code "${CODE^^}" --db "$DB"     # upper case is the same code

# ---- without --by the actor is "cli" -------------------------------------------------------------
run 0 report T-0003 --format csv --out "$D/d3.csv" --db "$DB"
[[ $(q "SELECT actor_id FROM events WHERE kind = 'dossier.issued' AND trainee_id = 'T-0003'") == cli ]] \
    || fail "the default actor"
grep -q "^dossier,verify_with,stiel verify --code [0-9a-f]\{64\}," "$D/d3.csv" || fail "the CSV's verify_with row"

# ---- a code from before: only the store's head as it stands ------------------------------------
"$STIEL" import catalogue --db "$DB" "$SRC/assets/warehouse" >/dev/null
run 0 verify --db "$DB"
HEAD=${out##* }
run 0 verify --code "$HEAD" --db "$DB"
[[ $out == *"is the current head of the whole store"* ]] || fail "old code message: $out"
"$STIEL" import catalogue --db "$DB" "$SRC/assets/warehouse" >/dev/null
run 1 verify --code "$HEAD" --db "$DB"
[[ $out == *"is unknown"* ]] || fail "old code after an append: $out"

# ---- unknown 1, malformed 2 ---------------------------------------------------------------------
run 1 verify --code "$(printf '%064d' 0)" --db "$DB"
[[ $(tail -1 <<<"$out") == *"is unknown: no dossier issued from this store has it"* ]] || fail "unknown: $out"
run 2 verify --code "${CODE:0:63}" --db "$DB"
[[ $err == *"is not a verification code"* ]] || fail "malformed message: $err"
run 2 verify --code "${CODE:0:63}x" --db "$DB"
run 2 verify --code "$CODE" --bogus --db "$DB"

# ---- tamper with a row at the covered seq and one below: the chain is broken, the row named ----
q "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
cp "$DB" "$D/keep.db"
q "DROP TRIGGER events_no_update; UPDATE events SET ts_ms = ts_ms + 1 WHERE kiosk_id = 'pick-1' AND seq = $COVERED;"
run 1 verify --code "$CODE" --db "$DB"
[[ $(head -1 <<<"$out") =~ ^chain\ broken\ at\ kiosk\ pick-1,\ seq\ $COVERED,\ event\ [0-9a-f-]{36}: ]] \
    || fail "tamper at the covered seq: $out"
[[ $(tail -1 <<<"$out") == "dossier code $CODE cannot be checked: the evidence chain is broken" ]] \
    || fail "tamper verdict: $out"
cp "$D/keep.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
BELOW=$((COVERED - 7))
q "DROP TRIGGER events_no_update; UPDATE events SET payload = json_set(payload, '\$.x', 1) WHERE kiosk_id = 'pick-1' AND seq = $BELOW;"
run 1 verify --code "$CODE" --db "$DB"
[[ $(head -1 <<<"$out") =~ ^chain\ broken\ at\ kiosk\ pick-1,\ seq\ $BELOW, ]] || fail "tamper below: $out"
echo "ok"

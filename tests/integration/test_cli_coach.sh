#!/usr/bin/env bash
# The coach and supervisor commands end to end on one store: observations (add, refusals for a
# trainee badge and a wrong PIN recorded, bad category / long text / bad UTF-8, correct, void,
# list), trainee consent, setup labels to a folder (PNGs decode with zbarimg to the catalogue's
# codes, --select, totes, badges) and through the queue to the virtual printer, and retention
# (set/show, a dry run that changes nothing, apply: only trainees with old evidence erased, the
# chain still verifies, pseudonymous ids only).
# usage: test_cli_coach.sh STIEL BENCH_STORE
set -euo pipefail
STIEL=$1
GEN=$2
SRC=${STIEL_SOURCE_DIR:-.}
export STIEL_ASSETS="$SRC/assets"
export STIEL_KIOSK=coach-test
command -v zbarimg >/dev/null || { echo "zbarimg missing (zbar-tools)"; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 missing"; exit 1; }
D=$(mktemp -d /tmp/stiel-coach-XXXXXX)
trap 'rm -rf "$D"' EXIT
DB=$D/evidence.db
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { sqlite3 "$DB" "$1"; }
# run RC PIN ARGS...: runs stiel with PIN on stdin, expects exit RC; output in $out / $err
run() {
    local want=$1 pin=$2
    shift 2
    set +e
    out=$(echo "$pin" | "$STIEL" "$@" --db "$DB" 2>"$D/err")
    local rc=$?
    set -e
    err=$(cat "$D/err")
    [[ $rc -eq $want ]] || fail "stiel $* exited $rc, expected $want: $out $err"
}
decode() { zbarimg -q --raw "$1" 2>/dev/null; }

# An old hub: 600 events of T-0001..T-0020 from 2025-01-01 (bench_store), then today's catalogue
# import (T-0001..T-0005 again, recent) with coach C-0001 (BADGE-9001), supervisor S-0001
# (BADGE-9002).
"$GEN" --events 600 --build-only "$DB" >/dev/null
"$STIEL" import catalogue --db "$DB" "$SRC/assets/warehouse" >/dev/null
printf '4321\n4321\n' | "$STIEL" staff pin BADGE-9002 --db "$DB" >/dev/null
printf '8765\n8765\n' | "$STIEL" staff pin BADGE-9001 --db "$DB" >/dev/null
SUP=4321
COACH=8765

# ---- observations ------------------------------------------------------------------------------
run 0 $COACH observe T-0001 --category safety --outcome positive --text "Tilt met gebogen knieën" --by BADGE-9001
[[ $out =~ ^T-0001:\ safety\ observation\ \(positive\)\ by\ C-0001,\ event\ ([0-9a-f-]{36})$ ]] || fail "observe: $out"
first=${BASH_REMATCH[1]}
[[ $(q "SELECT json_extract(payload, '\$.note') FROM events WHERE id = '$first'") == "Tilt met gebogen knieën" ]] \
    || fail "the observation's note"
run 0 $COACH observe T-0001 --category teamwork --outcome concern --by BADGE-9001
second=$(grep -o '[0-9a-f-]\{36\}$' <<<"$out")

# a trainee badge and a wrong PIN: refused (exit 1) and recorded
run 1 1234 observe T-0001 --category safety --outcome positive --by BADGE-1001
[[ $err == *"trainee badge"* ]] || fail "trainee badge message: $err"
[[ $(q "SELECT count(*) FROM events WHERE kind = 'staff.auth' AND json_extract(payload, '\$.result') = 'trainee_badge'") == 1 ]] \
    || fail "the trainee badge attempt is not recorded"
run 1 0000 observe T-0001 --category safety --outcome positive --by BADGE-9001
[[ $(q "SELECT count(*) FROM events WHERE kind = 'staff.auth' AND actor_id = 'C-0001' AND json_extract(payload, '\$.result') = 'wrong_pin'") == 1 ]] \
    || fail "the wrong PIN is not recorded"

# bad input: exit 2, no observation recorded
auths=$(q "SELECT count(*) FROM events WHERE kind = 'staff.auth'")
run 2 $COACH observe T-0001 --category cooking --outcome positive --by BADGE-9001
[[ $err == *"safety, teamwork, attitude, quality"* ]] || fail "category message: $err"
run 2 $COACH observe T-0001 --category safety --by BADGE-9001
run 2 $COACH observe T-0001 --category safety --outcome positive --text "$(head -c 256 /dev/zero | tr '\0' x)" --by BADGE-9001
[[ $(q "SELECT count(*) FROM events WHERE kind = 'staff.auth'") == "$auths" ]] || fail "bad input asked for a PIN"
run 2 $COACH observe T-0001 --category safety --outcome positive --text $'caf\xc3' --by BADGE-9001
[[ $err == *"UTF-8"* ]] || fail "UTF-8 message: $err"
run 2 $COACH observe T-9999 --category safety --outcome positive --by BADGE-9001
[[ $(q "SELECT count(*) FROM events WHERE kind = 'coach.observation'") == 2 ]] || fail "bad input was recorded"

# correct the first, void the second, list
run 0 $COACH observe T-0001 --corrects "$first" --category safety --outcome concern --text "Geen handschoenen" --by BADGE-9001
[[ $out == *"corrected by C-0001"* ]] || fail "correct: $out"
run 2 $COACH observe T-0001 --void "$second" --by BADGE-9001
run 0 $SUP observe T-0001 --void "$second" --why "wrong trainee" --by BADGE-9002
run 2 $SUP observe T-0001 --void "$second" --why "again" --by BADGE-9002
[[ $err == *"already voided"* ]] || fail "second void: $err"
run 0 "" observations T-0001
[[ $out == *"3 observations, 2 voided"* ]] || fail "list: $out"
[[ $out == *"Geen handschoenen"* && $out == *"voided by S-0001"* ]] || fail "list content: $out"
[[ $(grep -c VOIDED <<<"$out") == 2 ]] || fail "voided marks: $out"

# ---- consent -----------------------------------------------------------------------------------
run 1 $COACH trainee consent T-0002 no --by BADGE-9001 --why "withdrawn in writing"
run 0 $SUP trainee consent T-0002 no --by BADGE-9002 --why "withdrawn in writing"
[[ $out == "T-0002: consent no (by S-0001)" ]] || fail "consent: $out"
run 2 $SUP trainee consent T-0002 no --by BADGE-9002 --why "again"
run 0 "" trainee list
grep -q '^T-0002 .*no-consent' <<<"$out" || fail "consent not in the list: $out"
[[ $(q "SELECT payload FROM events WHERE kind = 'trainee.consent'") == '{"consent":false,"from":true,"reason":"withdrawn in writing"}' ]] \
    || fail "consent event"

# ---- setup labels ------------------------------------------------------------------------------
L=$D/labels
run 0 $SUP setup-labels locations --select A-01,LOC-B01 --out "$L/sel" --by BADGE-9002
[[ $(ls "$L/sel" | tr '\n' ' ') == "A-01.png B-01.png " ]] || fail "selected files: $(ls "$L/sel")"
[[ $(decode "$L/sel/A-01.png") == LOC-A01 && $(decode "$L/sel/B-01.png") == LOC-B01 ]] || fail "location barcodes"
run 0 $SUP setup-labels locations --out "$L/loc" --by BADGE-9002
nloc=$(($(wc -l < "$SRC/assets/warehouse/locations.csv") - 1))
[[ $(ls "$L/loc"/*.png | wc -l) -eq $nloc ]] || fail "$(ls "$L/loc" | wc -l) location labels, want $nloc"
for row in $(sed -n '2p;17p;$p' "$SRC/assets/warehouse/locations.csv"); do
    code=${row%%,*}; rest=${row#*,}; barcode=${rest%%,*}
    [[ $(decode "$L/loc/$code.png") == "$barcode" ]] || fail "$code.png does not decode to $barcode"
done
gtin4=$(awk -F, '$1 == "ST-1004" {print $2}' "$SRC/assets/warehouse/items.csv")
run 0 $SUP setup-labels items --select ST-1001,"$gtin4" --out "$L/items" --by BADGE-9002
[[ $(decode "$L/items/ST-1001.png") == "$(awk -F, '$1 == "ST-1001" {print $2}' "$SRC/assets/warehouse/items.csv")" ]] || fail "ST-1001 GTIN"
[[ $(decode "$L/items/ST-1004.png") == "$gtin4" ]] || fail "ST-1004 GTIN"
run 0 $SUP setup-labels totes --count 3 --out "$L/totes" --by BADGE-9002
[[ $(ls "$L/totes" | tr '\n' ' ') == "TOTE-1.png TOTE-2.png TOTE-3.png " ]] || fail "totes: $(ls "$L/totes")"
[[ $(decode "$L/totes/TOTE-3.png") == TOTE-3 ]] || fail "TOTE-3 barcode"
run 0 $SUP setup-labels badges --select T-0001,BADGE-9001 --out "$L/badges" --by BADGE-9002
[[ $(decode "$L/badges/T-0001.png") == BADGE-1001 && $(decode "$L/badges/C-0001.png") == BADGE-9001 ]] || fail "badges"
run 0 $SUP setup-labels totes --count 2 --out "$L/zpl" --lang zpl --by BADGE-9002
grep -q '\^FD>:TOTE-2\^FS' "$L/zpl/TOTE-2.zpl" || fail "ZPL tote"
# refused for a coach; an unknown code asks no PIN
run 1 $COACH setup-labels totes --out "$L/coach" --by BADGE-9001
[[ ! -e $L/coach ]] || fail "a refused run wrote labels"
run 2 $SUP setup-labels items --select ST-9999 --out "$L/none" --by BADGE-9002
# through the queue to the virtual printer: printed per label
run 0 $SUP setup-labels items --select ST-1001,ST-1002 --printer "$D/preview" --driver virtual --spool "$D/spool" --by BADGE-9002
[[ $(grep -c '^printed ST-100[12] ' <<<"$out") == 2 ]] || fail "printer: $out"
[[ $(ls "$D/spool" | grep -c '\.done$') == 2 ]] || fail "spool: $(ls "$D/spool")"
[[ $(q "SELECT count(*) FROM events WHERE kind = 'staff.action' AND actor_id = 'S-0001' AND json_extract(payload, '\$.action') = 'print_setup_labels'") == 7 ]] \
    || fail "set-up label prints recorded: $(q "SELECT count(*) FROM events WHERE kind = 'staff.action'")"
[[ $(q "SELECT count(*) FROM events WHERE kind = 'access.refused' AND actor_id = 'C-0001'") -ge 1 ]] || fail "coach refusal"

# ---- retention ---------------------------------------------------------------------------------
run 0 "" retention show
[[ $out == "no retention period set"* ]] || fail "show: $out"
run 2 "" retention apply --dry-run
run 1 $COACH retention set 365 --by BADGE-9001
run 0 $SUP retention set 365 --by BADGE-9002
run 0 "" retention show
[[ $out == "retention period: 365 days" ]] || fail "show: $out"
before=$(q "SELECT count(*) || '/' || count(payload) FROM events")
run 0 "" retention apply --dry-run
[[ $(grep -c '^due ' <<<"$out") == 15 ]] || fail "dry run: $out"
grep -q '^due     T-0006 ' <<<"$out" || fail "dry run lists T-0006: $out"
! grep -q 'T-000[1-5]' <<<"$out" || fail "dry run lists a recent trainee: $out"
[[ $(q "SELECT count(*) || '/' || count(payload) FROM events") == "$before" ]] || fail "the dry run changed the store"
STIEL_LOG=info run 0 $SUP retention apply --by BADGE-9002
[[ $(grep -c '^erased  T-00' <<<"$out") == 15 ]] || fail "apply: $out"
[[ $out == *"applied: 15 trainees"* ]] || fail "apply summary: $out"
[[ $err == *"erased T-0006"* ]] || fail "log: $err"
! grep -Eq 'Amina|Jeroen|Sophie|Daniel' <<<"$out$err" || fail "a name in the output or log"
[[ $(q "SELECT count(*) FROM events WHERE kind = 'erasure' AND json_extract(payload, '\$.reason') = 'retention period of 365 days passed'") == 15 ]] \
    || fail "erasure events"
[[ $(q "SELECT count(*) FROM events WHERE trainee_id = 'T-0006' AND kind <> 'erasure' AND payload IS NOT NULL") == 0 ]] || fail "T-0006 kept payloads"
[[ $(q "SELECT count(*) FROM events WHERE trainee_id = 'T-0001' AND payload IS NULL") == 0 ]] || fail "T-0001 lost payloads"
"$STIEL" verify --db "$DB" >/dev/null || fail "the chain does not verify after retention"
run 0 "" retention apply --dry-run
[[ $out == *"dry run: 0 trainees"* ]] || fail "second dry run: $out"
echo "ok"

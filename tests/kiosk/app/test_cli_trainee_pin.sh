#!/usr/bin/env bash
# stiel trainee pin ID --by BADGE: a coach sets a trainee's name-list PIN (stored as an argon2id
# hash, never in clear; a staff.pin_changed event on the trainee's record), a reset, and the
# refusals: a trainee badge (recorded), a wrong staff PIN, two PINs that differ, a PIN with
# letters, an unknown trainee.
# usage: test_cli_trainee_pin.sh STIEL
set -euo pipefail
STIEL=$1
SRC=${STIEL_SOURCE_DIR:-.}
export STIEL_ASSETS="$SRC/assets"
export STIEL_KIOSK=pin-test
command -v sqlite3 >/dev/null || { echo "sqlite3 missing"; exit 1; }
D=$(mktemp -d /tmp/stiel-tpin-XXXXXX)
trap 'rm -rf "$D"' EXIT
DB=$D/evidence.db
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { sqlite3 "$DB" "$1"; }
# run RC INPUT ARGS...: runs stiel with INPUT on stdin, expects exit RC; output in $out / $err
run() {
    local want=$1 input=$2
    shift 2
    set +e
    out=$(printf "$input" | "$STIEL" "$@" --db "$DB" 2>"$D/err")
    local rc=$?
    set -e
    err=$(cat "$D/err")
    [[ $rc -eq $want ]] || fail "stiel $* exited $rc, expected $want: $out $err"
}

"$STIEL" import catalogue --db "$DB" "$SRC/assets/warehouse" >/dev/null
printf '8765\n8765\n' | "$STIEL" staff pin BADGE-9001 --db "$DB" >/dev/null   # coach C-0001

[[ $(q "SELECT pin_hash IS NULL FROM trainees WHERE id = 'T-0001'") == 1 ]] || fail "no PIN at first"
run 0 '8765\n2468\n2468\n' trainee pin T-0001 --by BADGE-9001
[[ $out == "PIN of T-0001 set (by C-0001)" ]] || fail "set: $out"
hash=$(q "SELECT pin_hash FROM trainees WHERE id = 'T-0001'")
[[ $hash == '$argon2id$'* ]] || fail "the hash format: $hash"
[[ $(q "SELECT count(*) FROM events WHERE kind = 'staff.pin_changed' AND trainee_id = 'T-0001' AND actor_id = 'C-0001' AND json_extract(payload, '\$.how') = 'initial'") == 1 ]] \
    || fail "the PIN set is not recorded"
# the PIN standing alone (hashes and UUIDs in other payloads may hold the digits by chance)
[[ $(q "SELECT count(*) FROM events WHERE payload GLOB '*[^0-9a-f-]2468[^0-9a-f-]*'") == 0 ]] \
    || fail "the PIN is in the evidence"
"$STIEL" trainee list --db "$DB" | grep -q '^T-0001 .*  pin$' || fail "list shows the PIN"

run 0 '8765\n1357\n1357\n' trainee pin T-0001 --by BADGE-9001
[[ $out == "PIN of T-0001 reset (by C-0001)" ]] || fail "reset: $out"
[[ $(q "SELECT pin_hash FROM trainees WHERE id = 'T-0001'") != "$hash" ]] || fail "the hash did not change"

# refusals
run 1 '1234\n2468\n2468\n' trainee pin T-0002 --by BADGE-1001
[[ $err == *"trainee badge"* ]] || fail "trainee badge: $err"
run 1 '0000\n2468\n2468\n' trainee pin T-0002 --by BADGE-9001
run 2 '8765\n2468\n2469\n' trainee pin T-0002 --by BADGE-9001
[[ $err == *"differ"* ]] || fail "differ: $err"
run 2 '8765\n24a8\n24a8\n' trainee pin T-0002 --by BADGE-9001
[[ $err == *"digits"* ]] || fail "digits: $err"
run 2 '8765\n2468\n2468\n' trainee pin T-9999 --by BADGE-9001
run 2 '' trainee pin T-0002
[[ $(q "SELECT pin_hash IS NULL FROM trainees WHERE id = 'T-0002'") == 1 ]] || fail "T-0002 got a PIN"
"$STIEL" verify --db "$DB" >/dev/null || fail "verify"
echo "ok"

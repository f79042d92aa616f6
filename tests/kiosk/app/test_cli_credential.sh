#!/usr/bin/env bash
# stiel staff / signoff / credential / verify-credential end to end over a fresh store: first PINs,
# refusals (recorded), a sign-off with a written reason, an Open Badges credential that verifies,
# fails after one changed byte, names only on request, and the badge lockout.
# Usage: test_cli_credential.sh STIEL ASSETS
set -u
STIEL=$1
ASSETS=$2
T=$(mktemp -d /tmp/stiel-cred-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
DB=$T/evidence.db
fail() { echo "FAIL: $*"; exit 1; }
export STIEL_KIOSK=kiosk-test

"$STIEL" import catalogue --db "$DB" "$ASSETS/warehouse" >/dev/null || fail "import"
# first PINs need no old one (the supervisor's, then the coach's)
printf '4321\n4321\n' | "$STIEL" staff pin BADGE-9002 --db "$DB" >/dev/null || fail "first supervisor PIN"
printf '5555\n5555\n' | "$STIEL" staff pin BADGE-9001 --db "$DB" >/dev/null || fail "first coach PIN"
printf '5555\n1234\n4321\n' | "$STIEL" staff pin BADGE-9001 --db "$DB" >/dev/null 2>&1
[ $? -eq 2 ] || fail "two different new PINs must be refused"
"$STIEL" staff list --db "$DB" | grep -Eq '^S-0001 +supervisor +BADGE-9002 +set' || fail "staff list"
# a supervisor exists now: adding staff without one is refused (exit 1), with one it works
"$STIEL" staff add C-0009 --role coach --badge BADGE-9009 --name Noor --db "$DB" >/dev/null 2>&1
[ $? -eq 1 ] || fail "staff add without a supervisor must be refused"
printf '5555\n' | "$STIEL" staff add C-0009 --role coach --badge BADGE-9009 --name Noor --by BADGE-9001 --db "$DB" >/dev/null 2>&1
[ $? -eq 1 ] || fail "a coach may not add staff"
printf '4321\n' | "$STIEL" staff add C-0009 --role coach --badge BADGE-9009 --name Noor --by BADGE-9002 --db "$DB" >/dev/null || fail "staff add by supervisor"

# not signed off yet: no credential
out=$("$STIEL" credential T-0002 mm.item --out "$T/c.json" --db "$DB" 2>&1)
[ $? -eq 2 ] && echo "$out" | grep -q "not signed off yet" || fail "credential before sign-off: $out"
# sign-off: criteria not met needs a reason; a trainee badge is refused
printf '5555\n' | "$STIEL" signoff T-0002 mm.item --by BADGE-9001 --db "$DB" >/dev/null 2>&1
[ $? -eq 2 ] || fail "sign-off without a reason"
printf '5555\n' | "$STIEL" signoff T-0002 mm.item --by BADGE-1002 --reason "Seen on the floor for weeks" --db "$DB" >/dev/null 2>&1
[ $? -eq 1 ] || fail "sign-off with a trainee badge"
printf '5555\n' | "$STIEL" signoff T-0002 mm.item --by BADGE-9001 --reason "Seen on the floor for weeks" --db "$DB" >/dev/null || fail "sign-off"

"$STIEL" credential T-0002 mm.item --out "$T/c.json" --db "$DB" >/dev/null 2>&1 || fail "credential"
[ "$(stat -c %a "$T/c.json")" = 600 ] || fail "credential file mode"
[ "$(stat -c %a "$T/hub-ed25519.key")" = 600 ] || fail "key file mode"
"$STIEL" verify-credential "$T/c.json" --db "$DB" | grep -q "valid, signed by did:key:z6Mk.* (this hub's key)" || fail "verify"
python3 - "$T/c.json" <<'PY' || fail "credential content"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["@context"] == ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
assert c["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
assert c["issuer"]["id"].startswith("did:key:z6Mk")
s = c["credentialSubject"]
assert s["id"] == "urn:stiel:trainee:T-0002" and s["type"] == ["AchievementSubject"]
a = s["achievement"]
assert a["achievementType"] == "Competency" and a["type"] == ["Achievement"]
assert a["alignment"][0]["targetName"] == "Magazijnmedewerker (BK-0002-3)", a["alignment"]
assert "criteria" in a and a["criteria"]["narrative"]
assert any("Seen on the floor for weeks" in (e.get("narrative") or "") for e in c["evidence"])
assert c["proof"]["cryptosuite"] == "eddsa-jcs-2022" and c["proof"]["proofValue"][0] == "z"
assert "Jeroen" not in open(sys.argv[1]).read()
PY
# one changed byte fails, wherever it is (a sample of positions)
size=$(stat -c %s "$T/c.json")
for pos in 0 1 17 $((size / 3)) $((size / 2)) $((size - 90)) $((size - 2)) $((size - 1)); do
  python3 -c "import sys; b=bytearray(open(sys.argv[1],'rb').read()); b[int(sys.argv[2])]^=1; open(sys.argv[3],'wb').write(b)" "$T/c.json" "$pos" "$T/bad.json"
  out=$("$STIEL" verify-credential "$T/bad.json" --db "$DB")
  [ $? -eq 1 ] && echo "$out" | grep -q INVALID || fail "byte $pos changed but verify said: $out"
done
# another hub's key (made by a credential run on another store): not this hub's credential
mkdir "$T/other"
"$STIEL" import catalogue --db "$T/other/evidence.db" "$ASSETS/warehouse" >/dev/null || fail "import (other)"
"$STIEL" credential T-0002 mm.item --out "$T/other/c.json" --db "$T/other/evidence.db" >/dev/null 2>&1
[ -f "$T/other/hub-ed25519.key" ] || fail "other hub key"
out=$("$STIEL" verify-credential "$T/c.json" --db "$T/other/evidence.db")
[ $? -eq 1 ] && echo "$out" | grep -q "not this hub's" || fail "verify against another hub's key: $out"
# names only on request
"$STIEL" credential T-0002 mm.item --out "$T/n.json" --with-names --db "$DB" >/dev/null || fail "credential --with-names"
grep -q '"identityHash":"Jeroen"' "$T/n.json" || fail "--with-names"
"$STIEL" verify-credential "$T/n.json" --db "$DB" >/dev/null || fail "verify --with-names"
# --all: one file per signed-off competency
"$STIEL" credential T-0002 --all --out "$T/all" --db "$DB" >/dev/null || fail "credential --all"
[ "$(ls "$T/all" | wc -l)" = 1 ] && [ -f "$T/all/T-0002-mm.item.json" ] || fail "--all files"
# lockout: 5 wrong PINs lock the badge; the 6th try is refused as locked
for i in 1 2 3 4 5; do
  printf '0000\n' | "$STIEL" signoff T-0002 mm.put --by BADGE-9001 --reason "Seen on the floor for weeks" --db "$DB" >/dev/null 2>&1
done
out=$(printf '5555\n' | "$STIEL" signoff T-0002 mm.put --by BADGE-9001 --reason "Seen on the floor for weeks" --db "$DB" 2>&1)
[ $? -eq 1 ] && echo "$out" | grep -q "locked" || fail "lockout: $out"
# every attempt and refusal is in the evidence, and the chain is intact
"$STIEL" export events --csv --db "$DB" --out "$T/ev.csv" || fail "export"
[ "$(grep -c 'wrong_pin' "$T/ev.csv")" = 5 ] || fail "wrong PINs recorded"
grep -q 'access.refused' "$T/ev.csv" || fail "refusals recorded"
# (a PIN would stand alone, e.g. "pin":"5555"; hex and UUID runs like -4321- are not PINs)
grep -Eq '(^|[^0-9a-f-])(0000|5555|4321)([^0-9a-f-]|$)' "$T/ev.csv" && fail "a PIN reached the evidence"
"$STIEL" verify --db "$DB" >/dev/null || fail "chain"
echo "ok"

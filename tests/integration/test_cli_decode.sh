#!/usr/bin/env bash
# Integration test of `stiel decode`: pipes sample captures into the real binary and compares the
# JSON lines byte for byte; checks chunked input, --suffix/--prefix/--max/--idle-ms, exit codes.
set -u
STIEL="${STIEL_BUILD_DIR:?STIEL_BUILD_DIR not set}/kiosk/app/stiel"
SRC="${STIEL_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {  # check NAME EXPECTED_FILE ACTUAL_FILE
    if cmp -s "$2" "$3"; then
        echo "ok   $1"
    else
        echo "FAIL $1"
        diff "$2" "$3" | head -20
        fails=$((fails + 1))
    fi
}

check_rc() {  # check_rc NAME WANT GOT
    if [ "$2" = "$3" ]; then echo "ok   $1 (exit $3)"; else echo "FAIL $1: exit $3, want $2"; fails=$((fails + 1)); fi
}

# 1. The sample capture: GS1-128, EAN-13, GS1 QR, bad GTIN check digit, no identifier, bad EAN.
cat > "$tmp/want1" <<'EOF'
{"symbology":"GS1-128","aim":"]C1","data":"011231231231233310ABC123\u001d99TESTING","gs1":[{"ai":"01","value":"12312312312333"},{"ai":"10","value":"ABC123"},{"ai":"99","value":"TESTING"}]}
{"symbology":"EAN-13","aim":"]E0","data":"4006381333931","gtin":"04006381333931"}
{"symbology":"GS1 QR Code","aim":"]Q3","data":"011231231231233310ABC123\u001d99TESTING","gs1":[{"ai":"01","value":"12312312312333"},{"ai":"10","value":"ABC123"},{"ai":"99","value":"TESTING"}]}
{"symbology":"GS1-128","aim":"]C1","data":"011231231231233410ABC123","error":"AI (01): check digit is 4, expected 3"}
{"symbology":"unknown","aim":"","data":"LOC-A-01-02"}
{"symbology":"EAN-13","aim":"]E0","data":"4006381333932","error":"GTIN 4006381333932: check digit is 2, expected 1"}
EOF
"$STIEL" decode < "$SRC/assets/samples/scanner-generic.cap" > "$tmp/got1" 2> "$tmp/err1"
check_rc "sample capture" 0 $?
check "sample capture" "$tmp/want1" "$tmp/got1"
grep -q "6 reads, 4 valid, 2 invalid" "$tmp/err1" || { echo "FAIL summary: $(cat "$tmp/err1")"; fails=$((fails + 1)); }

# 2. The same capture arriving in pieces (CR and LF in different writes) gives the same lines.
{
    cap="$SRC/assets/samples/scanner-generic.cap"
    head -c 38 "$cap"; sleep 0.2                         # the first read and its CR
    tail -c +39 "$cap" | head -c 10; sleep 0.2           # LF, then part of the EAN-13
    tail -c +49 "$cap"
} | "$STIEL" decode > "$tmp/got2" 2>/dev/null
check_rc "chunked capture" 0 $?
check "chunked capture" "$tmp/want1" "$tmp/got2"

# 3. Composite, DataMatrix with a date, bad date, unknown AI, bad identifier, JSON escaping.
printf ']E00416000336108|]e099COMPOSITE\x1d98XYZ\r\n]d2011234567890123117261231\r\n]C117261340\n]C17003123\n]XX12\r\n]C0a"b\\c\x01\x7f\xc3\xa4\xff\r\n' \
    | "$STIEL" decode > "$tmp/got3" 2>/dev/null
check_rc "various reads" 0 $?
cat > "$tmp/want3" <<'EOF'
{"symbology":"EAN-13","aim":"]E0","data":"0416000336108|]e099COMPOSITE\u001d98XYZ","gtin":"00416000336108","gs1":[{"ai":"99","value":"COMPOSITE"},{"ai":"98","value":"XYZ"}]}
{"symbology":"GS1 DataMatrix","aim":"]d2","data":"011234567890123117261231","gs1":[{"ai":"01","value":"12345678901231"},{"ai":"17","value":"261231"}]}
{"symbology":"GS1-128","aim":"]C1","data":"17261340","error":"AI (17): 261340 is not a date (month 13)"}
{"symbology":"GS1-128","aim":"]C1","data":"7003123","error":"AI (7003) unknown"}
{"symbology":"unknown","aim":"","data":"]XX12","error":"AIM identifier ']XX' is not known: check the scanner's code ID setting (it should send AIM/ISO 15424 identifiers)"}
{"symbology":"Code 128","aim":"]C0","data":"a\"b\\c\u0001\u007fä\u00ff"}
EOF
check "various reads" "$tmp/want3" "$tmp/got3"

# 4. --suffix with escapes, --prefix stripped, a last read without terminator flushed at EOF.
printf '@@]C0ONE\x1d\x04@@]C0TWO\x1d\x04@@]C0THREE' \
    | "$STIEL" decode --suffix '\x1d\x04' --prefix '@@' > "$tmp/got4" 2>/dev/null
check_rc "suffix and prefix" 0 $?
printf '%s\n' '{"symbology":"Code 128","aim":"]C0","data":"ONE"}' \
    '{"symbology":"Code 128","aim":"]C0","data":"TWO"}' \
    '{"symbology":"Code 128","aim":"]C0","data":"THREE"}' > "$tmp/want4"
check "suffix and prefix" "$tmp/want4" "$tmp/got4"

# 5. --max: an overlong read is reported once, then the stream resynchronises.
printf '12345678\r\n1234567890ABCDEFGHIJ\r\nOK\r\n' | "$STIEL" decode --max 8 > "$tmp/got5" 2>"$tmp/err5"
check_rc "overlong" 0 $?
printf '%s\n' '{"symbology":"unknown","aim":"","data":"12345678"}' \
    '{"symbology":"unknown","aim":"","data":"12345678","error":"scanner sent more than 8 bytes without an end of read: check its suffix setting (CR, LF) and the baud rate"}' \
    '{"symbology":"unknown","aim":"","data":"OK"}' > "$tmp/want5"
check "overlong" "$tmp/want5" "$tmp/got5"
grep -q "(1 overlong)" "$tmp/err5" || { echo "FAIL overlong summary"; fails=$((fails + 1)); }

# 6. --idle-ms: a pause ends a read with no terminator; without it the bytes join.
{ printf ']C0ABC'; sleep 1; printf ']C0DEF\r\n'; } | "$STIEL" decode --idle-ms 300 > "$tmp/got6" 2>/dev/null
printf '%s\n' '{"symbology":"Code 128","aim":"]C0","data":"ABC"}' \
    '{"symbology":"Code 128","aim":"]C0","data":"DEF"}' > "$tmp/want6"
check "idle gap" "$tmp/want6" "$tmp/got6"
{ printf ']C0ABC'; sleep 0.5; printf 'DEF\r\n'; } | "$STIEL" decode > "$tmp/got6b" 2>/dev/null
printf '%s\n' '{"symbology":"Code 128","aim":"]C0","data":"ABCDEF"}' > "$tmp/want6b"
check "no idle gap" "$tmp/want6b" "$tmp/got6b"

# 7. Usage errors exit 2 with a message on stderr and nothing on stdout.
for args in "--bogus" "--max" "--max 0" "--max 9000" "--idle-ms x" "--suffix \\q" \
            "--suffix 123456789" "--prefix \\x1"; do
    # shellcheck disable=SC2086
    "$STIEL" decode $args < /dev/null > "$tmp/out7" 2> "$tmp/err7"
    rc=$?
    check_rc "usage: $args" 2 $rc
    if [ -s "$tmp/out7" ] || [ ! -s "$tmp/err7" ]; then echo "FAIL usage output: $args"; fails=$((fails + 1)); fi
done

# 7b. --ssi: a Zebra SSI stream (reference 1.4 frame for EAN-13 4006381333931), a decoder ACK,
#     garbage, a frame with a bad checksum, the same frame again, then a GS1-128 decode sent in
#     two packets (continuation bit), all in odd chunks: each decode once, corrupt ones named.
ean='\x12\xF3\x00\x00\x0B\x34\x30\x30\x36\x33\x38\x31\x33\x33\x33\x39\x33\x31'
{ printf "$ean"'\xFC\x54'; printf '\x04\xD0\x00\x00\xFF\x2C\xFF\xFF';
  printf "$ean"'\xFC\x55'; sleep 0.2; printf "$ean"'\xFC\x54';
  printf '\x15\xF3\x00\x02\x0F\x30\x31\x31\x32\x33\x34\x35\x36\x37\x38\x39\x30\x31\x32\x33\x31\xFB';
  printf '\xB2\x13\xF3\x00\x00\x0F\x31\x30\x41\x42\x43\x1D\x31\x37\x32\x36\x31\x32\x33\x31\xFC\x10'; } |
    "$STIEL" decode --ssi > "$tmp/got7b" 2>/dev/null
check_rc "--ssi exit" 0 $?
printf '%s\n' '{"symbology":"EAN-13","aim":"]E0","data":"4006381333931","gtin":"04006381333931"}' \
    '{"ssi":"CMD_ACK","data":""}' \
    '{"error":"scanner SSI frame (length 18, opcode 0xF3) has checksum FC55, expected FC54: asking it to resend"}' \
    '{"symbology":"EAN-13","aim":"]E0","data":"4006381333931","gtin":"04006381333931"}' \
    '{"symbology":"GS1-128","aim":"]C1","data":"011234567890123110ABC\u001d17261231","gs1":[{"ai":"01","value":"12345678901231"},{"ai":"10","value":"ABC"},{"ai":"17","value":"261231"}]}' > "$tmp/want7b"
check "--ssi stream" "$tmp/want7b" "$tmp/got7b"

# 8. Empty input: no lines, exit 0.
"$STIEL" decode < /dev/null > "$tmp/got8" 2>/dev/null
check_rc "empty input" 0 $?
[ -s "$tmp/got8" ] && { echo "FAIL empty input printed lines"; fails=$((fails + 1)); }

if [ "$fails" -ne 0 ]; then echo "$fails check(s) failed"; exit 1; fi
echo "all stiel decode checks passed"

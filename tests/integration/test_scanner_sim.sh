#!/usr/bin/env bash
# Integration test of the scanner simulator and `stiel scan`: `stiel sim scanner --script` on a pty
# behind a --link in a temp dir, `stiel scan` on that link with --count; the JSON lines must match
# the stiel decode format exactly. Plain serial, SSI (with feedback), Honeywell, unplug/replug,
# a NAK storm and a bad checksum in SSI, and a wrong-baud-rate garbage stream.
set -u
STIEL="${STIEL_BUILD_DIR:?STIEL_BUILD_DIR not set}/kiosk/app/stiel"
fails=0
tmp=$(mktemp -d)
sim_pid=""
cleanup() {
    if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; fi
    rm -rf "$tmp"
}
trap cleanup EXIT

fail() { echo "FAIL $*"; fails=$((fails + 1)); }

check() {  # check NAME EXPECTED_FILE ACTUAL_FILE
    if cmp -s "$2" "$3"; then echo "ok   $1"; else fail "$1"; diff "$2" "$3" | head -20; fi
}

# start_sim NAME ARGS... : starts the simulator in the background, waits for its link
start_sim() {
    local name=$1; shift
    rm -f "$tmp/link"
    "$STIEL" sim scanner --link "$tmp/link" "$@" > "$tmp/$name.simout" 2> "$tmp/$name.simerr" &
    sim_pid=$!
    for _ in $(seq 1 100); do [ -L "$tmp/link" ] && return 0; sleep 0.05; done
    fail "$name: the simulator made no link"; cat "$tmp/$name.simerr"
    return 1
}

stop_sim() {
    if [ -n "$sim_pid" ]; then
        for _ in $(seq 1 100); do kill -0 "$sim_pid" 2>/dev/null || break; sleep 0.05; done
        kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; sim_pid=""
    fi
}

cat > "$tmp/want" <<'EOF'
{"symbology":"GS1-128","aim":"]C1","data":"011231231231233310ABC123\u001d99TESTING","gs1":[{"ai":"01","value":"12312312312333"},{"ai":"10","value":"ABC123"},{"ai":"99","value":"TESTING"}]}
{"symbology":"EAN-13","aim":"]E0","data":"4006381333931","gtin":"04006381333931"}
{"symbology":"EAN-13","aim":"]E0","data":"4006381333932","error":"GTIN 4006381333932: check digit is 2, expected 1"}
{"symbology":"Code 128","aim":"]C0","data":"LOC-A-01-02"}
EOF
cat > "$tmp/script" <<'EOF'
# four scans, as a trainee would make them
wait-host
sleep 150
scan ]C1011231231231233310ABC123\x1d99TESTING
scan ]E04006381333931
sleep 50
scan ]E04006381333932
scan ]C0LOC-A-01-02
quit
EOF

# 1. plain serial scanner, generic driver
if start_sim plain --script "$tmp/script"; then
    "$STIEL" scan "$tmp/link" --count 4 --timeout 10000 > "$tmp/plain.out" 2> "$tmp/plain.err"
    rc=$?
    [ $rc = 0 ] || fail "plain: stiel scan exit $rc: $(cat "$tmp/plain.err")"
    grep -v '"event"' "$tmp/plain.out" > "$tmp/plain.scans"
    check "plain serial: 4 scans, exact JSON" "$tmp/want" "$tmp/plain.scans"
    grep -q '"event":"state","state":"enabled"' "$tmp/plain.out" || fail "plain: no enabled state event"
    stop_sim
fi

# 2. the same scans over Zebra SSI, with good/bad feedback after each read
if start_sim ssi --ssi --script "$tmp/script"; then
    "$STIEL" scan "$tmp/link" --driver ssi --feedback --count 4 --timeout 10000 > "$tmp/ssi.out" 2> "$tmp/ssi.err"
    rc=$?
    [ $rc = 0 ] || fail "ssi: stiel scan exit $rc: $(cat "$tmp/ssi.err")"
    grep -v '"event"' "$tmp/ssi.out" > "$tmp/ssi.scans"
    check "SSI: 4 decodes, same JSON as plain serial" "$tmp/want" "$tmp/ssi.scans"
    stop_sim
    grep -q '^wakeup$' "$tmp/ssi.simerr" || fail "ssi: no WAKEUP seen by the scanner"
    grep -q '^scan enable$' "$tmp/ssi.simerr" || fail "ssi: no SCAN_ENABLE seen by the scanner"
    grep -q '^beep good$' "$tmp/ssi.simerr" || fail "ssi: no good beep reached the scanner"
    echo "ok   SSI: wakeup, scan enable and feedback reached the scanner"
fi

# 3. unplug and replug in the middle: the scan after the replug still arrives
cat > "$tmp/script3" <<'EOF'
wait-host
sleep 100
scan ]C0BEFORE
sleep 200
unplug
sleep 300
replug
wait-host
sleep 100
scan ]C0AFTER
quit
EOF
if start_sim replug --script "$tmp/script3"; then
    "$STIEL" scan "$tmp/link" --count 2 --timeout 15000 > "$tmp/replug.out" 2> "$tmp/replug.err"
    rc=$?
    [ $rc = 0 ] || fail "replug: stiel scan exit $rc: $(cat "$tmp/replug.err")"
    printf '%s\n' '{"symbology":"Code 128","aim":"]C0","data":"BEFORE"}' '{"symbology":"Code 128","aim":"]C0","data":"AFTER"}' > "$tmp/want3"
    grep -v '"event"' "$tmp/replug.out" > "$tmp/replug.scans"
    check "unplug/replug: scan after replug arrives" "$tmp/want3" "$tmp/replug.scans"
    grep -q '"state":"disconnected"' "$tmp/replug.out" || fail "replug: no disconnected state event"
    stop_sim
fi

# 4. SSI faults: a NAK storm on our commands and a corrupt decode; the decode still arrives once
cat > "$tmp/script4" <<'EOF'
nak-storm 2
bad-checksum 1
wait-host
sleep 200
scan ]E04006381333931
scan ]C0NEXT
quit
EOF
if start_sim ssifault --ssi --script "$tmp/script4"; then
    "$STIEL" scan "$tmp/link" --driver ssi --count 2 --timeout 10000 > "$tmp/ssifault.out" 2> "$tmp/ssifault.err"
    rc=$?
    [ $rc = 0 ] || fail "ssi faults: stiel scan exit $rc: $(cat "$tmp/ssifault.err")"
    printf '%s\n' '{"symbology":"EAN-13","aim":"]E0","data":"4006381333931","gtin":"04006381333931"}' '{"symbology":"Code 128","aim":"]C0","data":"NEXT"}' > "$tmp/want4"
    grep -v '"event"' "$tmp/ssifault.out" > "$tmp/ssifault.scans"
    check "SSI: NAK storm and bad checksum recovered, each decode once" "$tmp/want4" "$tmp/ssifault.scans"
    stop_sim
    grep -q 'resending decode (NAK)' "$tmp/ssifault.simerr" || fail "ssi faults: the host did not NAK the bad checksum"
    [ "$(grep -c 'nak (storm)' "$tmp/ssifault.simerr")" = 2 ] || fail "ssi faults: NAK storm not played"
fi

# 5. Honeywell: feedback as SYN M menu commands
if start_sim honeywell --honeywell --script "$tmp/script"; then
    "$STIEL" scan "$tmp/link" --driver honeywell --feedback --count 4 --timeout 10000 > "$tmp/hw.out" 2> "$tmp/hw.err"
    grep -v '"event"' "$tmp/hw.out" > "$tmp/hw.scans"
    check "Honeywell: 4 scans, exact JSON" "$tmp/want" "$tmp/hw.scans"
    stop_sim
    grep -q '^menu BEPEXE1$' "$tmp/honeywell.simerr" || fail "honeywell: good feedback menu command not seen"
    grep -q '"event":"fault"' "$tmp/hw.out" && fail "honeywell: unexpected fault: $(grep fault "$tmp/hw.out")"
fi

# 6. a wrong baud rate: steady garbage gives exactly one fault line with the advice
printf 'wait-host\nsleep 100\n' > "$tmp/script6"
for _ in $(seq 1 10); do printf 'garbage 300\nsleep 30\n' >> "$tmp/script6"; done
printf 'sleep 1500\nquit\n' >> "$tmp/script6"
if start_sim garbage --script "$tmp/script6"; then
    "$STIEL" scan "$tmp/link" --count 1 --timeout 2500 > "$tmp/garbage.out" 2> "$tmp/garbage.err"
    rc=$?
    [ $rc = 1 ] || fail "garbage: stiel scan exit $rc, want 1 (no reads)"
    n=$(grep -c 'sends unreadable data: check baud rate (expected 9600 8N1)' "$tmp/garbage.out")
    [ "$n" = 1 ] && echo "ok   garbage: one baud-rate fault" || { fail "garbage: $n baud-rate faults, want 1"; cat "$tmp/garbage.out"; }
    stop_sim
fi

# 6b. the SSI simulator honours SCAN_DISABLE: nothing is sent until the host enables scanning
printf 'wait-host\nsleep 300\nscan ]E04006381333931\nquit\n' > "$tmp/script6b"
if command -v python3 > /dev/null && start_sim ssidisable --ssi --script "$tmp/script6b"; then
    python3 - "$tmp/link" > "$tmp/ssidisable.out" 2>&1 <<'PYEOF'
import os, select, sys, time, termios, tty
fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY)
tty.setraw(fd)
def frame(op):
    b = bytes([4, op, 4, 0])
    c = (-sum(b)) & 0xFFFF
    return b + bytes([c >> 8, c & 0xFF])
def read_for(ms):
    got = b""
    end = time.time() + ms / 1000
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], max(0, end - time.time()))
        if r:
            got += os.read(fd, 512)
    return got
os.write(fd, frame(0xEA))                     # SCAN_DISABLE
got = read_for(700)
print("acks while disabled:", got.count(frame(0xD0)[:2]), "decodes:", got.count(b"\xf3\x00"))
os.write(fd, frame(0xE9))                     # SCAN_ENABLE
got = read_for(700)
print("decodes after enable:", got.count(b"\xf3\x00"))
PYEOF
    grep -q 'acks while disabled: 1 decodes: 0$' "$tmp/ssidisable.out" && grep -q 'decodes after enable: [1-9]' "$tmp/ssidisable.out" \
        && echo "ok   SSI simulator: no decodes while disabled, decodes after enable" \
        || { fail "SSI simulator and SCAN_DISABLE"; cat "$tmp/ssidisable.out"; }
    stop_sim
fi

# 7. usage errors
"$STIEL" scan > /dev/null 2>&1; [ $? = 2 ] || fail "scan without a port: want exit 2"
"$STIEL" scan "$tmp/x" --driver zebra > /dev/null 2>&1; [ $? = 2 ] || fail "scan --driver zebra: want exit 2"
"$STIEL" sim scanner --bogus > /dev/null 2>&1; [ $? = 2 ] || fail "sim --bogus: want exit 2"

if [ $fails -ne 0 ]; then echo "$fails failed"; exit 1; fi
echo "all passed"

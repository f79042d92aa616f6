#!/usr/bin/env bash
# stiel sim printer + stiel print end to end: a simulated ZPL printer on a --link in a temp dir;
# `stiel print` of every shipped template (native ZPL, parsed back and rendered by the simulator)
# → a PNG appears in --out and zbarimg decodes the expected data; raster ZPL, TSPL (raster) and
# ESC/POS over TCP the same way; paper-out → stiel print exits 1 with the sentence, and after
# paper-in the queued label prints exactly once.
set -u
BUILD=${STIEL_BUILD_DIR:-build}
STIEL="$BUILD/kiosk/app/stiel"
[ -x "$STIEL" ] || { echo "no $STIEL"; exit 1; }
command -v zbarimg >/dev/null || { echo "zbarimg missing (zbar-tools)"; exit 1; }
command -v socat >/dev/null || { echo "socat missing"; exit 1; }
T=$(mktemp -d /tmp/stiel-printer-sim.XXXXXX)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
pass=0
failn=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { failn=$((failn + 1)); echo "FAIL: $*"; }
ctl() { echo "$2" | socat -t 2 - "UNIX-CONNECT:$1"; }

# start_sim NAME ARGS...: starts a simulator with --out $T/NAME.out --control $T/NAME.ctl
start_sim() {
    local name=$1
    shift
    "$STIEL" sim printer "$@" --out "$T/$name.out" --control "$T/$name.ctl" </dev/null >"$T/$name.log" 2>"$T/$name.err" &
    PIDS+=($!)
    for _ in $(seq 1 100); do
        [ -S "$T/$name.ctl" ] && return 0
        sleep 0.05
    done
    echo "simulator $name did not start"; cat "$T/$name.err"; exit 1
}

# decodes NAME PNG: the newest PNG in $T/NAME.out, decoded by zbarimg (raw, one symbol a line)
newest_png() { ls -t "$T/$1.out"/*.png 2>/dev/null | head -1; }
decode() { zbarimg -q --raw "$1" 2>/dev/null; }

start_sim zpl --zpl --link "$T/printer"
[ -L "$T/printer" ] && ok "sim printer made the link" || bad "no link at $T/printer"

# every template, native ZPL: expected data from the template's samples
declare -A WANT=(
    [shipping]="00376123450000000016"
    [item]="8712345678906"
    [tote]="TOTE-0042"
    [location]="A-01-03-B"
    [badge]="TRN-00017"
)
for tpl in /dev/null $(ls "${STIEL_SOURCE_DIR:-.}/assets/labels/"*.label); do
    [ "$tpl" = /dev/null ] && continue
    name=$(basename "$tpl" .label)
    before=$(ls "$T/zpl.out" 2>/dev/null | grep -c png)
    out=$("$STIEL" print "$T/printer" "$name" --spool "$T/spool" 2>&1)
    rc=$?
    after=$(ls "$T/zpl.out" 2>/dev/null | grep -c png)
    if [ $rc -ne 0 ]; then bad "print $name: exit $rc: $out"; continue; fi
    if [ "$after" -ne $((before + 1)) ]; then bad "print $name: no new PNG ($before -> $after)"; cat "$T/zpl.err"; continue; fi
    got=$(decode "$(newest_png zpl)")
    if [ -z "$got" ]; then bad "print $name: zbarimg decoded nothing"; continue; fi
    want=${WANT[$name]:-}
    if [ -n "$want" ] && ! grep -q -- "$want" <<<"$got"; then
        bad "print $name: zbarimg gave '$got', expected to contain '$want'"
    else
        ok "print $name (native ZPL) -> PNG decodes: $(tr '\n' ' ' <<<"$got")"
    fi
done

# --set reaches the printed label
"$STIEL" print "$T/printer" tote --set tote=TOTE-0777 --spool "$T/spool" >/dev/null 2>&1
got=$(decode "$(newest_png zpl)")
grep -q "TOTE-0777" <<<"$got" && ok "--set value printed" || bad "--set: decoded '$got'"

# raster ZPL (^GFA Z64) goes the graphics route
"$STIEL" print "$T/printer" tote --raster z64 --spool "$T/spool" >/dev/null 2>&1
got=$(decode "$(newest_png zpl)")
grep -q "TOTE-0042" <<<"$got" && ok "raster ZPL printed and decodes" || bad "raster ZPL: decoded '$got'"

# paper out: exit 1 with the sentence, nothing printed; after paper-in exactly one more label
ctl "$T/zpl.ctl" paper-out >/dev/null
printed_before=$(ctl "$T/zpl.ctl" status | sed -n 's/.* \([0-9]*\) printed.*/\1/p')
out=$("$STIEL" print "$T/printer" tote --set tote=TOTE-0999 --spool "$T/spool" 2>&1)
rc=$?
[ $rc -eq 1 ] && ok "paper-out: exit 1" || bad "paper-out: exit $rc ($out)"
grep -q "out of labels" <<<"$out" && ok "paper-out sentence: $(head -1 <<<"$out")" || bad "paper-out: no sentence in '$out'"
ctl "$T/zpl.ctl" paper-in >/dev/null
out=$("$STIEL" print "$T/printer" item --spool "$T/spool" 2>&1)
rc=$?
printed_after=$(ctl "$T/zpl.ctl" status | sed -n 's/.* \([0-9]*\) printed.*/\1/p')
[ $rc -eq 0 ] && ok "after paper-in: exit 0" || bad "after paper-in: exit $rc ($out)"
[ "$printed_after" -eq $((printed_before + 2)) ] && ok "queued label + new label printed exactly once each ($printed_before -> $printed_after)" \
    || bad "printed $printed_before -> $printed_after, expected +2"
n999=$(for f in "$T/zpl.out"/*.png; do decode "$f"; done | grep -c "TOTE-0999")
[ "$n999" -eq 1 ] && ok "the label queued during paper-out printed once" || bad "TOTE-0999 printed $n999 times"

# silent printer: offline, exit 1
ctl "$T/zpl.ctl" silent >/dev/null
out=$("$STIEL" print "$T/printer" tote --spool "$T/spool-silent" --timeout 5 2>&1)
rc=$?
[ $rc -eq 1 ] && grep -qi "not answering\|offline\|not respond" <<<"$out" && ok "silent printer: exit 1 ($(head -1 <<<"$out"))" \
    || bad "silent printer: exit $rc ($out)"
ctl "$T/zpl.ctl" answer >/dev/null

# TSPL (raster BITMAP) on a pty, ESC/POS over TCP
start_sim tspl --tspl --link "$T/tspl"
"$STIEL" print "$T/tspl" tote --lang tspl --raster z64 --spool "$T/spool-tspl" >/dev/null 2>&1
got=$(decode "$(newest_png tspl)")
grep -q "TOTE-0042" <<<"$got" && ok "TSPL raster printed and decodes" || bad "TSPL: decoded '$got'"
PORT=$((20000 + RANDOM % 20000))
start_sim escpos --escpos --tcp "$PORT"
"$STIEL" print "tcp:127.0.0.1:$PORT" tote --lang escpos --spool "$T/spool-escpos" >/dev/null 2>&1
got=$(decode "$(newest_png escpos)")
grep -q "TOTE-0042" <<<"$got" && ok "ESC/POS over TCP printed and decodes" || bad "ESC/POS: decoded '$got'"

# bad input: exit 2
"$STIEL" print "$T/printer" no-such-template --spool "$T/spool" >/dev/null 2>&1
[ $? -eq 2 ] && ok "unknown template: exit 2" || bad "unknown template: not exit 2"
"$STIEL" print "$T/printer" tote --lang zpl --driver tspl --spool "$T/spool" >/dev/null 2>&1
[ $? -eq 2 ] && ok "language/driver mismatch: exit 2" || bad "mismatch: not exit 2"

echo "$pass passed, $failn failed"
[ "$failn" -eq 0 ]

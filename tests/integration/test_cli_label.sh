#!/bin/bash
# Integration test of `stiel label`: renders every shipped template with the real binary, decodes
# the PNGs with zbarimg (1D, QR) and ZXingReader (Data Matrix, GS1 identifiers and separators),
# checks --help, the error exits (2, message, no output file) and that every ZPL output is a
# complete format. Needs STIEL_BUILD_DIR and STIEL_SOURCE_DIR (set by ctest).
set -u
STIEL="$STIEL_BUILD_DIR/kiosk/app/stiel"
LABELS="$STIEL_SOURCE_DIR/assets/labels"
export STIEL_ASSETS="$STIEL_SOURCE_DIR/assets"
WORK=$(mktemp -d /tmp/stiel-cli-label-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# zbar's decoded lines for a PNG, sorted (stderr carries harmless D-Bus noise).
zbar() {
    zbarimg -q --raw "$1" 2>/dev/null | sort
}

# ZXingReader's "Bytes:" line as lower-case hex with no spaces, and its identifier.
zxing_bytes() {
    ZXingReader "$@" 2>/dev/null | sed -n 's/^Bytes: *//p' | head -1 | tr -d ' ' | tr 'A-F' 'a-f'
}
zxing_id() {
    ZXingReader "$@" 2>/dev/null | sed -n 's/^Identifier: *//p' | head -1
}

hex_of() {
    printf '%b' "$1" | od -An -tx1 | tr -d ' \n'
}

# The width and height of a PNG (IHDR, big-endian), as "W H".
png_size() {
    od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}'
}

# expect_exit2 NAME ARGS...: the command must exit 2, say something on stderr, write no file.
expect_exit2() {
    local name=$1
    shift
    local out="$WORK/err-$name.out"
    "$STIEL" label "$@" --out "$out" 2>"$WORK/err-$name.txt" >/dev/null
    local rc=$?
    [ "$rc" -eq 2 ] || fail "$name: exit $rc, expected 2"
    [ -s "$WORK/err-$name.txt" ] || fail "$name: nothing on stderr"
    [ ! -e "$out" ] || fail "$name: wrote $out"
    [ ! -e "$out.tmp" ] || fail "$name: left $out.tmp"
}

# 1. Every shipped template renders in every language, non-empty; ZPL is a complete format.
for tpl in "$LABELS"/*.label; do
    name=$(basename "$tpl" .label)
    for lang in zpl tspl epl escpos png; do
        "$STIEL" label "$name" --lang "$lang" --out "$WORK/$name.$lang" 2>"$WORK/$name.$lang.err" ||
            fail "$name --lang $lang: $(cat "$WORK/$name.$lang.err")"
        [ -s "$WORK/$name.$lang" ] || fail "$name --lang $lang: empty output"
    done
    for raster in z64 hex rle; do
        "$STIEL" label "$name" --lang zpl --raster "$raster" --out "$WORK/$name.$raster.zpl" ||
            fail "$name --raster $raster failed"
        "$STIEL" label "$name" --lang tspl --raster "$raster" --out "$WORK/$name.$raster.tspl" ||
            fail "$name tspl --raster $raster failed"
    done
    for f in "$WORK/$name.zpl" "$WORK/$name.z64.zpl" "$WORK/$name.hex.zpl" "$WORK/$name.rle.zpl"; do
        body=$(tr -d '\r\n' <"$f")
        case "$body" in ^XA*^XZ) ;; *) fail "$f: not ^XA...^XZ" ;; esac
        [ "$(grep -o '\^XA' <<<"$body" | wc -l)" -eq 1 ] || fail "$f: more than one ^XA"
        [ "$(grep -o '\^XZ' <<<"$body" | wc -l)" -eq 1 ] || fail "$f: more than one ^XZ"
        fd=$(grep -o '\^FD' <<<"$body" | wc -l)
        fs=$(grep -o '\^FS' <<<"$body" | wc -l)
        [ "$fd" -le "$fs" ] || fail "$f: $fd ^FD but only $fs ^FS"
        if LC_ALL=C grep -q '[[:cntrl:]]' <<<"$body"; then fail "$f: control characters in ZPL"; fi
    done
    # the raster ZPL declares a graphic that covers the label
    read -r w h < <(png_size "$WORK/$name.png")
    stride=$(((w + 7) / 8))
    grep -q "\^PW$w^LL$h^LH0,0^FO0,0^GFA,$((stride * h)),$((stride * h)),$stride," "$WORK/$name.z64.zpl" ||
        fail "$name.z64.zpl: ^GFA header does not match the $w x $h PNG"
    hexlen=$(sed -n 's/.*\^GFA,[0-9]*,[0-9]*,[0-9]*,\([0-9A-F]*\)^FS.*/\1/p' "$WORK/$name.hex.zpl" | tr -d '\n' | wc -c)
    [ "$hexlen" -eq $((2 * stride * h)) ] || fail "$name.hex.zpl: $hexlen hex digits, expected $((2 * stride * h))"
    grep -q ':Z64:[A-Za-z0-9+/=]*:[0-9a-f]\{4\}\^FS' "$WORK/$name.z64.zpl" || fail "$name.z64.zpl: no Z64 data"
    [ "$(wc -c <"$WORK/$name.rle.zpl")" -lt "$(wc -c <"$WORK/$name.hex.zpl")" ] ||
        fail "$name.rle.zpl: ASCII compression is no smaller than hex"
    [ "$(head -c 2 "$WORK/$name.escpos" | od -An -tx1 | tr -d ' ')" = "1b40" ] || fail "$name.escpos: no ESC @"
done

# 2. Shipped templates with chosen values decode to exactly those values.
"$STIEL" label shipping --set tracking=TRK-TEST-77 --set sscc=376123450000000023 --lang png \
    --out "$WORK/ship.png" || fail "shipping with --set"
[ "$(zbar "$WORK/ship.png")" = "$(printf '00376123450000000023\nTRK-TEST-77')" ] ||
    fail "shipping decodes as: $(zbar "$WORK/ship.png" | tr '\n' ' ')"
[ "$(zxing_id -format Code128 "$WORK/ship.png")" = "]C1" ] || fail "shipping SSCC is not read as GS1-128 (]C1)"
"$STIEL" label item --set gtin=4006381333931 --lang png --out "$WORK/item.png" || fail "item with --set"
[ "$(zbar "$WORK/item.png")" = "4006381333931" ] || fail "item decodes as: $(zbar "$WORK/item.png")"
"$STIEL" label location --set location=B-02-11-C --lang png --out "$WORK/loc.png" || fail "location"
[ "$(zbar "$WORK/loc.png")" = "B-02-11-C" ] || fail "location decodes as: $(zbar "$WORK/loc.png")"
"$STIEL" label tote --set tote=TOTE-0099 --lang png --dpi 300 --out "$WORK/tote300.png" || fail "tote 300 dpi"
[ "$(zbar "$WORK/tote300.png")" = "TOTE-0099" ] || fail "tote at 300 dpi decodes as: $(zbar "$WORK/tote300.png")"
[ "$(png_size "$WORK/tote300.png")" = "709 472" ] || fail "tote at 300 dpi is $(png_size "$WORK/tote300.png"), expected 709 472"
"$STIEL" label badge --set "code=TRN-00123" --set "name=سارة العمري" --lang png --out "$WORK/badge.png" ||
    fail "badge with an Arabic name"
[ "$(zbar "$WORK/badge.png")" = "TRN-00123" ] || fail "badge decodes as: $(zbar "$WORK/badge.png")"
# every sample decodes too (bare render)
[ "$(zbar "$WORK/tote.png")" = "TOTE-0042" ] || fail "tote sample decodes as: $(zbar "$WORK/tote.png")"

# 3. Single-barcode labels for what the shipped templates do not hold: Data Matrix, GS1 Data
#    Matrix and GS1-128 with several AIs (separators). Tight labels: ZXingReader 1.4.0 misses a
#    small Data Matrix in a large white image.
GS1='(01)12345678901231(10)ABC123(17)261231'
GS1_WIRE='0112345678901231''10ABC123\x1d''17261231'
cat >"$WORK/dm.label" <<'TPL'
label width=14 height=14 dpi=203
field data kind=text max=60 sample="ORDER-1234" desc="Data"
barcode datamatrix x=1 y=1 "{data}"
TPL
cat >"$WORK/gs1dm.label" <<'TPL'
label width=16 height=16 dpi=203
field data kind=gs1 sample=(01)12345678901231 desc="GS1 data"
barcode gs1-datamatrix x=1 y=1 "{data}"
TPL
cat >"$WORK/gs1128.label" <<'TPL'
label width=120 height=30 dpi=203
field data kind=gs1 sample=(01)12345678901231 desc="GS1 data"
barcode gs1-128 x=5 y=3 height=15 module=0.33 hri=yes "{data}"
TPL
"$STIEL" label "$WORK/dm.label" --set data=PICK-0042-X --lang png --out "$WORK/dm.png" || fail "dm render"
[ "$(zxing_bytes -format DataMatrix "$WORK/dm.png")" = "$(hex_of 'PICK-0042-X')" ] || fail "Data Matrix does not decode"
"$STIEL" label "$WORK/gs1dm.label" --set "data=$GS1" --lang png --out "$WORK/gs1dm.png" || fail "gs1 dm render"
[ "$(zxing_bytes -format DataMatrix "$WORK/gs1dm.png")" = "$(hex_of "$GS1_WIRE")" ] ||
    fail "GS1 Data Matrix decodes as $(zxing_bytes -format DataMatrix "$WORK/gs1dm.png")"
[ "$(zxing_id -format DataMatrix "$WORK/gs1dm.png")" = "]d2" ] || fail "GS1 Data Matrix is not ]d2"
"$STIEL" label "$WORK/gs1128.label" --set "data=$GS1" --lang png --out "$WORK/gs1128.png" || fail "gs1-128 render"
[ "$(zxing_bytes -format Code128 "$WORK/gs1128.png")" = "$(hex_of "$GS1_WIRE")" ] ||
    fail "GS1-128 decodes as $(zxing_bytes -format Code128 "$WORK/gs1128.png")"
[ "$(zxing_id -format Code128 "$WORK/gs1128.png")" = "]C1" ] || fail "GS1-128 is not ]C1"
[ "$(zbar "$WORK/gs1128.png" | od -An -tx1 | tr -d ' \n')" = "$(hex_of "${GS1_WIRE}\n")" ] ||
    fail "zbar reads the GS1-128 differently"

# 4. --help lists the fields with description and sample; exit 0.
help=$("$STIEL" label shipping --help) || fail "--help exit $?"
for field in sender receiver_name order box boxes tracking sscc; do
    grep -q "^  $field " <<<"$help" || fail "--help does not list $field"
done
grep -q "SSCC of the parcel" <<<"$help" || fail "--help has no descriptions"
grep -q "sample: 376123450000000016" <<<"$help" || fail "--help has no samples"
"$STIEL" label --help >/dev/null || fail "stiel label --help exit $?"

# 5. Errors: exit 2, a message, and no output (nor a .tmp) left behind.
expect_exit2 bad-sscc shipping --set sscc=376123450000000017 --lang zpl
grep -q sscc "$WORK/err-bad-sscc.txt" || fail "bad sscc message does not name the field: $(cat "$WORK/err-bad-sscc.txt")"
expect_exit2 bad-sscc-png shipping --set sscc=376123450000000017 --lang png
expect_exit2 bad-gtin item --set gtin=4006381333932 --lang png
expect_exit2 bad-gs1 "$WORK/gs1128.label" --set 'data=(01)12345678901232' --lang png
expect_exit2 unknown-ai "$WORK/gs1128.label" --set 'data=(98765)12' --lang zpl
expect_exit2 too-wide "$WORK/gs1128.label" --set "data=$GS1(21)ABCDEFGHIJKLMNOPQRST" --lang png
expect_exit2 unknown-template no-such-label --lang zpl
grep -q "shipping" "$WORK/err-unknown-template.txt" || fail "unknown template message does not list templates"
expect_exit2 unknown-field shipping --set scc=1 --lang zpl
expect_exit2 set-no-equals shipping --set sscc --lang zpl
expect_exit2 bad-lang shipping --lang pdf
expect_exit2 bad-raster shipping --lang zpl --raster gzip
expect_exit2 raster-png shipping --lang png --raster z64
expect_exit2 bad-dpi shipping --lang zpl --dpi 600
expect_exit2 no-lang shipping
expect_exit2 bad-option shipping --lang zpl --colour red
"$STIEL" label shipping --lang zpl >/dev/null 2>&1
[ $? -eq 2 ] || fail "missing --out is not exit 2"
# an existing file is left alone by a failing run
echo keep >"$WORK/keep.zpl"
"$STIEL" label shipping --set sscc=1 --lang zpl --out "$WORK/keep.zpl" 2>/dev/null
[ "$(cat "$WORK/keep.zpl")" = keep ] || fail "a failing run changed an existing output file"

# 6. --out - writes to stdout.
head -c 3 < <("$STIEL" label tote --lang zpl --out -) | grep -q '^^XA' || fail "--out - does not write ZPL to stdout"
"$STIEL" label tote --lang png --out - >"$WORK/stdout.png" || fail "png to stdout"
[ "$(zbar "$WORK/stdout.png")" = "TOTE-0042" ] || fail "PNG written to stdout does not decode"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "test_cli_label: all checks passed"

#!/bin/bash
# Independent proof that the ZPL Stiel sends scans: each shipped template is encoded as native ZPL
# and as raster ZPL (Z64, ASCII compression), rendered by zpl-renderer-js (zebrash, not our code),
# and decoded with zbarimg and ZXingReader; the decoded data must equal what was asked for, GS1
# identifier and separators included. Needs STIEL_BUILD_DIR and STIEL_SOURCE_DIR (set by ctest).
set -u
STIEL="$STIEL_BUILD_DIR/kiosk/app/stiel"
RENDER="$STIEL_SOURCE_DIR/tools/zplrender/render.mjs"
export STIEL_ASSETS="$STIEL_SOURCE_DIR/assets"
WORK=$(mktemp -d /tmp/stiel-zpl-scan-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
failures=0
checks=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

if [ ! -d "$STIEL_SOURCE_DIR/tools/zplrender/node_modules/zpl-renderer-js" ]; then
    echo "FAIL: zpl-renderer-js is not installed (scripts/deps.sh installs it)" >&2
    exit 1
fi

# render NAME WIDTH_MM HEIGHT_MM DPMM ENCODING ARGS...: stiel label -> ZPL -> PNG (zebrash)
render() {
    local template=$1 w=$2 h=$3 dpmm=$4 enc=$5 name
    name=$(basename "$1" .label)
    shift 5
    local raster=()
    [ "$enc" = native ] || raster=(--raster "$enc")
    "$STIEL" label "$template" "$@" --lang zpl "${raster[@]}" --out "$WORK/$name.$enc.zpl" ||
        { fail "$name ($enc): stiel label failed"; return 1; }
    node "$RENDER" "$WORK/$name.$enc.zpl" "$WORK/$name.$enc.png" "$w" "$h" "$dpmm" ||
        { fail "$name ($enc): zpl-renderer-js could not render our ZPL"; return 1; }
}

# expect_zbar PNG EXPECTED...: zbarimg reads exactly these values (sorted), nothing else.
expect_zbar() {
    local png=$1
    shift
    local got want
    got=$(zbarimg -q --raw "$png" 2>/dev/null | sort)
    want=$(printf '%b\n' "$@" | sort)
    checks=$((checks + 1))
    [ "$got" = "$want" ] || fail "$(basename "$png"): zbarimg read [$(echo "$got" | tr '\n' ' ')], expected [$(echo "$want" | tr '\n' ' ')]"
}

# expect_zxing PNG FORMAT IDENTIFIER HEXBYTES: ZXingReader reads one symbol of FORMAT with these bytes.
expect_zxing() {
    local png=$1 format=$2 id=$3 hex=$4 out
    out=$(ZXingReader -format "$format" "$png" 2>/dev/null)
    checks=$((checks + 1))
    [ "$(sed -n 's/^Identifier: *//p' <<<"$out" | head -1)" = "$id" ] ||
        fail "$(basename "$png"): $format identifier is not $id: $(tr '\n' ' ' <<<"$out")"
    [ "$(sed -n 's/^Bytes: *//p' <<<"$out" | head -1 | tr -d ' ' | tr 'A-F' 'a-f')" = "$hex" ] ||
        fail "$(basename "$png"): $format bytes differ: $(tr '\n' ' ' <<<"$out")"
}

hex_of() { printf '%b' "$1" | od -An -tx1 | tr -d ' \n'; }

for enc in native z64 rle; do
    # Shipping label: SSCC as GS1-128 (AI 00) and the tracking reference as QR.
    if render shipping 100 150 8 "$enc" --set sscc=376123450000000023 --set tracking=TRK-ZPL-0042; then
        expect_zbar "$WORK/shipping.$enc.png" 00376123450000000023 TRK-ZPL-0042
        expect_zxing "$WORK/shipping.$enc.png" Code128 ']C1' "$(hex_of 00376123450000000023)"
        expect_zxing "$WORK/shipping.$enc.png" QRCode ']Q1' "$(hex_of TRK-ZPL-0042)"
    fi
    if render item 50 30 8 "$enc" --set gtin=4006381333931; then
        expect_zbar "$WORK/item.$enc.png" 4006381333931
        expect_zxing "$WORK/item.$enc.png" EAN13 ']E0' "$(hex_of 4006381333931)"
    fi
    if render location 100 50 8 "$enc" --set location=B-02-11-C; then
        expect_zbar "$WORK/location.$enc.png" B-02-11-C
    fi
    if render tote 100 50 8 "$enc" --set tote=TOTE-0099; then
        expect_zbar "$WORK/tote.$enc.png" TOTE-0099
    fi
    if render badge 86 54 8 "$enc" --set code=TRN-00123; then
        expect_zbar "$WORK/badge.$enc.png" TRN-00123
    fi
done

# GS1-128 with a variable-length AI in the middle: FNC1 must arrive as GS (0x1D) after (10).
cat >"$WORK/gs1.label" <<'TPL'
label width=100 height=30 dpi=203
field data kind=gs1 max=80 sample="(01)12345678901231(10)ABC123(17)261231" desc="GS1 data"
barcode gs1-128 x=4 y=3 height=18 "{data}"
TPL
for enc in native z64; do
    if render "$WORK/gs1.label" 100 30 8 "$enc"; then
        png="$WORK/gs1.$enc.png"
        expect_zxing "$png" Code128 ']C1' "$(hex_of '0112345678901231''10ABC123\x1d''17261231')"
    fi
done

echo "test_label_zpl_scans: $checks checks, $failures failed"
[ "$failures" -eq 0 ]

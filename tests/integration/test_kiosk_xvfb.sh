#!/usr/bin/env bash
# stiel-kiosk with a real X11 window under Xvfb (not the dummy driver): plays the reference
# script in a 1280x800 window, takes the app's own screenshots, and checks them: PNG of the
# window's size, and the pick screen nearly equal (<= 0.5 % of pixels) to the headless reference.
# Usage: test_kiosk_xvfb.sh STIEL_KIOSK SOURCE_DIR
set -euo pipefail
KIOSK=$1 SRC=$2
command -v xvfb-run > /dev/null || { echo "skip: xvfb-run is not installed"; exit 0; }
work=$(mktemp -d /tmp/stiel-kiosk-xvfb-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/shots"
unset SDL_VIDEODRIVER
SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy xvfb-run -a -s "-screen 0 1280x800x24" \
  "$KIOSK" --script "$SRC/tests/kiosk/scripts/reference.script" --screenshots "$work/shots" \
  --data "$work/data" --window 1280x800
python3 - "$work/shots" "$SRC/tests/kiosk/reference/1280x800/pick.png" <<'PY'
import struct, sys, zlib, glob, os
def load(path):
    b = open(path, 'rb').read()
    assert b[:8] == b'\x89PNG\r\n\x1a\n', path + ': not a PNG'
    pos, idat, w = 8, b'', None
    while pos < len(b):
        n, kind = struct.unpack('>I4s', b[pos:pos + 8]); body = b[pos + 8:pos + 8 + n]; pos += 12 + n
        if kind == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
        elif kind == b'IDAT': idat += body
    bpp = {2: 3, 6: 4}[ctype]; raw = zlib.decompress(idat); stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]; line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0; up = prev[i]; c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + up) & 255
            elif f == 3: line[i] = (line[i] + (a + up) // 2) & 255
            elif f == 4:
                p = a + up - c; pa, pb, pc = abs(p - a), abs(p - up), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else up if pb <= pc else c)) & 255
        rows.append(bytes(line)); prev = line
    return w, h, bpp, rows
shots = sorted(glob.glob(os.path.join(sys.argv[1], '*.png')))
assert len(shots) >= 5, 'too few screenshots: %r' % shots
pick = [s for s in shots if s.endswith('-pick.png')][0]
w, h, bpp, rows = load(pick)
assert (w, h) == (1280, 800), 'window screenshot is %dx%d' % (w, h)
rw, rh, rbpp, rrows = load(sys.argv[2])
diff = 0
for y in range(0, h, 2):
    for x in range(0, w, 2):
        p = rows[y][x * bpp:x * bpp + 3]; q = rrows[y][x * rbpp:x * rbpp + 3]
        diff += max(abs(p[k] - q[k]) for k in range(3)) > 24
share = diff / ((w // 2) * (h // 2))
assert share <= 0.005, 'the X11 pick screen differs from the reference in %.2f %% of pixels' % (100 * share)
print('ok: %d screenshots from a real window, pick screen within %.3f %% of the reference' % (len(shots), 100 * share))
PY

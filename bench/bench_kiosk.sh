#!/usr/bin/env bash
# bench_kiosk.sh: the kiosk's figures (issue 5), recorded, not a timed test.
#  - start to first frame (stiel-kiosk --trace: first-frame-ms), cold (first start: store created,
#    sample warehouse imported, demo PINs hashed) and warm;
#  - scan latency: last byte written to the scanner pty -> frame presented (SDL_RenderPresent
#    returned, from --trace), median and p99 over N scans of an unknown badge (a calm "bad"
#    feedback and a redraw each);
#  - idle CPU of the whole kiosk process with the scanner attached, over IDLE_S seconds;
#  - resident memory (VmRSS, and the peak VmHWM: the PIN check's argon2 takes 64 MiB while it
#    runs, only when a supervisor leaves the kiosk).
# Runs under Xvfb (a real X11 window, software or GL renderer as SDL picks) when xvfb-run is
# there, else on the dummy driver. Usage: bench/bench_kiosk.sh BUILD_DIR [N_SCANS] [IDLE_S]
set -euo pipefail
BUILD=${1:-build}; N=${2:-200}; IDLE=${3:-60}
KIOSK=$BUILD/kiosk/app/stiel-kiosk
work=$(mktemp -d /tmp/stiel-bench-kiosk-XXXXXX)
cleanup() { [ -n "${kpid:-}" ] && kill "$kpid" 2> /dev/null; [ -n "${spid:-}" ] && kill "$spid" 2> /dev/null; [ -n "${xpid:-}" ] && kill "$xpid" 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT
if command -v Xvfb > /dev/null; then
  Xvfb :97 -screen 0 1280x800x24 -nolisten tcp > /dev/null 2>&1 & xpid=$!
  export DISPLAY=:97 SDL_VIDEODRIVER=x11; sleep 1; driver="Xvfb (x11)"
else
  export SDL_VIDEODRIVER=dummy; driver="dummy"
fi
export SDL_AUDIODRIVER=dummy
socat pty,raw,echo=0,link="$work/scan-kiosk" pty,raw,echo=0,link="$work/scan-host" 2> /dev/null & spid=$!
for _ in $(seq 50); do [ -e "$work/scan-host" ] && break; sleep 0.1; done
printf '[kiosk]\nid = bench\n[scanner]\nport = pty:%s\ndriver = generic\n' "$work/scan-kiosk" > "$work/kiosk.ini"

start_kiosk() { # $1: trace file
  "$KIOSK" --demo --config "$work/kiosk.ini" --data "$work/data" --window 1280x800 --trace "$1" \
    > "$work/kiosk.log" 2>&1 & kpid=$!
  for _ in $(seq 100); do grep -q first-frame "$1" 2> /dev/null && return; sleep 0.05; done
  echo "the kiosk did not draw its first frame"; cat "$work/kiosk.log"; exit 1
}
start_kiosk "$work/cold.trace"; cold=$(awk '/first-frame-ms/ {print $2}' "$work/cold.trace")
kill "$kpid"; wait "$kpid" 2> /dev/null || true
start_kiosk "$work/trace"; warm=$(awk '/first-frame-ms/ {print $2}' "$work/trace")
sleep 1

python3 - "$work/scan-host" "$work/trace" "$kpid" "$N" "$IDLE" "$cold" "$warm" "$driver" <<'PY'
import os, sys, time, statistics
host, trace, pid, n, idle = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
cold, warm, driver = sys.argv[6], sys.argv[7], sys.argv[8]
fd = os.open(host, os.O_WRONLY)
def presents():  # (present, input taken from SDL's queue, drawing began), CLOCK_MONOTONIC ns
    out = []
    for l in open(trace):
        f = l.split()
        if f and f[0] == 'present':
            out.append((int(f[1]), int(f[3]) if len(f) > 3 else 0, int(f[5]) if len(f) > 5 else 0))
    return out
lat, wake, app, draw = [], [], [], []
for i in range(n):
    before = len(presents())
    os.write(fd, b'BADGE-0000\r')
    t0 = time.monotonic_ns()
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        p = [x for x in presents()[before:] if x[0] >= t0]
        if p:
            lat.append((p[0][0] - t0) / 1e6)
            if p[0][1] >= t0 and p[0][2] >= p[0][1]:
                wake.append((p[0][1] - t0) / 1e6)
                app.append((p[0][2] - p[0][1]) / 1e6)
                draw.append((p[0][0] - p[0][2]) / 1e6)
            break
        time.sleep(0.0005)
    time.sleep(0.05)
lat.sort()
def ticks(): 
    f = open('/proc/%d/stat' % pid).read().split(')')[1].split()
    return int(f[11]) + int(f[12])
hz = os.sysconf('SC_CLK_TCK')
c0, t0 = ticks(), time.monotonic(); time.sleep(idle); c1, t1 = ticks(), time.monotonic()
status = dict(l.split(':', 1) for l in open('/proc/%d/status' % pid))
print('stiel-kiosk figures on %s, 1280x800, scanner on a pty (socat), demo store' % driver)
print('start to first frame: cold %s ms, warm %s ms (target <= 300 ms)' % (cold, warm))
if lat:
    p99 = lat[min(len(lat) - 1, int(round(0.99 * len(lat))) - 1)]
    print('scan latency (last byte -> frame presented), %d of %d scans: median %.2f ms, p99 %.2f ms, max %.2f ms (targets <= 5, <= 17)'
          % (len(lat), n, statistics.median(lat), p99, lat[-1]))
    if wake:
        print('  of which (medians): pty -> UI thread %.2f ms, app (store, view) %.2f ms, draw + present %.2f ms'
              % (statistics.median(wake), statistics.median(app), statistics.median(draw)))
else:
    print('scan latency: no frame seen after any scan')
print('idle CPU over %d s: %.3f %% of a core (target <= 0.5 %%)' % (idle, 100.0 * (c1 - c0) / hz / (t1 - t0)))
print('resident memory: VmRSS %s, peak VmHWM %s (target <= 60 MB)' % (status['VmRSS'].strip(), status['VmHWM'].strip()))
PY

#!/usr/bin/env bash
# Crash resume of stiel-kiosk: a scripted pick+pack run is killed with SIGKILL at random moments;
# the restarted kiosk shows the same trainee at a task step (or the start screen when the kill
# came before the task began), finishes the task from there, and `stiel verify` passes on the
# evidence store. Usage: test_kiosk_crash.sh STIEL_KIOSK STIEL SOURCE_DIR
set -euo pipefail
KIOSK=$1 STIEL=$2 SRC=$3
SCRIPTS=$SRC/tests/kiosk/scripts
work=$(mktemp -d /tmp/stiel-kiosk-crash-XXXXXX)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
runs=${STIEL_KIOSK_CRASH_RUNS:-6}
resumed=0
for i in $(seq 1 "$runs"); do
  data=$work/data-$i shots=$work/shots-$i
  mkdir -p "$shots"
  "$KIOSK" --headless --script "$SCRIPTS/pick_pack.script" --screenshots "$shots" --data "$data" \
    > /dev/null 2>&1 &
  pid=$!
  # a random moment between 0.3 s and 2.5 s into the run
  sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 0.3 + (r % 220) / 100 }')"
  kill -9 "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  check=$work/check-$i
  mkdir -p "$check"
  printf 'screenshot\n' > "$work/look.script"
  "$KIOSK" --headless --script "$work/look.script" --screenshots "$check" --data "$data" \
    > /dev/null 2>&1 || { echo "restart $i failed"; exit 1; }
  screen=$(ls "$check" | sed 's/^001-//; s/\.png$//')
  case $screen in
    pick|pack|wrong|short|help)
      resumed=$((resumed + 1))
      "$KIOSK" --headless --script "$SCRIPTS/crash_finish.script" --data "$data" > "$work/finish.log" 2>&1 \
        || { echo "run $i: resumed at $screen but could not finish:"; cat "$work/finish.log"; exit 1; } ;;
    start|my-work|finished) ;;
    *) echo "run $i: unexpected screen '$screen' after the restart"; exit 1 ;;
  esac
  [ -f "$data/evidence.db" ] || continue
  "$STIEL" verify --db "$data/evidence.db" > "$work/verify.log" 2>&1 \
    || { echo "run $i: stiel verify failed:"; cat "$work/verify.log"; exit 1; }
done
echo "ok: $runs kills, $resumed resumed mid-task and finished, verify passed every time"

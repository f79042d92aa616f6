#!/usr/bin/env bash
# Crash resume of stiel-kiosk on a pty scanner (issue 5 §7): the kiosk runs headless with its
# scanner on the pty link of `stiel sim scanner --link` (kiosk.ini, driver generic); every scan
# goes kiosk script -> the simulator's stdin (a FIFO) -> pty -> the scanner driver -> the app
# (device-step). It is killed with SIGKILL at random moments and restarted; after each restart
# the same trainee is at the same step (the task's inputs not fewer than in the last state the
# script printed, and with as many exactly that step) and `stiel verify` passes; at the end the
# task completes (tasks that end between kills are followed by new ones). Usage: test_kiosk_pty_crash.sh STIEL_KIOSK STIEL
set -euo pipefail
KIOSK=$1 STIEL=$2
work=$(mktemp -d /tmp/stiel-kiosk-pty-crash-XXXXXX)
sim=
cleanup() {
  [ -n "$sim" ] && kill "$sim" 2> /dev/null && wait "$sim" 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
kills=${STIEL_KIOSK_PTY_KILLS:-20}
data=$work/data feed=$work/feed link=$work/scanner

mkfifo "$feed"
exec 3<> "$feed" # held open: the simulator never sees EOF between kiosk runs
"$STIEL" sim scanner --link "$link" <&3 > "$work/sim.log" 2>&1 &
sim=$!
for _ in $(seq 50); do [ -e "$link" ] && break; sleep 0.05; done
[ -e "$link" ] || { echo "the simulator made no pty link"; cat "$work/sim.log"; exit 1; }

printf '[scanner]\nport = %s\ndriver = generic\n' "$link" > "$work/kiosk.ini"
printf 'expect trainee -\ntap trainee:T-0002\ntap start\nprint-state\nuntil finished device-step %s 5000\n' \
  "$feed" > "$work/begin.script"
printf 'expect trainee T-0002\nprint-state\nuntil finished device-step %s 5000\n' \
  "$feed" > "$work/resume.script"
printf 'print-state\n' > "$work/look.script"

look() { # the state of a restarted kiosk (no scanner: nothing is read from the pty)
  "$KIOSK" --headless --script "$work/look.script" --data "$data" 2> "$work/look.err" \
    | grep '^state ' | tail -1
}

run_script() { # the script that goes on from the look: a task on screen or the start screen
  case $1 in
    start) echo "$work/begin.script" ;;
    *) echo "$work/resume.script" ;;
  esac
}

state="state - start 0"
killed=0 resumed=0 finished=0 same=0
i=0
while [ "$killed" -lt "$kills" ] && [ "$i" -lt $((kills * 3)) ]; do # runs that end first: again
  i=$((i + 1))
  read -r _ _ screen _ <<< "$state"
  script=$(run_script "$screen")
  "$KIOSK" --headless --config "$work/kiosk.ini" --script "$script" --data "$data" \
    > "$work/run.out" 2> "$work/run.err" &
  pid=$!
  # a random moment between 0.05 s and 0.44 s into the run (a whole task takes ~0.5 s)
  sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 0.05 + (r % 40) / 100 }')"
  if kill -9 "$pid" 2> /dev/null; then killed=$((killed + 1)); fi
  wait "$pid" 2> /dev/null || true
  before=$(grep '^state ' "$work/run.out" | tail -1 || true)
  state=$(look) || true
  [ -n "$state" ] || { echo "kill $i: the restarted kiosk says nothing"; cat "$work/look.err"; exit 1; }
  read -r _ b_trainee b_screen b_inputs b_step <<< "${before:-state - start 0 -}"
  read -r _ a_trainee a_screen a_inputs a_step <<< "$state"
  case $a_screen in
    pick|pack)
      resumed=$((resumed + 1))
      [ "$a_trainee" = T-0002 ] || { echo "kill $i: trainee '$a_trainee' after the restart"; exit 1; }
      # what the screen acknowledged (the last state printed) is there: not fewer inputs of the
      # task, and with as many the very same step (more: saved after the print, before the kill;
      # a scanner state change is an input too)
      if [ "$b_screen" = "$a_screen" ] && [ "$b_trainee" = T-0002 ]; then
        if [ "$a_inputs" -lt "$b_inputs" ] ||
           { [ "$a_inputs" -eq "$b_inputs" ] && [ "$a_step" != "$b_step" ]; }; then
          echo "kill $i: before the kill: $before; after the restart: $state"; exit 1
        fi
        [ "$a_inputs" -eq "$b_inputs" ] && same=$((same + 1))
        [ -n "${STIEL_TEST_VERBOSE:-}" ] && echo "kill $i: $before -> $state"
      fi ;;
    start) ;; # killed before a task began, or as one ended (the pick's last scan, the close)
    *) echo "kill $i: unexpected screen after the restart: $state"; exit 1 ;;
  esac
  if [ -f "$data/evidence.db" ]; then
    "$STIEL" verify --db "$data/evidence.db" > "$work/verify.log" 2>&1 \
      || { echo "kill $i: stiel verify failed:"; cat "$work/verify.log"; exit 1; }
  fi
  if grep -q '^state T-0002 finished' "$work/run.out"; then
    finished=$((finished + 1)) # a task ended before this kill: the next run begins another
  fi
done

# finish the task on screen (or a new one) without a kill
read -r _ _ screen _ <<< "$state"
"$KIOSK" --headless --config "$work/kiosk.ini" --script "$(run_script "$screen")" --data "$data" \
  > "$work/run.out" 2> "$work/run.err" \
  || { echo "the last run failed:"; tail -5 "$work/run.err"; tail -3 "$work/run.out"; exit 1; }
grep -q '^state T-0002 finished' "$work/run.out" \
  || { echo "the task did not finish:"; tail -3 "$work/run.out"; exit 1; }
"$STIEL" verify --db "$data/evidence.db" > "$work/verify.log" 2>&1 \
  || { echo "stiel verify failed at the end:"; cat "$work/verify.log"; exit 1; }
[ "$killed" -ge "$kills" ] || { echo "only $killed kills landed in $i runs"; exit 1; }
echo "ok: $killed kills, $resumed restarts mid-task ($same at exactly the last acknowledged step), $finished tasks ended between kills, the last task finished, verify passed"

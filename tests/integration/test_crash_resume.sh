#!/bin/bash
# Crash test of the session's durable acknowledgement (issue 4, section 9): `stiel practice` runs
# scripted pick tasks and is killed with SIGKILL at random moments (200 by default). After each
# kill: every input and evidence record the run printed as acknowledged is in the store, `stiel
# verify` passes, and the next run resumes where the store says the flow is. At the end the
# evidence equals that of uninterrupted runs of the same tasks (ids and time stamps aside).
# usage: test_crash_resume.sh [STIEL]   env: STIEL_CRASH_KILLS (200), STIEL_BUILD_DIR, STIEL_SOURCE_DIR
set -u
STIEL=${1:-${STIEL_BUILD_DIR:?}/kiosk/app/stiel}
ASSETS=${STIEL_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}/assets
KILLS=${STIEL_CRASH_KILLS:-200}
TRAINEE=T-0004
T=$(mktemp -d /tmp/stiel-crash-XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v sqlite3 >/dev/null || fail "sqlite3 is needed"

"$STIEL" import catalogue --db "$T/crash.db" "$ASSETS/warehouse" >/dev/null || fail "import"
"$STIEL" import catalogue --db "$T/ref.db" "$ASSETS/warehouse" >/dev/null || fail "import (ref)"

script_for() { # seed -> script file
    [ -f "$T/script.$1" ] ||
        "$STIEL" practice --db "$T/ref.db" --kiosk gen --trainee $TRAINEE --seed "$1" \
            --make-script >"$T/script.$1" || fail "make-script $1"
    echo "$T/script.$1"
}

# What the store holds for kiosk k: "seq kind" of each evidence record, and the input count.
stored_records() {
    sqlite3 "$T/crash.db" "SELECT json_extract(payload, '\$.task') || ' ' || json_extract(payload, '\$.seq') || ' ' || kind FROM events WHERE kiosk_id = 'k' AND kind LIKE 'step.%'"
}
stored_inputs() { # task -> inputs recorded
    sqlite3 "$T/crash.db" "SELECT count(*) FROM events WHERE kiosk_id = 'k' AND kind = 'flow.input' AND json_extract(payload, '\$.task') = '$1'"
}

# How long a run takes to open the store and rebuild the catalogue (slower under ASan): the kills
# land between half of that and that plus 60 ms, so that most of them hit work in progress.
t0=$(date +%s%N)
script_for 100 >/dev/null
startup=$((($(date +%s%N) - t0) / 1000000))
seed=101
seeds="$seed"
start=$(date +%s)
finished_runs=0
resumed=0
for ((i = 1; i <= KILLS; i++)); do
    script=$(script_for $seed)
    task=$(printf 'TR-%016x' $seed)
    "$STIEL" practice --db "$T/crash.db" --kiosk k --trainee $TRAINEE --seed $seed \
        --script "$script" --step-delay-ms 2 >"$T/out" 2>"$T/err" &
    pid=$!
    ms=$((startup / 2 + RANDOM % (startup / 2 + 60)))
    sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    grep -q "^resumed" "$T/out" && resumed=$((resumed + 1))
    grep -q "saving failed" "$T/err" && fail "run $i: $(cat "$T/err")"
    # every acknowledged input and record is in the store
    acked=$(awk '$1 == "ack" { n = $2 } END { print n + 0 }' "$T/out")
    have=$(stored_inputs "$task")
    [ "$have" -ge "$acked" ] || fail "run $i: $acked inputs acknowledged, $have stored"
    stored_records >"$T/stored"
    while read -r _ seq kind; do
        grep -qx "$task $seq $kind" "$T/stored" || fail "run $i: acknowledged record $seq $kind of $task is not in the store"
    done < <(grep '^rec ' "$T/out")
    "$STIEL" verify --db "$T/crash.db" >/dev/null || fail "run $i: stiel verify"
    if grep -q -e '^finished' -e 'already finished' "$T/out"; then
        finished_runs=$((finished_runs + 1))
        seed=$((seed + 1))
        seeds="$seeds $seed"
    fi
done
[ "$resumed" -gt $((KILLS / 5)) ] || fail "only $resumed of $KILLS runs resumed a task: the kills miss the work"
# finish the task in progress without a kill
script=$(script_for $seed)
"$STIEL" practice --db "$T/crash.db" --kiosk k --trainee $TRAINEE --seed $seed --script "$script" \
    >"$T/out" 2>"$T/err" || fail "final run: $(cat "$T/err")"
grep -q -e '^finished' -e 'already finished' "$T/out" || fail "final run did not finish: $(tail -1 "$T/out")"
"$STIEL" verify --db "$T/crash.db" >/dev/null || fail "final verify"

# the same tasks without interruption
for s in $seeds; do
    "$STIEL" practice --db "$T/ref.db" --kiosk k --trainee $TRAINEE --seed $s \
        --script "$(script_for $s)" >/dev/null || fail "reference run $s"
done
norm() {
    sqlite3 "$1" "SELECT kind || ' ' || coalesce(payload, '') FROM events WHERE kiosk_id = 'k' ORDER BY seq" |
        sed -E 's/"session":"[^"]*"//g'
}
norm "$T/crash.db" >"$T/crash.txt"
norm "$T/ref.db" >"$T/ref.txt"
diff -q "$T/crash.txt" "$T/ref.txt" >/dev/null || {
    diff "$T/crash.txt" "$T/ref.txt" | head -20 >&2
    fail "the evidence after $KILLS kills differs from uninterrupted runs"
}
events=$(wc -l <"$T/crash.txt")
echo "ok: $KILLS kills over $(echo $seeds | wc -w) tasks ($resumed runs resumed a task mid-way, $finished_runs finished under fire; kills $((startup / 2))..$((startup + 60)) ms after start), $events events identical to uninterrupted runs, verify passes ($(($(date +%s) - start)) s)"

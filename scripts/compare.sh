#!/usr/bin/env bash
# Whole-process comparisons of tafel with the sqlite3 shell on the same
# database file (issue 11):
#   - `tafel export` against sqlite3 printing the same note rows in the
#     same order (Markdown: as plain rows; JSON: with `sqlite3 -json`);
#   - `tafel list` against sqlite3 printing the same counts.
# Runs are interleaved (tafel, then sqlite3, ROUNDS times); the medians of
# the wall-clock times and the largest peak memory are printed.
#
# Usage: scripts/compare.sh [NOTES ...]        (default: 100000 1000000)
# Environment:
#   TAFEL   the tafel binary (default: ${CARGO_TARGET_DIR:-target}/release/tafel,
#           built with `cargo build --release` if missing)
#   WORK    folder for the demo databases, kept for the next run
#           (default: /tmp/tafel-compare)
#   ROUNDS  runs of each command (default: 5)
set -euo pipefail

if ! command -v sqlite3 >/dev/null 2>&1; then
    echo "compare.sh: sqlite3 is not installed; it is the baseline of every comparison." >&2
    echo "Install it (e.g. apt-get install sqlite3) and run again." >&2
    exit 2
fi

here=$(cd "$(dirname "$0")/.." && pwd)
tafel=${TAFEL:-${CARGO_TARGET_DIR:-$here/target}/release/tafel}
if [ ! -x "$tafel" ]; then
    (cd "$here" && cargo build --release --quiet)
fi
work=${WORK:-/tmp/tafel-compare}
rounds=${ROUNDS:-5}
mkdir -p "$work"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
have_time=0
[ -x /usr/bin/time ] && have_time=1

# Runs a command with its output discarded; prints "MICROSECONDS PEAK_KB".
measure() {
    local t0 t1 kb=0
    t0=$(date +%s%N)
    if [ $have_time = 1 ]; then
        /usr/bin/time -o "$work/.rss" -f %M "$@" >/dev/null
        kb=$(tail -n 1 "$work/.rss")
    else
        "$@" >/dev/null
    fi
    t1=$(date +%s%N)
    echo "$(( (t1 - t0) / 1000 )) $kb"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
max() { sort -n | tail -n 1; }

# compare NAME GOAL -- TAFEL_COMMAND... -- SQLITE3_COMMAND...
compare() {
    local name=$1 goal=$2
    shift 3
    local a=() b=()
    while [ "$1" != "--" ]; do a+=("$1"); shift; done
    shift
    b=("$@")
    local ta=() tb=() ma=() mb=() r
    for _ in $(seq "$rounds"); do
        read -r t m < <(measure "${a[@]}"); ta+=("$t"); ma+=("$m")
        read -r t m < <(measure "${b[@]}"); tb+=("$t"); mb+=("$m")
    done
    local xa xb
    xa=$(printf '%s\n' "${ta[@]}" | median)
    xb=$(printf '%s\n' "${tb[@]}" | median)
    r=$(awk -v a="$xa" -v b="$xb" 'BEGIN { printf "%.2f", a / b }')
    printf '%-34s %10.1f ms %10.1f ms %6s×  %-8s %8s KB %8s KB\n' "$name" \
        "$(awk -v x="$xa" 'BEGIN { print x / 1000 }')" \
        "$(awk -v x="$xb" 'BEGIN { print x / 1000 }')" "$r" "$goal" \
        "$(printf '%s\n' "${ma[@]}" | max)" "$(printf '%s\n' "${mb[@]}" | max)"
}

# The statements tafel runs, as the sqlite3 shell prints them.
columns="n.id, n.session_id, n.number, n.item_id, n.table_id, n.kind, n.text, n.participant_id,
  n.stakeholder_group, n.tags, n.votes_for, n.votes_against, n.owner, n.due, n.created_at,
  n.updated_at, n.deleted_at"
kind_order="CASE n.kind WHEN 'observation' THEN 0 WHEN 'idea' THEN 1 WHEN 'question' THEN 2
  WHEN 'concern' THEN 3 WHEN 'agreement' THEN 4 WHEN 'action' THEN 5 END"

printf '%-34s %13s %13s %7s  %-8s %11s %11s\n' "measure (median of $rounds)" tafel sqlite3 ratio goal \
    "tafel peak" "sqlite3 peak"
for n in "${sizes[@]}"; do
    db="$work/demo-$n.db"
    if [ ! -f "$db" ]; then
        "$tafel" demo --notes "$n" --db "$db" >/dev/null
    fi
    # Opening once brings an older file up to this tafel's schema.
    "$tafel" --db "$db" list >/dev/null
    sid=$(sqlite3 "$db" "SELECT id FROM session ORDER BY date DESC, created_at DESC LIMIT 1")
    markdown_rows="SELECT $columns FROM note n JOIN item i ON i.id = n.item_id
      LEFT JOIN thematic_table t ON t.id = n.table_id
      WHERE n.session_id = '$sid' AND n.deleted_at IS NULL
      ORDER BY t.position IS NULL, t.position, n.table_id, i.position, $kind_order, n.number;"
    json_rows="SELECT $columns FROM note n WHERE n.session_id = '$sid' AND n.deleted_at IS NULL
      AND (n.table_id IS NULL OR EXISTS (SELECT 1 FROM thematic_table t
           WHERE t.id = n.table_id AND t.deleted_at IS NULL))
      ORDER BY n.number;"
    list_counts="SELECT id, date,
      (SELECT count(*) FROM thematic_table WHERE session_id = s.id AND deleted_at IS NULL),
      (SELECT count(*) FROM item WHERE session_id = s.id),
      (SELECT count(*) FROM note WHERE session_id = s.id AND deleted_at IS NULL), title
      FROM session s ORDER BY date DESC, created_at DESC;"
    compare "export Markdown, $n notes" "≤ 1.5×" -- \
        "$tafel" --db "$db" export "$sid" -- sqlite3 "$db" "$markdown_rows"
    compare "export JSON, $n notes" "—" -- \
        "$tafel" --db "$db" export "$sid" --format json -- sqlite3 -json "$db" "$json_rows"
    compare "list, $n notes" "—" -- "$tafel" --db "$db" list -- sqlite3 "$db" "$list_counts"
done
echo "database size: $(for n in "${sizes[@]}"; do
    db="$work/demo-$n.db"
    printf '%s notes %s bytes (%s B/note); ' "$n" "$(stat -L -c %s "$db")" \
        "$(awk -v s="$(stat -L -c %s "$db")" -v n="$n" 'BEGIN { printf "%.0f", s / n }')"
done)"

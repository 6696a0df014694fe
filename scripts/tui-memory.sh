#!/usr/bin/env bash
# The TUI's peak memory on a large database (issue 11, point 4): the real
# binary in a detached tmux window, driven as a facilitator would — resume
# the last session (`r`), move through six items (Tab), open the notes list
# at its first note (Esc, Home), page down, quit (Ctrl+Q) — under
# `/usr/bin/time -v`, which reports the maximum resident set size.
#
# Usage: scripts/tui-memory.sh [NOTES]          (default: 1000000)
# Environment:
#   TAFEL   the tafel binary (default: ${CARGO_TARGET_DIR:-target}/release/tafel,
#           built with `cargo build --release` if missing)
#   WORK    folder for the demo database, kept for the next run
#           (default: /tmp/tafel-compare, shared with compare.sh)
set -euo pipefail

for tool in tmux /usr/bin/time; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "tui-memory.sh: $tool is needed (apt-get install tmux time)." >&2
        exit 2
    fi
done

here=$(cd "$(dirname "$0")/.." && pwd)
tafel=${TAFEL:-${CARGO_TARGET_DIR:-$here/target}/release/tafel}
if [ ! -x "$tafel" ]; then
    (cd "$here" && cargo build --release --quiet)
fi
notes=${1:-1000000}
work=${WORK:-/tmp/tafel-compare}
mkdir -p "$work"
db="$work/demo-$notes.db"
if [ ! -f "$db" ]; then
    echo "making $db (tafel demo --notes $notes) …" >&2
    "$tafel" --db "$db" demo --notes "$notes" >/dev/null
fi

report=$(mktemp)
window="tafel-memory-$$"
trap 'tmux kill-session -t "$window" 2>/dev/null || true; rm -f "$report"' EXIT
tmux new-session -d -s "$window" -x 160 -y 50 \
    "/usr/bin/time -v '$tafel' --db '$db' 2> '$report'"
keys() {
    tmux send-keys -t "$window" "$@"
    sleep 0.7
}
sleep 2
keys r
for _ in 1 2 3 4 5 6; do keys Tab; done
keys Escape
keys Home
keys PageDown
keys C-q
for _ in $(seq 1 50); do
    grep -q "Exit status" "$report" && break
    sleep 0.2
done
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$report")
if [ -z "$rss" ]; then
    echo "tui-memory.sh: tafel did not report its memory; its output:" >&2
    cat "$report" >&2
    exit 1
fi
echo "notes: $notes  peak memory: $((rss / 1024)) MB ($rss kB)  database: $db"

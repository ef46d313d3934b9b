#!/usr/bin/env bash
# End to end: a copy reaches a real terminal multiplexer with no display present.
#
# lunwen runs inside a detached tmux (set-clipboard on) with DISPLAY unset and private HOME, XDG
# and LUNWEN_* dirs, so the only way text can arrive in tmux's paste buffer is the OSC 52
# sequence lunwen writes to its terminal.
#   1. The reader: keys open paper 003, put the sentence cursor on a sentence and press `y`; the
#      status bar must say it was copied via OSC 52, and after `q` the paste buffer must hold the
#      quotation and the paper's citation, and the quote log the quote (re-found by
#      `lunwen quotes --check`).
#   2. The CLI: `lunwen quote … --copy` does the same from a shell.
# LUNWEN_E2E_SCREEN=FILE keeps the captured screen of step 1 (selection and status message).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v tmux >/dev/null; then
    if [[ "${LUNWEN_E2E_REQUIRED:-0}" == 1 ]]; then
        echo "e2e-copy-tmux: tmux is not installed" >&2
        exit 1
    fi
    echo "e2e-copy-tmux: SKIPPED (tmux not installed; set LUNWEN_E2E_REQUIRED=1 to fail instead)" >&2
    exit 0
fi

cargo build --quiet
bin="$(realpath "${CARGO_TARGET_DIR:-target}")/debug/lunwen"
work="$(mktemp -d)"
sock="lunwen-e2e-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() {
    tm kill-server 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "e2e-copy-tmux: FAILED: $1" >&2
    for f in screen stdout stderr; do
        [[ -s "$work/$f" ]] && { echo "--- $f" >&2; cat "$work/$f" >&2; }
    done
    exit 1
}

# Polls the pane until its text matches the regex $2, for at most $3 seconds (default 30).
wait_for() {
    local pane="$1" pattern="$2" limit="${3:-30}" i
    for ((i = 0; i < limit * 10; i++)); do
        tm capture-pane -p -t "$pane" >"$work/screen" 2>/dev/null || true
        grep -Eq -- "$pattern" "$work/screen" && return 0
        sleep 0.1
    done
    fail "timed out after ${limit}s waiting for /$pattern/ on the screen"
}

# A private world: no display, no SSH, nothing from the user's own config or data.
cat >"$work/env.sh" <<ENV
unset DISPLAY WAYLAND_DISPLAY SSH_TTY SSH_CONNECTION LUNWEN_CORPUS LUNWEN_STATE_DIR NO_COLOR
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/xdg" XDG_DATA_HOME="$work/home/xdg-data"
export XDG_STATE_HOME="$work/home/xdg-state" LUNWEN_CONFIG="$work/config.toml"
export LUNWEN_DATA_DIR="$work/data" TERM=tmux-256color
ENV
mkdir -p "$work/home"
# remain-on-exit keeps the pane (and the server with its paste buffer) after lunwen exits.
printf 'set -g set-clipboard on\nset -g remain-on-exit on\n' >"$work/tmux.conf"
printf 'clipboard = "auto"\ncitation_style = "gbt7714"\n' >"$work/config.toml"
citation="$(. "$work/env.sh" && "$bin" cite 003 2>/dev/null)"
[[ "$citation" == *"[J]. 当代中国与世界, 2024(2)." ]] || fail "unexpected citation: $citation"

# 1. The reader.
cat >"$work/app.sh" <<SCRIPT
#!/usr/bin/env bash
. "$work/env.sh"
"$bin" 2>"$work/stderr"
echo \$? >"$work/app-rc"
SCRIPT
chmod +x "$work/app.sh"
tm -f "$work/tmux.conf" new-session -d -s e2e -x 120 -y 40 "$work/app.sh"
wait_for e2e 'Papers 1/4'
# Paper list, two down to 003, the reader, two sentences on, copy.
tm send-keys -t e2e 1 j j 3
wait_for e2e '中美战略竞争背景下中国新质生产力' 10
tm send-keys -t e2e s s y
wait_for e2e 'copied sentence \+ GB/T 7714 citation via OSC 52' 10
[[ -n "${LUNWEN_E2E_SCREEN:-}" ]] && cp "$work/screen" "$LUNWEN_E2E_SCREEN"
tm send-keys -t e2e q
for _ in $(seq 100); do
    [[ -s "$work/app-rc" ]] && break
    sleep 0.1
done
[[ "$(cat "$work/app-rc" 2>/dev/null)" == 0 ]] || fail "lunwen did not quit cleanly on q"

buffer="$(tm show-buffer 2>/dev/null)" || fail "tmux has no paste buffer after the app's copy"
quote="${buffer%%$'\n'*}"
# the default template: the quote, GB/T 7714's mark in the text, then the reference entry
[[ "$quote" == "“"*"”[1]" && ${#quote} -gt 9 ]] || fail "buffer does not start with a quoted sentence: $buffer"
[[ "$buffer" == "$quote"$'\n'"$citation" ]] || fail "buffer is not the quotation and the citation: $buffer"
grep -q '"paper":"003_' "$work/data/quotes.jsonl" || fail "the app's copy was not logged"
(. "$work/env.sh" && "$bin" quotes --check >"$work/stdout" 2>>"$work/stderr") \
    || fail "the logged quote is not found in the paper again"
[[ -s "$work/data/state.json" ]] || fail "the reading position was not saved in LUNWEN_DATA_DIR"
echo "e2e-copy-tmux: app ok: $quote"

# 2. The CLI, in a second window of the same server, after dropping the app's buffer.
tm delete-buffer
cat >"$work/cli.sh" <<SCRIPT
#!/usr/bin/env bash
. "$work/env.sh"
"$bin" quote 中美全面战略竞争 --copy >"$work/stdout" 2>"$work/stderr"
echo \$? >"$work/rc"
tmux -L "$sock" wait-for -S lunwen-copied
SCRIPT
chmod +x "$work/cli.sh"
tm new-window -d -t e2e "$work/cli.sh"
timeout 60 tmux -L "$sock" wait-for lunwen-copied || fail "lunwen quote --copy did not finish"
[[ "$(cat "$work/rc")" == 0 ]] || fail "lunwen quote --copy exited $(cat "$work/rc")"
grep -q 'via OSC 52' "$work/stderr" || fail "lunwen quote did not report an OSC 52 copy"
# tmux reads the pane's output and the wait-for signal on different channels: give the
# sequence a moment to be parsed.
buffer=""
for _ in $(seq 50); do
    buffer="$(tm show-buffer 2>/dev/null)" && break
    sleep 0.1
done
[[ -n "$buffer" ]] || fail "tmux has no paste buffer after lunwen quote --copy"
[[ "$buffer" == "“"*"中美全面战略竞争蕴含着诸多矛盾和冲突"*"”[1]"$'\n'"$citation" ]] \
    || fail "buffer is not the CLI's quotation and citation: $buffer"
[[ "$buffer" == "$(cat "$work/stdout")" ]] || fail "buffer differs from what lunwen printed"
echo "e2e-copy-tmux: ok (tmux buffer holds the quotation and citation, no display; app and CLI)"

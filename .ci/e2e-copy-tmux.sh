#!/usr/bin/env bash
# End to end: a copy reaches a real terminal multiplexer with no display present.
# `lunwen quote … --copy` runs inside a detached tmux (set-clipboard on) with DISPLAY unset, so
# the only way the text can arrive in tmux's paste buffer is the OSC 52 sequence lunwen writes
# to its terminal. Checks the buffer holds the quotation and its citation, and the quote log.
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
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# remain-on-exit keeps the session (and its paste buffer) after lunwen exits.
printf 'set -g set-clipboard on\nset -g remain-on-exit on\n' >"$work/tmux.conf"
printf 'clipboard = "auto"\ncitation_style = "gbt7714"\n' >"$work/config.toml"
cat >"$work/copy.sh" <<SCRIPT
#!/usr/bin/env bash
unset DISPLAY WAYLAND_DISPLAY SSH_TTY SSH_CONNECTION
export LUNWEN_CONFIG="$work/config.toml" LUNWEN_DATA_DIR="$work/data"
"$bin" quote 中美全面战略竞争 --copy >"$work/stdout" 2>"$work/stderr"
echo \$? >"$work/rc"
tmux wait-for -S lunwen-copied
SCRIPT
chmod +x "$work/copy.sh"

tmux -L "$sock" -f "$work/tmux.conf" new-session -d -x 120 -y 30 "$work/copy.sh"
timeout 60 tmux -L "$sock" wait-for lunwen-copied

fail() {
    echo "e2e-copy-tmux: FAILED: $1" >&2
    echo "--- lunwen stdout" >&2; cat "$work/stdout" >&2 || true
    echo "--- lunwen stderr" >&2; cat "$work/stderr" >&2 || true
    exit 1
}
[[ "$(cat "$work/rc")" == 0 ]] || fail "lunwen quote --copy exited $(cat "$work/rc")"
grep -q 'via OSC 52' "$work/stderr" || fail "lunwen did not report an OSC 52 copy"
# tmux reads the pane's output and the wait-for signal on different channels: give the
# sequence a moment to be parsed.
buffer=""
for _ in $(seq 50); do
    buffer="$(tmux -L "$sock" show-buffer 2>/dev/null)" && break
    sleep 0.1
done
[[ -n "$buffer" ]] || fail "tmux has no paste buffer"
[[ "$buffer" == "“"*"中美全面战略竞争蕴含着诸多矛盾和冲突"*"”"$'\n'* ]] \
    || fail "buffer does not start with the quotation: $buffer"
[[ "$buffer" == *"[J]. 当代中国与世界, 2024(2)." ]] || fail "buffer does not end with the citation: $buffer"
[[ "$buffer" == "$(cat "$work/stdout")" ]] || fail "buffer differs from what lunwen printed"
grep -q '"paper":"003_' "$work/data/quotes.jsonl" || fail "the copy was not logged"
echo "e2e-copy-tmux: ok (tmux buffer holds the quotation and citation, no display)"

#!/usr/bin/env bash
# Start-up of `lunwen pick` on the bundled corpus, whole process: from exec until the terminal
# shows the first results, next to fzf (`fzf --height 40%`, the picker it is modelled on) started
# the same way on the corpus's lines. Each run gets a fresh pseudo-terminal (100×30) that answers
# the cursor position query as a terminal does; the time is read when the output shows the
# results (the hit count), then esc ends the picker. Also timed: the first frame with no query,
# and `lunwen search` (load, index and one search, non-interactive) to its exit.
# Prints one markdown table. Installs fzf from Debian's packages if missing.
#
# usage: scripts/bench-pick.sh [RUNS]      (RUNS per row, default 20)
set -euo pipefail

runs=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
if ! command -v fzf >/dev/null; then
    echo "installing fzf…" >&2
    as_root apt-get update -qq
    as_root apt-get install -y -qq fzf >/dev/null
fi

(cd "$root" && cargo build --release --quiet)
bin=$target/release/lunwen

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private world: no config, data or quote log of the user's is read or written.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/xdg XDG_DATA_HOME=$work/home/xdg-data
export LUNWEN_DATA_DIR=$work/data TERM=xterm-256color
unset LUNWEN_CONFIG LUNWEN_CORPUS LUNWEN_STATE_DIR DISPLAY WAYLAND_DISPLAY
mkdir -p "$HOME"
# fzf's input: the bundled papers' lines (what `cat corpus/*.txt | fzf` would pick from).
grep -hv '^[[:space:]]*$' "$root"/corpus/*.txt > "$work/lines.txt"
lines=$(wc -l < "$work/lines.txt")

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); fzf $(fzf --version | cut -d' ' -f1); $runs runs per row"
echo
python3 - "$runs" "$bin" "$work/lines.txt" "$lines" <<'PY'
import os, pty, re, select, signal, statistics, struct, sys, termios, fcntl, time

runs, lunwen, lines_file, lines = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])

def run(argv, ready, stdin=None, timeout=10.0):
    """ms from fork until the output matches `ready` (until exit when `ready` is None)."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        if stdin:
            f = os.open(stdin, os.O_RDONLY)
            os.dup2(f, 0)
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    out, at, sent_esc = b"", None, False
    deadline = start + timeout
    while time.perf_counter() < deadline:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            # A terminal answers the cursor position query (here: row 1, column 1).
            for _ in range(chunk.count(b"\x1b[6n")):
                os.write(fd, b"\x1b[1;1R")
            out += chunk
            if at is None and ready is not None and re.search(ready, out):
                at = (time.perf_counter() - start) * 1000
        if at is not None and not sent_esc:
            os.write(fd, b"\x1b")
            sent_esc = True
    else:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if ready is None:
        return (time.perf_counter() - start) * 1000
    if at is None:
        sys.exit(f"{argv}: never showed {ready!r}:\n{out[-2000:]!r}")
    return at

# Cells that did not change are not written, so a count is found with the moves between its
# words allowed for.
gap = rb"(?:\x1b\[[0-9;?]*[A-Za-z]|\s)*"
rows = [
    ("`lunwen pick xzscl`: first results", [lunwen, "pick", "xzscl"], rb"381" + gap + rb"hits", None),
    ("`lunwen pick`: first frame", [lunwen, "pick"], rb"Type" + gap + rb"to" + gap + rb"search", None),
    (f"`fzf --height 40% --query xzscl`: first results, all {lines} lines read",
     ["/usr/bin/env", "fzf", "--height", "40%", "--query", "xzscl"],
     rb"\d+/" + str(lines).encode() + rb"(?!\d)", lines_file),
    ("`lunwen search xzscl`: to exit", [lunwen, "search", "xzscl"], None, None),
]
print("| whole process, exec to … | median ms | min ms | max ms |")
print("|---|---|---|---|")
for label, argv, ready, stdin in rows:
    run(argv, ready, stdin)  # warm-up: page cache
    ms = [run(argv, ready, stdin) for _ in range(runs)]
    print(f"| {label} | {statistics.median(ms):.1f} | {min(ms):.1f} | {max(ms):.1f} |")
PY

#!/usr/bin/env bash
# Load time and peak memory of `lunwen list` on a generated corpus of N full-size papers
# (default 1000, about 40 KB each, copies of the bundled seeds), plus a 50 MB paper and a
# 1 MB single line through `lunwen check`.
# Usage: scripts/measure_load.sh [N] [path/to/lunwen]   (default: a release build in $CARGO_TARGET_DIR or target/)
set -euo pipefail
n="${1:-1000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${2:-}"
if [[ -z "$bin" ]]; then
    cargo build --release --manifest-path "$root/Cargo.toml" >&2
    bin="${CARGO_TARGET_DIR:-$root/target}/release/lunwen"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/xdg"
unset LUNWEN_CONFIG LUNWEN_CORPUS
mkdir -p "$work/corpus" "$work/big" "$work/line" "$HOME"
seeds=("$root"/corpus/*.txt)
for ((i = 0; i < n; i++)); do
    { printf '第%d篇 ' "$i"; cat "${seeds[i % ${#seeds[@]}]}"; } > "$(printf '%s/corpus/%04d.txt' "$work" "$i")"
done
# 50 MB: the seeds repeated under numbered section headings.
python3 - "$work" "$root" <<'PY'
import sys, pathlib
work, root = map(pathlib.Path, sys.argv[1:3])
seed = (root / "corpus/000_410c59112ba8e771.txt").read_text(encoding="utf-8")
parts, size, i = [], 0, 0
while size < 50_000_000:
    chunk = f"\n\n{i % 9 + 1}. 第{i}部分\n\n{seed}"
    parts.append(chunk); size += len(chunk.encode()); i += 1
(work / "big/big.txt").write_text("".join(parts), encoding="utf-8")
unit = "新质生产力是推动高质量发展的内在要求^[1]，[链接](http://a.cn) <http://b.cn> DOI:10.1/x "
line = unit * (1_000_000 // len(unit.encode()) + 1)
(work / "line/line.txt").write_text("标题\n\n" + line + "\n", encoding="utf-8")
PY
measure() {
    local label="$1"; shift
    /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt"
    local wall rss
    wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
    printf '%-34s wall %s  peak RSS %d MB\n' "$label" "$wall" $((rss / 1024))
}
echo "binary: $bin"
echo "corpus: $n papers, $(du -sm "$work/corpus" | cut -f1) MB"
measure "list, $n papers" "$bin" --corpus "$work/corpus" list
measure "check, $n papers" "$bin" --corpus "$work/corpus" check
measure "check, 50 MB paper" "$bin" --corpus "$work/big" check
measure "check, 1 MB single line" "$bin" --corpus "$work/line" check

#!/usr/bin/env bash
# Compares lunwen's search with `fzf --filter` on the same search units: the bundled corpus
# and a scaled one (the bundled papers repeated 200× with variation), five fixed queries.
# Prints one markdown table. Installs fzf and hyperfine from Debian's packages if missing.
# Builds the `search_units` example, which needs the `bench` feature (the scaled corpus); the
# criterion bench of the same queries is `cargo bench --bench search --features bench`.
#
# usage: scripts/bench-search.sh [RUNS]      (RUNS per query and tool, default 10)
set -euo pipefail

runs=${1:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
queries=("新质生产力" "xzscl" "新质生厂力" "力" "量子纠缠态")
labels=("Chinese" "pinyin" "typo" "1 char" "no hit")

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# fzf is the tool compared with; hyperfine times it (wall and CPU time of the whole process).
missing=()
for t in fzf hyperfine; do
    command -v "$t" >/dev/null || missing+=("$t")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}…" >&2
    as_root apt-get update -qq
    as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

(cd "$root" && cargo build --release --quiet --features bench --example search_units)
tool=$target/release/examples/search_units

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Median wall time and mean CPU time (user + system) in ms of `fzf --filter QUERY < FILE`,
# process start and input read included, as "WALL CPU".
fzf_ms() {
    local query=$1 file=$2
    hyperfine --ignore-failure --style none --warmup 1 --runs "$runs" --export-csv "$work/hf.csv" \
        "fzf --filter '$query' < '$file' > /dev/null" >/dev/null 2>&1
    # columns: command,mean,stddev,median,user,system,min,max (seconds)
    awk -F, 'NR == 2 { printf "%.1f %.0f", $4 * 1000, ($5 + $6) * 1000 }' "$work/hf.csv"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); fzf $(fzf --version | cut -d' ' -f1); $runs runs per cell, medians"
echo "lunwen: in-process SearchIndex::search (limit 50); fzf: whole process, input read included"
echo
printf '| corpus | units | query | lunwen ms | lunwen CPU ms | lunwen hits | fzf ms | fzf CPU ms | fzf hits |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for corpus in bundled scaled; do
    file=$work/$corpus.txt
    "$tool" dump "$corpus" "$file" 2>"$work/dump.log"
    units=$(wc -l < "$file")
    "$tool" time "$corpus" "$runs" "${queries[@]}" > "$work/ours.tsv"
    for i in "${!queries[@]}"; do
        q=${queries[$i]}
        ours_ms=$(awk -F'\t' -v n=$((i + 1)) 'NR == n { print $2 }' "$work/ours.tsv")
        ours_hits=$(awk -F'\t' -v n=$((i + 1)) 'NR == n { print $3 }' "$work/ours.tsv")
        ours_cpu=$(awk -F'\t' -v n=$((i + 1)) 'NR == n { print $4 }' "$work/ours.tsv")
        fzf_hits=$( (fzf --filter "$q" < "$file" || true) | wc -l)
        read -r fzf_wall fzf_cpu <<< "$(fzf_ms "$q" "$file")"
        printf '| %s | %s | %s `%s` | %s | %s | %s | %s | %s | %s |\n' "$corpus" "$units" "${labels[$i]}" "$q" \
            "$ours_ms" "$ours_cpu" "$ours_hits" "$fzf_wall" "$fzf_cpu" "$fzf_hits"
    done
done

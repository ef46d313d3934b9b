#!/usr/bin/env bash
# Held-out variants of the dev papers, each scored with score.py: one summary line per variant.
#
# The golden facts of a paper are facts about the paper, not about one file of it, so they must
# still hold when the same paper comes as another converter's or OCR tool's output. Each variant
# is a directory of such files (made here, in a temp dir) scored against the same goldens.
#
# usage: scripts/parser-variants.sh [-v] [LUNWEN_BIN]
#   -v          print score.py's per-paper rows for failing papers too
#   LUNWEN_BIN  default target/release/lunwen (build it first: cargo build --release)
#
# Environment: SHARED (default ../shared next to the repo, or /work/shared), KEEP=1 keeps the
# temp dir and prints where it is.
#
# Variants:
#   pdf-default, pdf-raw, pdf-layout  the PDFs in ../shared/pdf-dev through pdftotext's modes
#   md-no-hashes     markdown papers with their '#' heading marks stripped (a plain-text export)
#   hardwrap         papers whose source has one line per paragraph (markdown, the seeds),
#                    hard-wrapped at 38 CJK / 80 Latin columns, single newlines, no blank lines
#   no-blank-lines   pdftotext papers with every blank line removed
#   crlf             every paper with CRLF line ends
#   no-form-feeds    pdftotext papers with their page breaks (form feeds) removed
#   gb18030          every paper encoded GB18030 (what Chinese Windows tools still write)
#   bom-trailing     every paper with a UTF-8 BOM and trailing spaces on every line
set -euo pipefail

verbose=0
if [[ "${1:-}" == "-v" ]]; then verbose=1; shift; fi
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$here/target/release/lunwen}"
shared="${SHARED:-}"
if [[ -z "$shared" ]]; then
  for c in "$here/../shared" /work/shared; do
    if [[ -d "$c/corpus-dev" ]]; then shared="$(cd "$c" && pwd)"; break; fi
  done
fi
[[ -n "$shared" && -d "$shared/corpus-dev" ]] || { echo "variants: no shared/ dir with corpus-dev (set SHARED)" >&2; exit 2; }
[[ -x "$bin" ]] || { echo "variants: no lunwen binary at $bin (cargo build --release)" >&2; exit 2; }
score="$shared/tools/score.py"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/lunwen-variants.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then echo "variants: keeping $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi

# Every paper with a golden: dev papers and seeds, as (source file, golden file).
python3 - "$shared" "$tmp" <<'PY'
import pathlib, sys, shutil, unicodedata
shared, tmp = map(pathlib.Path, sys.argv[1:3])

papers = []  # (path, golden)
for d, g in (('corpus-dev', 'golden-dev'), ('seeds', 'golden')):
    for p in sorted((shared / d).iterdir()):
        if p.suffix in ('.txt', '.md') and (shared / g / (p.stem + '.toml')).exists():
            papers.append((p, shared / g / (p.stem + '.toml')))

def out(variant, src, text, ext=None, data=None):
    d = tmp / variant
    (d / 'corpus').mkdir(parents=True, exist_ok=True)
    (d / 'golden').mkdir(parents=True, exist_ok=True)
    name = src[0].stem + (ext or src[0].suffix)
    if data is None:
        data = text.encode('utf-8')
    (d / 'corpus' / name).write_bytes(data)
    shutil.copy(src[1], d / 'golden' / (src[0].stem + '.toml'))

def width(c):
    return 2 if unicodedata.east_asian_width(c) in ('W', 'F') else 1

def wrap(line, cols):
    """Breaks one line into printed lines of at most `cols` columns; Latin words stay whole."""
    rows, cur, w = [], '', 0
    for c in line:
        cw = width(c)
        if w + cw > cols and cur:
            cut = len(cur)
            if c != ' ' and width(c) == 1 and ' ' in cur:
                # Back to the last space when the row ends inside a Latin word.
                k = cur.rfind(' ')
                tail = cur[k + 1:]
                if tail and all(width(x) == 1 for x in tail) and k > len(cur) // 2:
                    cut = k
            rows.append(cur[:cut].rstrip())
            cur = cur[cut:].lstrip()
            w = sum(width(x) for x in cur)
        cur += c
        w += cw
    if cur.strip():
        rows.append(cur.rstrip())
    return rows

def is_pdftotext(p):
    return p.suffix == '.txt' and '\f' in p.read_text(encoding='utf-8')

for src in papers:
    p = src[0]
    t = p.read_text(encoding='utf-8')
    han = sum(1 for c in t if '\u4e00' <= c <= '\u9fff')
    cols = 76 if han > len(t) / 10 else 80
    if p.suffix == '.md':
        lines = []
        for l in t.split('\n'):
            s = l.lstrip()
            if s.startswith('#'):
                l = s.lstrip('#').lstrip()
            lines.append(l)
        out('md-no-hashes', src, '\n'.join(lines))
    if not is_pdftotext(p):
        rows = []
        for l in t.split('\n'):
            if not l.strip():
                continue
            s = l.lstrip()
            if s.startswith(('<', '|')):
                rows.append(l)  # an HTML or pipe table row is no printed text line
            else:
                rows.extend(wrap(l.strip(), cols))
        out('hardwrap', src, '\n'.join(rows) + '\n')
    else:
        out('no-blank-lines', src, '\n'.join(l for l in t.split('\n') if l.strip()) + '\n')
        out('no-form-feeds', src, t.replace('\f', ''))
    out('crlf', src, t.replace('\n', '\r\n'))
    out('gb18030', src, None, data=t.encode('gb18030'))
    out('bom-trailing', src, None, data=b'\xef\xbb\xbf' + '\n'.join(l + '  ' for l in t.split('\n')).encode('utf-8'))
PY

variants=()
if command -v pdftotext >/dev/null 2>&1 && [[ -d "$shared/pdf-dev" ]]; then
  for mode in default raw layout; do
    d="$tmp/pdf-$mode"
    mkdir -p "$d/corpus" "$d/golden"
    for pdf in "$shared"/pdf-dev/*.pdf; do
      stem="$(basename "$pdf" .pdf)"
      g="$shared/golden-dev/$stem.toml"
      [[ -f "$g" ]] || continue
      flag=(); [[ "$mode" != default ]] && flag=("-$mode")
      pdftotext "${flag[@]}" "$pdf" "$d/corpus/$stem.txt"
      cp "$g" "$d/golden/"
    done
    variants+=("pdf-$mode")
  done
else
  echo "pdf-*: skipped (no pdftotext, or no $shared/pdf-dev)"
fi
variants+=(md-no-hashes hardwrap no-blank-lines crlf no-form-feeds gb18030 bom-trailing)

for v in "${variants[@]}"; do
  d="$tmp/$v"
  [[ -d "$d/golden" ]] || { echo "$v: no papers"; continue; }
  res="$(python3 "$score" --lunwen "$bin" "$d/corpus" "$d/golden" || true)"
  summary="$(tail -n1 <<<"$res")"
  fails="$(grep '^!! ' <<<"$res" | sed -e 's/^!! //' -e 's/: wrong: /(/' -e 's/$/)/' | paste -sd ';' - | sed 's/;/; /g' || true)"
  printf '%-15s %s%s\n' "$v" "${summary#corpus: }" "${fails:+ | $fails}"
  if [[ $verbose == 1 ]]; then grep -v '^ok ' <<<"$res" | sed '$d' | sed 's/^/    /' || true; fi
done

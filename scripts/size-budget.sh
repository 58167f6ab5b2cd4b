#!/usr/bin/env bash
# After `trunk build --release`: print the raw and gzip -9 size of every file in dist/, in three
# groups, and fail when the first one exceeds the budget (250 KB = 256000 bytes gzip):
#   page    what a visitor loads at start: HTML, the page's JS and wasm (the interface, no judge),
#           CSS, icon, the service worker and its registration. Counted against the budget.
#   engine  what judges every input: engine-worker.js + api/permcheck.js + api/permcheck_bg.wasm,
#           loaded when the input first gets focus (or the first input comes), and precached by the
#           service worker after a first visit. Printed with its own total, not counted.
#   other   never loaded by the page: the single offline file (permcheck.html, which inlines both),
#           the JS API's type declarations, the authors' example page. Listed, not counted.
# Usage: scripts/size-budget.sh [DIST_DIR]
#   BUDGET_BYTES=...            another budget
#   SIZE_BUDGET_EXCLUDE='a* b'  more glob patterns (relative to DIST_DIR) of files listed but not
#                               counted, as "other".
set -euo pipefail
cd "$(dirname "$0")/.."

DIST="${1:-dist}"
BUDGET_BYTES="${BUDGET_BYTES:-256000}"
read -r -a EXCLUDE <<<"${SIZE_BUDGET_EXCLUDE:-}"
ENGINE=('engine-worker.js' 'api/permcheck.js' 'api/permcheck_bg.wasm')
OTHER=('permcheck.html' 'permcheck.html.sha256' 'api/permcheck.d.ts' 'embed-example.*' "${EXCLUDE[@]}")

[ -d "$DIST" ] || { echo "size-budget: error: $DIST/ does not exist; run trunk build --release first" >&2; exit 1; }
mapfile -d '' files < <(find "$DIST" -type f -print0 | LC_ALL=C sort -z)
[ ${#files[@]} -gt 0 ] || { echo "size-budget: error: $DIST/ is empty" >&2; exit 1; }
for f in "${ENGINE[@]}"; do
  [ -f "$DIST/$f" ] || { echo "size-budget: error: the engine's $f is not in $DIST/" >&2; exit 1; }
done

matches() { # matches REL PATTERN...
  local rel="$1" pat
  shift
  for pat in "$@"; do
    # shellcheck disable=SC2053  # $pat is a glob on purpose
    [[ "$rel" == $pat ]] && return 0
  done
  return 1
}

declare -A raw_sum=([page]=0 [engine]=0 [other]=0) gz_sum=([page]=0 [engine]=0 [other]=0) count=([page]=0 [engine]=0 [other]=0)
printf '%-52s %12s %12s  %s\n' "file" "raw bytes" "gzip -9" "group"
printf '%-52s %12s %12s  %s\n' "----" "---------" "-------" "-----"
for f in "${files[@]}"; do
  rel="${f#"$DIST"/}"
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c -n "$f" | wc -c)
  if matches "$rel" "${ENGINE[@]}"; then group=engine
  elif matches "$rel" "${OTHER[@]}"; then group=other
  else group=page
  fi
  raw_sum[$group]=$((raw_sum[$group] + raw))
  gz_sum[$group]=$((gz_sum[$group] + gz))
  count[$group]=$((count[$group] + 1))
  printf '%-52s %12d %12d  %s\n' "$rel" "$raw" "$gz" "$group"
done
printf '%-52s %12s %12s\n' "" "---------" "-------"
printf '%-52s %12d %12d\n' "page: loaded at start (${count[page]} files)" "${raw_sum[page]}" "${gz_sum[page]}"
printf '%-52s %12d %12d\n' "engine: loaded on first input (${count[engine]} files)" "${raw_sum[engine]}" "${gz_sum[engine]}"
printf '%-52s %12d %12d\n' "other: not loaded by the page (${count[other]} files)" "${raw_sum[other]}" "${gz_sum[other]}"
echo "size-budget: engine: ${gz_sum[engine]} bytes gzip (not counted: loaded when the input first gets focus, and precached by the service worker)"
total_gz=${gz_sum[page]}
pct=$((total_gz * 100 / BUDGET_BYTES))
if [ "$total_gz" -gt "$BUDGET_BYTES" ]; then
  echo "size-budget: FAIL: the page's gzip transfer at start, $total_gz bytes, exceeds the budget of $BUDGET_BYTES bytes ($pct%)" >&2
  exit 1
fi
echo "size-budget: ok: the page's gzip transfer at start is $total_gz of $BUDGET_BYTES bytes ($pct% of the budget)"

#!/usr/bin/env bash
# After `trunk build --release`: print the raw and gzip -9 size of every file in dist/ and the
# total gzip transfer; fail when that total exceeds the budget (250 KB = 256000 bytes).
# Usage: scripts/size-budget.sh [DIST_DIR]
#   BUDGET_BYTES=...            another budget
#   SIZE_BUDGET_EXCLUDE='a* b'  glob patterns (relative to DIST_DIR) of files listed but not counted;
#                               empty by default: every file in dist/ counts.
set -euo pipefail
cd "$(dirname "$0")/.."

DIST="${1:-dist}"
BUDGET_BYTES="${BUDGET_BYTES:-256000}"
read -r -a EXCLUDE <<<"${SIZE_BUDGET_EXCLUDE:-}"

[ -d "$DIST" ] || { echo "size-budget: error: $DIST/ does not exist; run trunk build --release first" >&2; exit 1; }
mapfile -d '' files < <(find "$DIST" -type f -print0 | LC_ALL=C sort -z)
[ ${#files[@]} -gt 0 ] || { echo "size-budget: error: $DIST/ is empty" >&2; exit 1; }

total_raw=0
total_gz=0
counted=0
printf '%-52s %12s %12s\n' "file" "raw bytes" "gzip -9"
printf '%-52s %12s %12s\n' "----" "---------" "-------"
for f in "${files[@]}"; do
  rel="${f#"$DIST"/}"
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c -n "$f" | wc -c)
  note=""
  for pat in "${EXCLUDE[@]}"; do
    # shellcheck disable=SC2053  # $pat is a glob on purpose
    if [[ "$rel" == $pat ]]; then note="  (not counted: SIZE_BUDGET_EXCLUDE)"; break; fi
  done
  if [ -z "$note" ]; then
    total_raw=$((total_raw + raw))
    total_gz=$((total_gz + gz))
    counted=$((counted + 1))
  fi
  printf '%-52s %12d %12d%s\n' "$rel" "$raw" "$gz" "$note"
done
printf '%-52s %12s %12s\n' "" "---------" "-------"
printf '%-52s %12d %12d\n' "total (${counted} of ${#files[@]} files)" "$total_raw" "$total_gz"
pct=$((total_gz * 100 / BUDGET_BYTES))
if [ "$total_gz" -gt "$BUDGET_BYTES" ]; then
  echo "size-budget: FAIL: gzip transfer $total_gz bytes exceeds the budget of $BUDGET_BYTES bytes ($pct%)" >&2
  exit 1
fi
echo "size-budget: ok: gzip transfer $total_gz of $BUDGET_BYTES bytes ($pct% of the budget)"

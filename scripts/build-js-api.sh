#!/usr/bin/env bash
# Build the JS API module for help-center authors: OUT_DIR/api/permcheck.js (ES module, `init`,
# `evaluate(text, options)`, `catalog()`), OUT_DIR/api/permcheck_bg.wasm and
# OUT_DIR/api/permcheck.d.ts. The same core as the page, compiled with the cargo feature `js-api`;
# nothing in it touches the network (its only fetch is its own .wasm, next to the .js).
# Usage: scripts/build-js-api.sh [OUT_DIR]      (default: dist)
# Called by scripts/post-build.mjs with Trunk's staging directory: this module is the engine that
# judges every input of the page (engine-worker.js runs it), so every build has it. API_PROFILE=dev (what `trunk serve`
# uses) builds it unoptimised, for quick rebuilds.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT_DIR="${1:-dist}"
API_DIR="$OUT_DIR/api"
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

for tool in cargo wasm-bindgen wasm-opt; do
  command -v "$tool" >/dev/null || { echo "build-js-api: error: $tool not found; run scripts/setup.sh" >&2; exit 1; }
done
# The CLI must match the wasm-bindgen crate pinned in Cargo.toml, or the glue will not fit.
want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
have=$(wasm-bindgen --version | awk '{print $2}')
if [ -n "$want" ] && [ "$want" != "$have" ]; then
  echo "build-js-api: error: wasm-bindgen CLI $have does not match the crate's =$want" >&2
  exit 1
fi

profile="${API_PROFILE:-release}"
if [ "$profile" = dev ]; then
  cargo build --lib --target wasm32-unknown-unknown --features js-api
  profile_dir=debug
else
  cargo build --lib --profile engine --target wasm32-unknown-unknown --features js-api
  profile_dir=engine
fi
target_dir=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>console.log(JSON.parse(s).target_directory))')
wasm="$target_dir/wasm32-unknown-unknown/$profile_dir/permcheck.wasm"
[ -f "$wasm" ] || { echo "build-js-api: error: $wasm was not built" >&2; exit 1; }

rm -rf "$API_DIR"
mkdir -p "$API_DIR"
wasm-bindgen --target web --out-dir "$API_DIR" --out-name permcheck "$wasm"
# rustc targets these wasm features by default; `strip = true` removes the section that would tell
# wasm-opt, so they are named here (the same list as index.html's data-wasm-opt-params).
[ "$profile" = dev ] || wasm-opt -O3 \
  --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  -o "$API_DIR/permcheck_bg.wasm" "$API_DIR/permcheck_bg.wasm"

for f in permcheck.js permcheck_bg.wasm permcheck.d.ts; do
  [ -s "$API_DIR/$f" ] || { echo "build-js-api: error: $API_DIR/$f missing or empty" >&2; exit 1; }
done
grep -q 'export function evaluate' "$API_DIR/permcheck.js" || { echo "build-js-api: error: no evaluate export (feature js-api not compiled in?)" >&2; exit 1; }
# wasm-bindgen also writes permcheck_bg.wasm.d.ts (the raw wasm exports); authors do not need it.
rm -f "$API_DIR/permcheck_bg.wasm.d.ts"
printf 'build-js-api: %s (wasm %s bytes, gzip -9 %s bytes)\n' "$API_DIR" \
  "$(stat -c %s "$API_DIR/permcheck_bg.wasm")" "$(gzip -9 -c -n "$API_DIR/permcheck_bg.wasm" | wc -c)"

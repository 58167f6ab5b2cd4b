#!/usr/bin/env bash
# Set up the machine (idempotent), then run every check, failing at the first one that fails:
#   rustfmt, clippy, native tests, wasm-bindgen tests (when there are any), Trunk release build,
#   size budget, browser tests (headless Chromium, tests/e2e/).
# This is what .ci/run runs: fresh clone, CI=true, no stdin, 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

LOG_DIR=target/test-logs
STEP="start"
step() {
  STEP="$1"
  printf '\n==> %s\n' "$STEP"
}
on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    printf '\ntest.sh: FAILED at step "%s" (exit %d)\n' "$STEP" "$rc" >&2
  fi
}
trap on_exit EXIT
exec </dev/null   # nothing below may wait for input

step "set-up (scripts/setup.sh)"
bash scripts/setup.sh
mkdir -p "$LOG_DIR"

step "cargo fmt --all -- --check"
cargo fmt --all -- --check || { echo "test.sh: code is not formatted; run: cargo fmt --all" >&2; exit 1; }

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings

step "cargo test (native)"
cargo test 2>&1 | tee "$LOG_DIR/cargo-test.log"

if grep -rqs --include='*.rs' 'wasm_bindgen_test' src; then
  step "cargo test --target wasm32-unknown-unknown --lib (wasm-bindgen-test, headless Chromium)"
  cargo test --target wasm32-unknown-unknown --lib 2>&1 | tee "$LOG_DIR/cargo-test-wasm.log"
fi

step "fuzz smoke run (scripts/fuzz.sh: every target, about a minute)"
bash scripts/fuzz.sh 12 2>&1 | tee "$LOG_DIR/fuzz.log"

step "trunk build --release --offline"
rm -rf dist
trunk build --release --offline
[ -f dist/index.html ] || { echo "test.sh: trunk build produced no dist/index.html" >&2; exit 1; }

step "size budget (scripts/size-budget.sh)"
# The page's transfer is what a visitor loads; the single offline file (permcheck.html) is a
# separate download of the same page, listed but not counted.
SIZE_BUDGET_EXCLUDE='permcheck.html* api/* embed-example.*' bash scripts/size-budget.sh dist

built_sha=$(cut -d' ' -f1 dist/permcheck.html.sha256)
readme_sha=$(grep -oE '`[0-9a-f]{64}`' README.md | head -n1 | tr -d '`')
if [ "$built_sha" = "$readme_sha" ]; then
  echo "single file: sha256 $built_sha (as in the README)"
else
  echo "single file: sha256 $built_sha; the README shows $readme_sha: update it when releasing"
fi

step "browser tests (node --test tests/e2e/)"
e2e_rc=0
timeout --kill-after=30s 15m \
  node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$LOG_DIR/e2e.tap" \
    tests/e2e/*.test.mjs || e2e_rc=$?

STEP="summary"
printf '\n==> summary\n'
echo "cargo test:"
grep -E '^\s*(Running|Doc-tests) |^test result:' "$LOG_DIR"/cargo-test*.log || true
echo "browser tests (node --test):"
grep -E '^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ' "$LOG_DIR/e2e.tap" || true
if [ "$e2e_rc" -ne 0 ]; then
  STEP="browser tests"
  exit "$e2e_rc"
fi
echo "test.sh: all checks passed"

#!/usr/bin/env bash
# Fuzz every target. Default: a bounded smoke run (about a minute in all), seeded from the test
# fixtures. Long campaigns: `scripts/fuzz.sh 600` runs each target for 600 s; or run
# `cargo +nightly fuzz run -s none <target> fuzz/corpus/<target> -- -runs=10000000` for a fixed
# count. `-s none`: the crate forbids unsafe code, so a sanitizer adds little but slowness.
# A crash leaves its input in fuzz/artifacts/<target>/; add it as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-12}
if ! cargo +nightly --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
for target in detect parse decode_bytes evaluate acl_stream acl_groups; do
  corpus=fuzz/corpus/$target
  mkdir -p "$corpus"
  # Seed from every fixture (text and JSON samples, seed lists).
  find tests/fixtures -type f ! -name '*.src' ! -name '*.md' -exec cp -n {} "$corpus"/ \; 2>/dev/null || true
  # And from the real samples beside the repository (into the local, uncommitted corpus only).
  if [ -d ../shared/reference/samples ]; then
    find ../shared/reference/samples -type f ! -name '*.src' ! -name '*.md' -size -64k \
      -exec cp -n {} "$corpus"/ \; 2>/dev/null || true
  fi
  echo "fuzz: $target for ${seconds}s"
  log=$(mktemp)
  status=0
  cargo +nightly fuzz run -s none "$target" "$corpus" -- -max_total_time="$seconds" -max_len=4096 \
    -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E 'stat::number_of_executed_units|^Done|ERROR|panicked|SUMMARY' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log"
    echo "fuzz: $target found a crash (artifacts in fuzz/artifacts/$target)" >&2
    exit 1
  fi
  rm -f "$log"
done

#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine: toolchain target + components, Trunk,
# wasm-bindgen-cli, wasm-opt (npm binaryen), Chromium + ChromeDriver, playwright-core, axe-core.
# Every step is skipped when the right version is already there, so re-running is cheap (about
# a second) and works offline. Non-interactive: safe with CI=true and no stdin.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
NODE_MAJOR_MIN=20
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

log() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# The CLI must match the crate exactly; read the pin from Cargo.toml so they cannot drift.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { *version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
[ -n "$WASM_BINDGEN_VERSION" ] || die "cannot read the wasm-bindgen pin (wasm-bindgen = \"=x.y.z\") from Cargo.toml"

command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup (https://rustup.rs) first"
command -v node >/dev/null 2>&1 || die "node not found: install Node.js >= $NODE_MAJOR_MIN and npm first"
command -v npm >/dev/null 2>&1 || die "npm not found: install npm first"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge "$NODE_MAJOR_MIN" ] || die "Node.js $(node --version) is too old; playwright-core needs >= $NODE_MAJOR_MIN"

if command -v rustup >/dev/null 2>&1; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  missing_components=()
  installed_components=$(rustup component list --installed)
  grep -q '^rustfmt' <<<"$installed_components" || missing_components+=(rustfmt)
  grep -q '^clippy' <<<"$installed_components" || missing_components+=(clippy)
  if [ ${#missing_components[@]} -gt 0 ]; then
    log "adding rustup components: ${missing_components[*]}"
    rustup component add "${missing_components[@]}"
  fi
elif [ ! -d "$(rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown" ]; then
  die "no rustup and no wasm32-unknown-unknown standard library in $(rustc --print sysroot)"
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about 15 minutes on 2 cores)"
  cargo install --locked "trunk@$TRUNK_VERSION" --no-default-features --features rustls --force
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
   || ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: the locked graph names a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]} from Debian"
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root or sudo to apt-get install ${need_apt[*]}"
    SUDO=(sudo -n)   # never prompt: there is no stdin in CI
  fi
  # env(1) inside sudo, because sudo resets the environment.
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

# Fuzzing (scripts/fuzz.sh) needs a nightly toolchain and cargo-fuzz; the project itself builds on
# stable.
if command -v rustup >/dev/null 2>&1 && ! rustup toolchain list | grep -q '^nightly'; then
  log "installing the nightly toolchain (minimal) for cargo fuzz"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  log "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# npm packages (binaryen's wasm-opt, playwright-core, axe-core) come from package-lock.json.
# Reinstall when any package the lock file names is absent or at another version.
npm_in_sync() {
  [ -d node_modules ] || return 1
  node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    for (const [path, meta] of Object.entries(lock.packages || {})) {
      if (!path.startsWith("node_modules/") || meta.optional) continue;
      let installed;
      try { installed = JSON.parse(fs.readFileSync(path + "/package.json", "utf8")).version; }
      catch { process.exit(1); }
      if (installed !== meta.version) process.exit(1);
    }
  ' 2>/dev/null
}
[ -f package-lock.json ] || die "package-lock.json is missing (run npm install once and commit it)"
if ! npm_in_sync || [ ! -x node_modules/.bin/wasm-opt ] \
   || [ "$(node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
  log "installing npm packages from package-lock.json (binaryen $BINARYEN_VERSION, playwright-core, axe-core)"
  npm ci --no-audit --no-fund
fi

# Trunk passes --offline to cargo, so every crate (native and wasm32) must be in the local cache.
if ! cargo fetch --offline --quiet >/dev/null 2>&1; then
  log "fetching crate dependencies (all targets)"
  cargo fetch
fi

log "ready: trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $(wasm-bindgen --version | awk '{print $2}'), wasm-opt $(node_modules/.bin/wasm-opt --version | awk '{print $3}'), $(chromium --version 2>/dev/null || echo 'chromium ?'), node $(node --version)"

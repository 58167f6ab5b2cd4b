#!/usr/bin/env bash
# Set up the machine (idempotent) and serve the page with Trunk on http://127.0.0.1:8080.
# PORT=9000 bash scripts/serve.sh to use another port; extra arguments go to `trunk serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
PORT="${PORT:-8080}"
echo "serve: http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
# No autoreload: its inline script would be refused by the page's CSP (which allows only the
# bootstrap by hash); reload the browser by hand after a rebuild.
exec trunk serve --offline --no-autoreload --address 127.0.0.1 --port "$PORT" "$@"

#!/usr/bin/env bash
# `npm run scale:demo`: the scale-out path run on this machine (scripts/scale/demo.ts): installs Debian's pgbouncer
# on first use (like PostgreSQL), then runs the demonstration. Not part of `npm test`.
set -euo pipefail
. "$(dirname "$0")/../lib/bootstrap.sh"
bootstrap
ensure_pgbouncer
exec node scripts/scale/demo.ts "$@"

#!/usr/bin/env bash
# `npm test` (through scripts/run.sh, which prepares packages and the database):
#   typecheck → lint (squawk, Biome) → template database → ava (which also checks schema.graphql is fresh).
# With file arguments (`npm test -- test/identity/login.test.ts`) only the template and those files run.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }
if [ $# -eq 0 ]; then
  step "typecheck (tsc)"; tsc -p .
  step "lint (squawk over db/migrations, Biome over the TypeScript)"; bash scripts/lint.sh
fi
# Debian's chromium for the real-browser test (installed on first use, like PostgreSQL).
. scripts/lib/bootstrap.sh && ensure_test_browser
step "test template database"; node test/setup/template.ts
step "tests (ava)"
log=$(mktemp); trap 'rm -f "$log"' EXIT
set +e
ava "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# ava prints one ✔ / ✘ line per test when not on a TTY (as in CI); its own summary omits the passed count on failure.
passed=$(grep -cE '^\s+✔' "$log" || true)
failed=$(grep -cE '^\s+✘' "$log" || true)
if [ "$status" -ne 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"

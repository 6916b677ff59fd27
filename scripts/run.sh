#!/usr/bin/env bash
# Runs a command with the project's environment ready: npm packages, PostgreSQL (embedded unless DATABASE_URL is
# set), roles, database and extensions. With --migrate it also applies migrations first.
#   bash scripts/run.sh [--migrate] <command> [args…]
set -euo pipefail
. "$(dirname "$0")/lib/bootstrap.sh"
bootstrap
migrate=0
if [ "${1:-}" = "--migrate" ]; then migrate=1; shift; fi
node scripts/db/setup.ts
if [ "$migrate" = 1 ]; then node scripts/db/migrate.ts; fi
exec "$@"

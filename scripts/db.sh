#!/usr/bin/env bash
# Database commands behind `npm run db:*`: start | stop | reset | psql | url
set -euo pipefail
. "$(dirname "$0")/lib/bootstrap.sh"
command=${1:-}
case "$command" in
  stop)
    cd "$PROJECT_ROOT"; load_dotenv
    if [ -n "${DATABASE_URL:-}" ]; then say "DATABASE_URL points at an external server: nothing to stop."; exit 0; fi
    pgdata=$(cluster_dir)
    if [ -f "$pgdata/PG_VERSION" ] && as_cluster_owner "$PG_BIN/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
      say "Stopping the project's PostgreSQL…"
      as_cluster_owner "$PG_BIN/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
    else
      say "The project's PostgreSQL is not running."
    fi ;;
  start)
    bootstrap; node scripts/db/setup.ts
    say "PostgreSQL is ready ($DATABASE_MODE): $(printf '%s' "$DATABASE_URL" | sed -E 's#//([^:]+):[^@]*@#//\1:***@#')" ;;
  reset)
    bootstrap; node scripts/db/setup.ts --reset; node scripts/db/migrate.ts ;;
  psql)
    bootstrap; shift; exec psql "$DATABASE_URL" "$@" ;;
  url)
    bootstrap >/dev/null; printf '%s\n' "$DATABASE_URL" ;;
  *)
    echo "usage: scripts/db.sh start|stop|reset|psql|url" >&2; exit 2 ;;
esac

# shellcheck shell=bash
# Sourced by every npm entry point (scripts/run.sh, scripts/db.sh). It makes a fresh clone runnable:
#   1. npm packages (including Node 22 as node_modules/.bin/node),
#   2. PostgreSQL 15 + PostGIS + plpgsql_check Debian packages (embedded mode only),
#   3. the project-local cluster under .data/ when DATABASE_URL is not set,
# and exports DATABASE_URL, AUTH_DATABASE_URL, ROOT_DATABASE_URL and dev-only secrets (JWT_SECRET,
# TOTP_ENCRYPTION_KEY, FILES_SIGNING_KEY) for the command it runs.
# Everything it prints goes to stderr, so `npm run -s db:url` prints only the URL.

PROJECT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_VERSION=15
PG_BIN=${PG_BIN:-/usr/lib/postgresql/$PG_VERSION/bin}
PG_EXTENSION_DIR=/usr/share/postgresql/$PG_VERSION/extension
PG_LIB_DIR=/usr/lib/postgresql/$PG_VERSION/lib
DEBIAN_PACKAGES=(postgresql-$PG_VERSION postgresql-$PG_VERSION-postgis-3 postgresql-$PG_VERSION-plpgsql-check)
DATA_ROOT="$PROJECT_ROOT/.data"

say() { printf '\033[36m[setup]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[setup]\033[0m %s\n' "$*" >&2; exit 1; }

# Variables from .env, without overriding what the caller's environment already sets.
load_dotenv() {
  local file="$PROJECT_ROOT/.env" line name
  [ -f "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    name=${line%%=*}
    name=${name// /}
    [ -n "${!name+x}" ] && continue
    export "$name=${line#*=}"
  done <"$file"
}

ensure_npm_packages() {
  local stamp="$PROJECT_ROOT/node_modules/.package-lock.json"
  if [ ! -x "$PROJECT_ROOT/node_modules/.bin/node" ] || [ ! -f "$stamp" ] ||
     [ "$PROJECT_ROOT/package.json" -nt "$stamp" ] ||
     { [ -f "$PROJECT_ROOT/package-lock.json" ] && [ "$PROJECT_ROOT/package-lock.json" -nt "$stamp" ]; }; then
    say "Installing npm packages (first run or package.json changed)…"
    (cd "$PROJECT_ROOT" && npm install --no-audit --no-fund --loglevel=error >&2) || die "npm install failed"
  fi
  export PATH="$PROJECT_ROOT/node_modules/.bin:$PATH"
  case "$(node -v)" in v2[2-9]*|v[3-9]*) ;; *) die "node_modules/.bin/node is $(node -v); reinstall with 'rm -rf node_modules && npm install'" ;; esac
}

# Both the control file and the library: removing a package can leave the control file behind.
missing_debian_packages() {
  [ -x "$PG_BIN/initdb" ] || echo "postgresql-$PG_VERSION"
  { [ -f "$PG_EXTENSION_DIR/postgis.control" ] && [ -f "$PG_LIB_DIR/postgis-3.so" ]; } ||
    echo "postgresql-$PG_VERSION-postgis-3"
  { [ -f "$PG_EXTENSION_DIR/plpgsql_check.control" ] && [ -f "$PG_LIB_DIR/plpgsql_check.so" ]; } ||
    echo "postgresql-$PG_VERSION-plpgsql-check"
}

ensure_debian_packages() {
  local missing
  missing=$(missing_debian_packages | tr '\n' ' ')
  install_debian_packages "$missing"
}

# Debian's chromium, for the real-browser test only (test/server/browser.test.ts drives it with playwright-core;
# playwright's own browser download cannot work here). `npm test` calls this; `npm start` never needs it.
ensure_test_browser() {
  [ -x /usr/bin/chromium ] || install_debian_packages chromium
}

# Debian's PgBouncer, for the scale-out demonstration only (`npm run scale:demo`, scripts/scale/demo.sh).
ensure_pgbouncer() {
  [ -x /usr/sbin/pgbouncer ] || install_debian_packages pgbouncer
}

# Installs the given Debian packages (a space-separated list; nothing to do when empty) as root or with password-less
# sudo, or stops with the exact command to run.
install_debian_packages() {
  local missing=$1 sudo=()
  [ -z "${missing// /}" ] && return 0
  local command="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing"
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
      die "Missing Debian packages: $missing
  Run as root:  $command
  or point DATABASE_URL / ROOT_DATABASE_URL at a PostgreSQL $PG_VERSION server that has PostGIS (see README)."
    fi
  fi
  say "Installing Debian packages: $missing"
  local log="$DATA_ROOT/apt.log"
  mkdir -p "$DATA_ROOT"
  # shellcheck disable=SC2086
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update &&
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing; } >"$log" 2>&1; then
    tail -20 "$log" >&2
    die "Installing Debian packages failed (full log: $log). Run: $command"
  fi
  say "Installed $missing."
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# Dev-only secrets of the embedded cluster, created once per checkout, never committed (.data is git-ignored).
load_cluster_secrets() {
  local file="$DATA_ROOT/cluster.env"
  if [ ! -f "$file" ]; then
    mkdir -p "$DATA_ROOT"
    local port=$(( 54000 + $(printf '%s' "$PROJECT_ROOT" | cksum | cut -d' ' -f1) % 900 ))
    umask 077
    cat >"$file" <<SECRETS
PGPORT_EMBEDDED=$port
SUPERUSER_PASSWORD=$(random_hex 16)
OWNER_PASSWORD=$(random_hex 16)
AUTHENTICATOR_PASSWORD=$(random_hex 16)
DEV_JWT_SECRET=$(random_hex 32)
SECRETS
  fi
  # shellcheck disable=SC1090
  . "$file"
  # Added after the first checkouts: appended once to an existing file. The key must stay as long as the database
  # does (two-factor secrets are encrypted with it), so it lives beside the cluster and goes when .data does.
  if [ -z "${DEV_TOTP_ENCRYPTION_KEY:-}" ]; then
    DEV_TOTP_ENCRYPTION_KEY=$(random_hex 32)
    (umask 077 && printf 'DEV_TOTP_ENCRYPTION_KEY=%s\n' "$DEV_TOTP_ENCRYPTION_KEY" >>"$file")
  fi
  if [ -z "${DEV_FILES_SIGNING_KEY:-}" ]; then
    DEV_FILES_SIGNING_KEY=$(random_hex 32)
    (umask 077 && printf 'DEV_FILES_SIGNING_KEY=%s\n' "$DEV_FILES_SIGNING_KEY" >>"$file")
  fi
}

# Where the cluster lives. initdb/postgres refuse to run as root, so root runs them as the 'postgres' OS user;
# if that user cannot reach the checkout (e.g. it sits under /root), the cluster goes to /var/lib/postgresql.
cluster_dir() {
  local dir="$DATA_ROOT/postgres"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$PROJECT_ROOT" 2>/dev/null; then
    dir="/var/lib/postgresql/p2p-$(printf '%s' "$PROJECT_ROOT" | cksum | cut -d' ' -f1)"
  fi
  echo "$dir"
}

# From /, because the postgres OS user may not be allowed into the current directory.
as_cluster_owner() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

ensure_cluster_running() {
  PGDATA_EMBEDDED=$(cluster_dir)
  local pgdata=$PGDATA_EMBEDDED
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    die "The 'postgres' OS user is missing; reinstall postgresql-$PG_VERSION (apt-get install --reinstall postgresql-$PG_VERSION)."
  fi
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    say "Creating the project's PostgreSQL $PG_VERSION cluster in $pgdata (port $PGPORT_EMBEDDED)…"
    mkdir -p "$pgdata"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$pgdata" && chmod 700 "$pgdata"
    local pwfile; pwfile=$(mktemp); printf '%s\n' "$SUPERUSER_PASSWORD" >"$pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres "$pwfile"
    as_cluster_owner "$PG_BIN/initdb" -D "$pgdata" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
      >"$DATA_ROOT/initdb.log" 2>&1 ||
      { rm -f "$pwfile"; die "initdb failed; see $DATA_ROOT/initdb.log"; }
    rm -f "$pwfile"
    # A development cluster: data can be recreated at any time, so durability is traded for test speed.
    as_cluster_owner tee -a "$pgdata/postgresql.conf" >/dev/null <<CONF

# --- project settings (scripts/lib/bootstrap.sh) ---
port = $PGPORT_EMBEDDED
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pgdata'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
log_min_messages = warning
log_min_error_statement = panic
CONF
  fi
  # The socket sits in the data directory (mode 700), so only its owner and root reach it: trust there is safe
  # and lets the bootstrap re-sync the superuser password with the secrets file below on every run.
  as_cluster_owner tee "$pgdata/pg_hba.conf" >/dev/null <<HBA
# Written by scripts/lib/bootstrap.sh on every start.
local all all trust
host  all all 127.0.0.1/32 scram-sha-256
host  all all ::1/128      scram-sha-256
HBA
  if as_cluster_owner "$PG_BIN/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    as_cluster_owner "$PG_BIN/pg_ctl" -D "$pgdata" reload >/dev/null
  else
    say "Starting PostgreSQL on 127.0.0.1:$PGPORT_EMBEDDED (logs: $pgdata/server.log)…"
    as_cluster_owner "$PG_BIN/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 start >/dev/null ||
      die "PostgreSQL did not start; see $pgdata/server.log"
  fi
  # Through stdin, so the password never shows in a process list.
  printf "alter role postgres password '%s';\n" "$SUPERUSER_PASSWORD" |
    as_cluster_owner "$PG_BIN/psql" -h "$pgdata" -p "$PGPORT_EMBEDDED" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 \
      >/dev/null || die "Could not reach the project's PostgreSQL through its socket in $pgdata"
}

# Exports the connection settings every command reads. External servers come from the environment or .env.
export_database_env() {
  if [ -n "${DATABASE_URL:-}" ]; then
    DATABASE_MODE=external
    [ -n "${AUTH_DATABASE_URL:-}" ] || die "DATABASE_URL is set but AUTH_DATABASE_URL is not (see .env.example)."
    return 0
  fi
  DATABASE_MODE=embedded
  ensure_debian_packages
  load_cluster_secrets
  ensure_cluster_running
  local host="127.0.0.1:$PGPORT_EMBEDDED" db="${DATABASE_NAME:-p2p}"
  export DATABASE_URL="postgres://app_owner:$OWNER_PASSWORD@$host/$db?sslmode=disable"
  export AUTH_DATABASE_URL="postgres://app_authenticator:$AUTHENTICATOR_PASSWORD@$host/$db?sslmode=disable"
  export ROOT_DATABASE_URL="postgres://postgres:$SUPERUSER_PASSWORD@$host/postgres?sslmode=disable"
  if [ -z "${JWT_SECRET:-}" ] && [ "${NODE_ENV:-}" != production ]; then export JWT_SECRET=$DEV_JWT_SECRET; fi
  if [ -z "${TOTP_ENCRYPTION_KEY:-}" ] && [ "${NODE_ENV:-}" != production ]; then
    export TOTP_ENCRYPTION_KEY=$DEV_TOTP_ENCRYPTION_KEY
  fi
  if [ -z "${FILES_SIGNING_KEY:-}" ] && [ "${NODE_ENV:-}" != production ]; then
    export FILES_SIGNING_KEY=$DEV_FILES_SIGNING_KEY
  fi
}

bootstrap() {
  cd "$PROJECT_ROOT" || exit 1
  load_dotenv
  ensure_npm_packages
  export_database_env
  # Grafast's development mode adds checks and readable errors; production mode must be asked for explicitly.
  if [ -z "${GRAPHILE_ENV:-}" ]; then
    if [ "${NODE_ENV:-}" = production ]; then export GRAPHILE_ENV=production; else export GRAPHILE_ENV=development; fi
  fi
  export DATABASE_MODE PGDATA_EMBEDDED PG_BIN
}

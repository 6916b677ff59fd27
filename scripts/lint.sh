#!/usr/bin/env bash
# squawk over the up part of every migration (down sections drop things on purpose).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for file in db/migrations/*.sql; do
  sed '/^-- migrate:down/,$d' "$file" >"$tmp/$(basename "$file")"
done
squawk --pg-version=15.0 --assume-in-transaction "$tmp"/*.sql
echo "squawk: $(ls db/migrations/*.sql | wc -l) migrations clean" >&2

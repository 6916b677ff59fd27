#!/usr/bin/env bash
# `npm run lint`, also step two of `npm test`: squawk over the migrations, then Biome over the TypeScript (rules in
# biome.jsonc) and its format check (`npm run format` rewrites; biome.jsonc says what it covers).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

# squawk over the up part of every migration (down sections drop things on purpose).
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for file in db/migrations/*.sql; do
  sed '/^-- migrate:down/,$d' "$file" >"$tmp/$(basename "$file")"
done
squawk --pg-version=15.0 --assume-in-transaction "$tmp"/*.sql
echo "squawk: $(ls db/migrations/*.sql | wc -l) migrations clean" >&2

biome lint --error-on-warnings .

biome format .

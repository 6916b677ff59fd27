-- The chain of custody (docs/handover.md, Custody): append-only and hash-chained. The insert trigger numbers each
-- event of a delivery (seq from 1), links it to the previous one (prev_hash: its row_hash; 32 zero bytes for the
-- first) and seals it (row_hash: SHA-256 over prev_hash and the canonical fields), whatever the inserter wrote.
-- Updates, deletes and truncation are refused for every role, the owner included; verify_custody_chain recomputes
-- the chain, so a row changed with the triggers off is found.

-- The canonical text of an event: version, then every field in a fixed order, NULL as the empty string, the point as
-- hex WKB and the time in UTC microseconds, separated by '|'.
create or replace function app_hidden.custody_row_hash(event app_public.custody_events)
returns bytea
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select sha256((custody_row_hash.event).prev_hash || convert_to(concat_ws('|', 'custody-v1',
    (custody_row_hash.event).delivery_id::text, (custody_row_hash.event).seq::text, (custody_row_hash.event).event::text,
    coalesce((custody_row_hash.event).actor_id::text, ''), coalesce((custody_row_hash.event).method::text, ''),
    coalesce((custody_row_hash.event).scan_id::text, ''),
    coalesce(encode(public.st_asbinary((custody_row_hash.event).point), 'hex'), ''),
    coalesce((custody_row_hash.event).photo_sha256, ''), coalesce((custody_row_hash.event).signature_sha256, ''),
    to_char((custody_row_hash.event).created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')), 'UTF8'));
$$;
comment on function app_hidden.custody_row_hash(app_public.custody_events) is 'SHA-256 over an event''s prev_hash and canonical fields.';

-- Appends are serialised per delivery (a transaction-scoped advisory lock), so two events never take one seq.
create or replace function app_hidden.tg_custody_events__chain()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_last app_public.custody_events;
begin
  perform pg_advisory_xact_lock(hashtextextended('custody_events:' || NEW.delivery_id::text, 0));
  select * into v_last from app_public.custody_events e where e.delivery_id = NEW.delivery_id order by e.seq desc limit 1;
  NEW.seq := coalesce(v_last.seq, 0) + 1;
  NEW.prev_hash := coalesce(v_last.row_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
  NEW.created_at := now();
  NEW.row_hash := app_hidden.custody_row_hash(NEW);
  return NEW;
end;
$$;
comment on function app_hidden.tg_custody_events__chain() is 'Numbers, links and seals a new custody event.';

create or replace trigger _200_chain before insert on app_public.custody_events
  for each row execute function app_hidden.tg_custody_events__chain();
create or replace trigger _100_append_only before update or delete on app_public.custody_events
  for each row execute function app_hidden.tg__append_only();
create or replace trigger _100_append_only_truncate before truncate on app_public.custody_events
  for each statement execute function app_hidden.tg__append_only();

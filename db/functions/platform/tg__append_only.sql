-- Shared BEFORE UPDATE trigger of append-only tables (history, offer versions): refuses every change, for the owner
-- too. Attached by each domain beside its table's other triggers.
create or replace function app_hidden.tg__append_only()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  raise exception '% is append-only', TG_TABLE_NAME using errcode = 'DNIED';
end;
$$;
comment on function app_hidden.tg__append_only() is 'Refuses updates (and deletes) of append-only tables.';

-- What any client may know of the configuration before signing in (docs/platform.md, Configuration): the is_public
-- settings, as one object keyed category.key. Never a sensitive one (a CHECK keeps those private) and never a secret
-- (secrets live in the server's environment, not in this table).
create or replace function app_public.public_config()
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select coalesce(jsonb_object_agg(c.category || '.' || c.key, c.value order by c.category, c.key), '{}')
    from app_public.system_configuration c
   where c.is_public;
$$;
comment on function app_public.public_config() is 'The public settings, as one JSON object keyed category.key (e.g. platform.maintenance_mode).';
grant execute on function app_public.public_config() to app_anonymous;

-- Whether a user's statistics are public (docs/identity.md, Statistics): user_statistics.is_public, kept here so that
-- the user_statistics policy is a column predicate, evaluated per row, instead of the set of every user who shares
-- statistics (which grows with the user base). Public = the user shows them (preferences, privacy.show_statistics) and
-- the account is visible to others (active, not deleted: the users policy). The three triggers below recompute it
-- whenever one of those inputs changes.

-- The rule, for one user. Not granted: it reads preferences across RLS, so only the security definer triggers call it.
create or replace function app_hidden.statistics_public(user_id uuid)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select coalesce((
    select coalesce((p.privacy ->> 'show_statistics')::boolean, false) and u.status = 'active' and u.deleted_at is null
      from app_public.users u
      left join app_public.user_preferences p on p.user_id = u.id
     where u.id = statistics_public.user_id), false);
$$;
comment on function app_hidden.statistics_public(uuid) is 'Whether the user''s statistics are public: shown by their preferences, and the account active and not deleted.';

-- A new statistics row (created with the account, after its preferences) starts with the rule's answer.
create or replace function app_hidden.tg_user_statistics__is_public()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  NEW.is_public := app_hidden.statistics_public(NEW.user_id);
  return NEW;
end;
$$;
comment on function app_hidden.tg_user_statistics__is_public() is 'Sets is_public of a new statistics row.';
grant execute on function app_hidden.tg_user_statistics__is_public() to app_anonymous;

create or replace trigger _200_is_public before insert on app_public.user_statistics
  for each row execute function app_hidden.tg_user_statistics__is_public();

-- A change of the preferences or of the account's state recomputes the flag. The triggers calling this are security
-- definer (statistics have no write grant, and the user changing their preferences is the caller); not granted.
create or replace function app_hidden.refresh_statistics_visibility(user_id uuid)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_public.user_statistics s
     set is_public = app_hidden.statistics_public(s.user_id)
   where s.user_id = refresh_statistics_visibility.user_id
     and s.is_public is distinct from app_hidden.statistics_public(s.user_id);
$$;
comment on function app_hidden.refresh_statistics_visibility(uuid) is 'Recomputes user_statistics.is_public of the user.';

create or replace function app_hidden.tg_user_preferences__statistics_visibility()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.refresh_statistics_visibility(NEW.user_id);
  return null;
end;
$$;
comment on function app_hidden.tg_user_preferences__statistics_visibility() is 'Recomputes whether the user''s statistics are public after their privacy preferences change.';
grant execute on function app_hidden.tg_user_preferences__statistics_visibility() to app_anonymous;

create or replace trigger _200_statistics_visibility after insert or update of privacy on app_public.user_preferences
  for each row execute function app_hidden.tg_user_preferences__statistics_visibility();

create or replace function app_hidden.tg_users__statistics_visibility()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.refresh_statistics_visibility(NEW.id);
  return null;
end;
$$;
comment on function app_hidden.tg_users__statistics_visibility() is 'Recomputes whether the user''s statistics are public after the account''s status or deletion changes.';
grant execute on function app_hidden.tg_users__statistics_visibility() to app_anonymous;

create or replace trigger _200_statistics_visibility after update of status, deleted_at on app_public.users
  for each row when (OLD.status is distinct from NEW.status or OLD.deleted_at is distinct from NEW.deleted_at)
  execute function app_hidden.tg_users__statistics_visibility();

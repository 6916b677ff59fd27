-- The block rule (docs/social.md): two users are kept apart by a block in either direction — hidden from each other,
-- never matched, no offers between them. It is stated once, as the set of users a block separates from one user
-- (users_blocked_with); the pair test, the caller's set for policies and the searches derive from it.

-- Everyone a block separates from the user, in either direction: that user's blocks, a small set. Plain SQL without
-- SET options, set-returning, so the planner inlines it into the query that uses it: `not exists (select 1 from
-- app_hidden.users_blocked_with(v) b where b = t.traveler_id)` is an anti-join over the user's blocks, not a test per
-- row. Not granted: it reads every block row, so security definer code (as app_owner) calls it.
create or replace function app_hidden.users_blocked_with(user_id uuid)
returns setof uuid
language sql stable
as $$
  -- No search_path: a SET clause would stop the planner inlining it; names outside pg_catalog are schema-qualified.
  select b.blocked_id from app_public.user_blocks b where b.blocker_id = users_blocked_with.user_id
  union all
  select b.blocker_id from app_public.user_blocks b where b.blocked_id = users_blocked_with.user_id;
$$;
comment on function app_hidden.users_blocked_with(uuid) is 'The users a block separates from the user, in either direction.';

-- Whether a block separates the two users, in either direction (one pair: offers, matching). Not granted, like the
-- set it reads. A sub-select keeps a scalar SQL function from being inlined anyway, so it pins its search_path.
create or replace function app_hidden.users_blocked(a uuid, b uuid)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select exists (select 1 from app_hidden.users_blocked_with(users_blocked.a) x where x = users_blocked.b);
$$;
comment on function app_hidden.users_blocked(uuid, uuid) is 'Whether a block separates the two users, in either direction.';

-- The same set for the signed-in user, for policies (trips): `traveler_id not in (select app_hidden.blocked_user_ids())`
-- is one hashed lookup per row, computed once per statement. Security definer because the blocked side cannot read
-- the block row; it answers only about the caller, and nothing (an empty set) without a session.
create or replace function app_hidden.blocked_user_ids()
returns setof uuid
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select b from app_hidden.users_blocked_with(app_public.current_user_id()) b;
$$;
comment on function app_hidden.blocked_user_ids() is 'The users a block separates from the signed-in user, in either direction.';
grant execute on function app_hidden.blocked_user_ids() to app_user;

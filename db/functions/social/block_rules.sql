-- The one statement of the block rule (docs/social.md): two users are kept apart by a block in either
-- direction — hidden from each other, never matched, no offers between them. Plain SQL without SET options, so it is
-- inlined into the queries that use it (matching, the marketplace listing) and their indexes still apply. Not
-- granted: it sees only the blocks the caller's RLS shows, so it is called by security definer code (as app_owner).
create or replace function app_hidden.users_blocked(a uuid, b uuid)
returns boolean
language sql stable
as $$
  -- No search_path: a SET clause would stop the planner inlining it; names outside pg_catalog are schema-qualified.
  select exists (select 1 from app_public.user_blocks x
                  where (x.blocker_id = users_blocked.a and x.blocked_id = users_blocked.b)
                     or (x.blocker_id = users_blocked.b and x.blocked_id = users_blocked.a));
$$;
comment on function app_hidden.users_blocked(uuid, uuid) is 'Whether a block separates the two users, in either direction.';

-- The rule for the signed-in user and one other (search_users). Security definer because the
-- blocked side cannot read the block row; it answers only about pairs that include the caller.
create or replace function app_hidden.is_blocked_with(other_user_id uuid)
returns boolean
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select app_hidden.users_blocked(app_public.current_user_id(), is_blocked_with.other_user_id);
$$;
comment on function app_hidden.is_blocked_with(uuid) is 'Whether a block separates the signed-in user and the other user, in either direction.';
grant execute on function app_hidden.is_blocked_with(uuid) to app_user;

-- The same rule as a set, for policies (trips): every user a block separates from the signed-in user, in either
-- direction. Small per caller (their blocks), so `traveler_id not in (select app_hidden.blocked_user_ids())` is one
-- hashed lookup per row, computed once per statement. Security definer because the blocked side cannot read the
-- block row; it answers only about the caller, and nothing (an empty set) without a session.
create or replace function app_hidden.blocked_user_ids()
returns setof uuid
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select b.blocked_id from app_public.user_blocks b where b.blocker_id = app_public.current_user_id()
  union
  select b.blocker_id from app_public.user_blocks b where b.blocked_id = app_public.current_user_id();
$$;
comment on function app_hidden.blocked_user_ids() is 'The users a block separates from the signed-in user, in either direction.';
grant execute on function app_hidden.blocked_user_ids() to app_user;

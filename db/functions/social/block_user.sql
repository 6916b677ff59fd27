-- Blocks are private to the blocker (docs/domain.md §12). Blocking also drops the blocker's favorite of that user;
-- the pending offer threads between the two are declined by the offers domain's trigger on user_blocks
-- (app_hidden.tg_user_blocks__decline_offers), in the same transaction. Self-blocks fail on user_blocks_not_self
-- (23514).
create or replace function app_public.block_user(user_id uuid, reason app_public.block_reason default 'other')
returns app_public.user_blocks
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('block users');
  v_block app_public.user_blocks;
begin
  if not exists (select 1 from app_public.users u where u.id = block_user.user_id) then
    raise exception 'User not found' using errcode = 'NTFND';
  end if;
  insert into app_public.user_blocks (blocker_id, blocked_id, reason)
  values (v_user_id, block_user.user_id, coalesce(block_user.reason, 'other'))
  on conflict on constraint user_blocks_pair_key do nothing
  returning * into v_block;
  if v_block.id is null then
    select b.* into v_block from app_public.user_blocks b
     where b.blocker_id = v_user_id and b.blocked_id = block_user.user_id;
  end if;
  delete from app_public.user_favorites f where f.user_id = v_user_id and f.traveler_id = block_user.user_id;
  return v_block;
end;
$$;
comment on function app_public.block_user(uuid, app_public.block_reason) is E'@resultFieldName userBlock\nBlocks a user: the two are hidden from each other (trips, the request marketplace) and never matched, and the pending offers between them are declined. Blocking twice keeps the first block. Errors: LOGIN, NTFND, 23514 (yourself).';
grant execute on function app_public.block_user(uuid, app_public.block_reason) to app_user;

create or replace function app_public.unblock_user(user_id uuid)
returns boolean
language plpgsql volatile strict
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('unblock users');
begin
  delete from app_public.user_blocks b where b.blocker_id = v_user_id and b.blocked_id = unblock_user.user_id;
  return found;
end;
$$;
comment on function app_public.unblock_user(uuid) is E'@resultFieldName success\nRemoves a block the signed-in user made; false when there was none. Errors: LOGIN.';
grant execute on function app_public.unblock_user(uuid) to app_user;

create or replace trigger _100_default_user before insert on app_public.user_blocks
  for each row execute function app_hidden.tg__default_current_user('blocker_id');

-- The one statement of the block rule (docs/domain.md §12): two users are kept apart by a block in either
-- direction — hidden from each other, never matched, no offers between them. Plain SQL without SET options, so it is
-- inlined into the queries that use it (matching, the marketplace listing) and their indexes still apply. Not
-- granted: it sees only the blocks the caller's RLS shows, so it is called by security definer code (as app_owner).
create or replace function app_hidden.users_blocked(a uuid, b uuid)
returns boolean
language sql stable
as $$
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

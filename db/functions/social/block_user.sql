-- Blocks are private to the blocker (docs/social.md). Blocking also drops the blocker's favorite of that user;
-- the pending offer threads between the two are declined by the offers domain's trigger on user_blocks
-- (app_hidden.tg_user_blocks__decline_offers), in the same transaction. Self-blocks fail on user_blocks_not_self
-- (23514, which clients read as INVAL with its message).
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
comment on function app_public.block_user(uuid, app_public.block_reason) is E'@resultFieldName userBlock\nBlocks a user: the two are hidden from each other (trips, the request marketplace) and never matched, and the pending offers between them are declined. Blocking twice keeps the first block. Errors: LOGIN, NTFND, INVAL (yourself).';
grant execute on function app_public.block_user(uuid, app_public.block_reason) to app_user;

create or replace trigger _100_default_user before insert on app_public.user_blocks
  for each row execute function app_hidden.tg__default_current_user('blocker_id');

-- Deletion (docs/identity.md) in two steps:
--   now: refused while account_open_items() lists anything (BADST, listing every item); the account is hidden
--        (deleted_at, status deactivated), every device signed out, what was only announced is cancelled (open
--        delivery requests, as no_longer_needed; upcoming or delayed trips, as other), and what nobody needs any
--        more goes at once: bio, picture, addresses, favorites (both ways), documents still waiting for review
--        (withdrawn as expired);
--   after retention.anonymise_days: app_private.anonymise_deleted_users() scrubs names, email, phone, birth date,
--        documents and the password, keeping the user row itself so money rows, reviews and disputes stay whole.
-- The window leaves time to answer disputes and fraud checks about recent activity.
create or replace function app_public.delete_account(password text, reason text)
returns boolean
language plpgsql volatile strict security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('delete your account');
  v_reason text := trim(delete_account.reason);
  v_open text;
  v_request_id uuid;
  v_trip_id uuid;
begin
  if length(v_reason) not between 1 and 1000 then
    raise exception 'Give a reason of at most 1000 characters' using errcode = 'INVAL';
  end if;
  if not app_private.check_password(v_user_id, delete_account.password) then
    raise exception 'The password is wrong' using errcode = 'CREDS';
  end if;
  -- No key update: offers and deliveries reference the user (their foreign keys take key-share locks), so a full
  -- row lock here would deadlock with an offer accepted at this moment.
  perform 1 from app_public.users u where u.id = v_user_id for no key update;
  -- The requests and trips an offer could still reach are locked before the check, in the order every offer path
  -- locks (request, then trip): an offer submitted meanwhile (auto-accepted into a delivery at once) either commits
  -- first and is listed below, or waits and then finds its request or trip cancelled.
  perform 1 from app_public.delivery_requests r
   where r.customer_id = v_user_id and r.status in ('pending', 'matched') order by r.id for update;
  perform 1 from app_public.trips t
   where t.traveler_id = v_user_id and t.status in ('upcoming', 'delayed') order by t.id for update;
  select string_agg(item, '; ' order by item) into v_open from app_hidden.account_open_items(v_user_id) as item;
  if v_open is not null then
    raise exception 'The account cannot be deleted yet: close %', v_open using errcode = 'BADST';
  end if;

  -- Nothing is open, so no offer waits on these: they go quietly, through the same hooks as a cancellation.
  for v_request_id in
    update app_public.delivery_requests r
       set status = 'cancelled', cancellation_reason = 'no_longer_needed', cancelled_at = now(),
           cancellation_note = 'The account was deleted'
     where r.customer_id = v_user_id and r.status in ('pending', 'matched')
    returning r.id
  loop
    perform app_hidden.on_request_cancelled(v_request_id, v_user_id, 'no_longer_needed');
  end loop;
  for v_trip_id in
    update app_public.trips t
       set status = 'cancelled', cancellation_reason = 'other', cancellation_note = 'The account was deleted',
           cancelled_by = v_user_id, cancelled_at = now()
     where t.traveler_id = v_user_id and t.status in ('upcoming', 'delayed')
    returning t.id
  loop
    perform app_hidden.on_trip_cancelled(v_trip_id, v_user_id, false);
  end loop;

  update app_public.users u
     set status = 'deactivated', deactivated_at = coalesce(u.deactivated_at, now()), deleted_at = now(),
         bio = null, picture_id = null
   where u.id = v_user_id;
  delete from app_public.user_addresses a where a.user_id = v_user_id;
  delete from app_public.user_favorites f where f.user_id = v_user_id or f.traveler_id = v_user_id;
  update app_public.user_verification_documents d set status = 'expired'
   where d.user_id = v_user_id and d.status in ('pending', 'under_review');
  insert into app_private.account_closures (user_id, kind, reason) values (v_user_id, 'deleted', v_reason);
  perform app_private.revoke_user_sessions(v_user_id);
  return true;
end;
$$;
comment on function app_public.delete_account(text, text) is E'@resultFieldName success\nDeletes the signed-in user''s account: it disappears at once, every device is signed out, and personal data is anonymised after 30 days (payments, reviews and disputes are kept). Needs the password and a reason. Errors: LOGIN, INVAL, CREDS (wrong password), BADST (something is still open: a live delivery or one that may still be disputed, a pending offer, an admin role; the message lists each). Open delivery requests and upcoming trips are cancelled with the account.';
grant execute on function app_public.delete_account(text, text) to app_user;

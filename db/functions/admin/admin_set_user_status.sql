-- An admin with users.suspend suspends (for duration_days, or until lifted), bans or reinstates an account
-- (docs/admin.md, User status). Suspending or banning signs the user out of every device at once and tells them
-- (email and in-app, security category: always sent); reinstating makes the account active again (pending when its
-- email was never verified, as at the end of a suspension). Admins never change their own status, nor an active
-- admin's (revoke the role first). Recorded in app_private.user_status_changes and logged (high; medium to reinstate).
create or replace function app_public.admin_set_user_status(
  user_id uuid,
  status app_public.user_status,
  reason app_public.user_status_reason,
  duration_days integer default null,
  note text default null
)
returns app_public.users
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin_id uuid := app_private.require_admin('users.suspend', 'change account statuses');
  v_user app_public.users;
  v_new app_public.users;
  v_verified boolean;
  v_note text := nullif(trim(admin_set_user_status.note), '');
  v_why text;
begin
  if admin_set_user_status.status is null or admin_set_user_status.status not in ('active', 'suspended', 'banned') then
    raise exception 'status must be active, suspended or banned' using errcode = 'INVAL';
  end if;
  if admin_set_user_status.reason is null then
    raise exception 'reason is required' using errcode = 'INVAL';
  end if;
  if admin_set_user_status.duration_days is not null
     and (admin_set_user_status.status <> 'suspended' or admin_set_user_status.duration_days not between 1 and 3650) then
    raise exception 'duration_days applies to suspensions only, from 1 to 3650 days (none: until lifted)' using errcode = 'INVAL';
  end if;
  if length(v_note) > 1000 then
    raise exception 'note must have at most 1000 characters' using errcode = 'INVAL';
  end if;
  select u.* into v_user from app_public.users u
   where u.id = admin_set_user_status.user_id and u.deleted_at is null for update;
  select c.email_verified_at is not null into v_verified from app_public.user_contacts c where c.user_id = v_user.id;
  if v_user.id is null then
    raise exception 'User not found' using errcode = 'NTFND';
  end if;
  if v_user.id = v_admin_id then
    raise exception 'Admins do not change their own account status' using errcode = 'DNIED';
  end if;
  if exists (select 1 from app_private.admin_users a where a.user_id = v_user.id and a.is_active) then
    raise exception 'This account is an active admin: revoke the role first' using errcode = 'DNIED';
  end if;
  if (admin_set_user_status.status = 'active' and v_user.status not in ('suspended', 'banned'))
     or (admin_set_user_status.status = 'suspended' and v_user.status = 'banned')
     or (admin_set_user_status.status = 'banned' and v_user.status = 'banned') then
    raise exception 'A % account cannot become %', v_user.status, admin_set_user_status.status using errcode = 'BADST';
  end if;

  update app_public.users u
     set status = case when admin_set_user_status.status = 'active' and not v_verified then 'pending'
                       else admin_set_user_status.status end,
         suspended_until = case when admin_set_user_status.status = 'suspended' and admin_set_user_status.duration_days is not null
                                then now() + make_interval(days => admin_set_user_status.duration_days) end
   where u.id = v_user.id
  returning u.* into v_new;
  v_why := admin_set_user_status.reason::text || coalesce(': ' || v_note, '');
  insert into app_private.user_status_changes (user_id, old_status, new_status, reason, changed_by)
  values (v_user.id, v_user.status, v_new.status, left(v_why, 1000), v_admin_id);
  if v_new.status in ('suspended', 'banned') then
    perform app_private.revoke_user_sessions(v_user.id);
    perform app_hidden.notify(v_user.id, 'account_' || v_new.status::text,
      -- No until: suspended until an administrator lifts it (the template says so in the reader's language).
      jsonb_strip_nulls(jsonb_build_object('reason', admin_set_user_status.reason,
                                           'until', app_hidden.notification_time(v_new.suspended_until))),
      'high');
  end if;
  perform app_hidden.log_admin_action('admin_set_user_status', 'user', v_user.id::text,
    case when v_new.status = 'active' or v_new.status = 'pending' then 'medium' else 'high' end::app_public.activity_severity,
    jsonb_build_object('status', v_user.status, 'suspended_until', v_user.suspended_until),
    jsonb_build_object('status', v_new.status, 'suspended_until', v_new.suspended_until),
    v_why);
  return v_new;
end;
$$;
comment on function app_public.admin_set_user_status(uuid, app_public.user_status, app_public.user_status_reason, integer, text) is
  E'@resultFieldName user\nSuspends (for durationDays, or until lifted), bans or reinstates an account (admins with users.suspend, in a two-factor session; audited). Suspending or banning signs the user out everywhere and tells them. Errors: LOGIN, DNIED (oneself, an active admin), INVAL, NTFND, BADST (a transition that does not apply).';
grant execute on function app_public.admin_set_user_status(uuid, app_public.user_status, app_public.user_status_reason, integer, text) to app_user;

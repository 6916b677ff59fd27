-- A successful sign-in (password, or password + second factor) undoes a deactivation that login still accepts.
create or replace function app_private.reactivate_account(user_id uuid)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_public.users u
     set status = case when c.email_verified_at is not null then 'active' else 'pending' end::app_public.user_status,
         deactivated_at = null
    from app_public.user_contacts c
   where u.id = reactivate_account.user_id and c.user_id = u.id
     and u.status = 'deactivated' and u.deleted_at is null;
$$;
comment on function app_private.reactivate_account(uuid) is 'Returns a deactivated, undeleted account to active (or pending without a verified email).';

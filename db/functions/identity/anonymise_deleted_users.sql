-- Daily maintenance (the cleanup job): accounts deleted longer than retention.anonymise_days ago lose every piece of
-- personal data; the user row stays (as "Deleted") so money rows, reviews and disputes keep their references.
-- Idempotent and batched (retention.batch_size); returns how many accounts it anonymised.
create or replace function app_private.anonymise_deleted_users()
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_closure record;
  v_count integer := 0;
begin
  for v_closure in
    select cl.id, cl.user_id
      from app_private.account_closures cl
      join app_public.users u on u.id = cl.user_id
     where cl.kind = 'deleted' and cl.anonymised_at is null and u.deleted_at is not null
       and u.deleted_at < now() - make_interval(days => (app_hidden.config_value('retention.anonymise_days'))::int)
     order by cl.created_at
     limit (app_hidden.config_value('retention.batch_size'))::int
     for update of cl skip locked
  loop
    update app_public.user_contacts c
       set email = 'deleted-' || c.user_id || '@deleted.invalid', email_verified_at = null, last_name = null,
           phone_number = null, phone_verified_at = null, date_of_birth = null
     where c.user_id = v_closure.user_id;
    update app_public.users u set first_name = 'Deleted', bio = null, picture_id = null
     where u.id = v_closure.user_id;
    delete from app_public.user_verification_documents d where d.user_id = v_closure.user_id;
    -- Their files go with them (the bytes follow, files__remove_objects), except what a delivery holds as evidence:
    -- attached photos and signatures stay with the delivery's records, as its money rows do.
    delete from app_public.files f
     where f.owner_id = v_closure.user_id
       and (f.purpose in ('avatar', 'verification_document') or f.attached_at is null);
    delete from app_public.user_addresses a where a.user_id = v_closure.user_id;
    delete from app_private.user_secrets s where s.user_id = v_closure.user_id;
    delete from app_private.sessions s where s.user_id = v_closure.user_id;
    update app_private.account_closures cl set anonymised_at = now() where cl.id = v_closure.id;
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;
comment on function app_private.anonymise_deleted_users() is 'Scrubs the personal data of accounts deleted longer ago than the retention period.';

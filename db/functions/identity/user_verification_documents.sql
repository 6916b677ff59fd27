-- Triggers of user_verification_documents: the owner column, the upload limit (verification.uploads_per_30d per
-- type per 30 days, whatever path inserts) and the verification level, recomputed after every change.
create or replace function app_hidden.tg_user_verification_documents__upload_limit()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_limit int := (app_hidden.config_value('verification.uploads_per_30d'))::int;
begin
  if (select count(*) from app_public.user_verification_documents d
       where d.user_id = NEW.user_id and d.document_type = NEW.document_type
         and d.created_at > now() - interval '30 days') >= v_limit then
    raise exception 'At most % documents of one type may be submitted in 30 days', v_limit using errcode = 'LIMIT';
  end if;
  return NEW;
end;
$$;
comment on function app_hidden.tg_user_verification_documents__upload_limit() is 'Refuses a document beyond the upload limit per type and 30 days (LIMIT).';
grant execute on function app_hidden.tg_user_verification_documents__upload_limit() to app_user;

create or replace function app_hidden.tg_user_verification_documents__refresh_level()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  perform app_hidden.refresh_verification_level(case when TG_OP = 'DELETE' then OLD.user_id else NEW.user_id end);
  return null;
end;
$$;
comment on function app_hidden.tg_user_verification_documents__refresh_level() is 'Recomputes the owner''s verification level after a document changes.';
grant execute on function app_hidden.tg_user_verification_documents__refresh_level() to app_user;

create or replace trigger _100_default_user before insert on app_public.user_verification_documents
  for each row execute function app_hidden.tg__default_current_user('user_id');
create or replace trigger _100_timestamps before update on app_public.user_verification_documents
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _200_upload_limit before insert on app_public.user_verification_documents
  for each row execute function app_hidden.tg_user_verification_documents__upload_limit();
create or replace trigger _900_refresh_level after insert or delete or update of status, expires_on
  on app_public.user_verification_documents
  for each row execute function app_hidden.tg_user_verification_documents__refresh_level();

-- Daily maintenance (the cleanup job): documents past expires_on become expired (at most retention.batch_size per
-- call; the trigger above lowers their owners' levels). Returns the documents expired.
create or replace function app_private.expire_verification_documents()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with expired as (
    update app_public.user_verification_documents d set status = 'expired'
     where d.id in (select e.id from app_public.user_verification_documents e
                     where e.status in ('pending', 'under_review', 'approved') and e.expires_on < current_date
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  )
  select count(*)::integer from expired;
$$;
comment on function app_private.expire_verification_documents() is 'Marks documents past their expiry as expired, at most retention.batch_size; returns how many.';

-- Daily maintenance (the cleanup job): a level can also drop with nothing changing but time, when the proof of
-- address of a fully verified user ages out of verification.address_doc_max_age_days. Only those users are
-- recomputed (each loses fully_verified, so the next call moves on), at most retention.batch_size per call.
create or replace function app_private.refresh_stale_verification_levels()
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid;
  v_count integer := 0;
begin
  for v_user_id in
    select u.id from app_public.users u
     where u.verification_level = 'fully_verified'
       and not exists (select 1 from app_public.user_verification_documents d
                        where d.user_id = u.id and app_hidden.counts_as_proof_of_address(d))
     limit (app_hidden.config_value('retention.batch_size'))::int
  loop
    perform app_hidden.refresh_verification_level(v_user_id);
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;
comment on function app_private.refresh_stale_verification_levels() is 'Recomputes the level of fully verified users whose proof of address no longer counts, at most retention.batch_size; returns how many.';

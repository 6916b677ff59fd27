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

-- Daily maintenance (the cleanup job): documents past expires_on become expired, and accounts whose proof of
-- address aged out of verification.address_doc_max_age_days drop a level. Returns the documents expired.
create or replace function app_private.expire_verification_documents()
returns integer
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_count integer;
begin
  update app_public.user_verification_documents d set status = 'expired'
   where d.status in ('pending', 'under_review', 'approved') and d.expires_on < current_date;
  get diagnostics v_count = row_count;
  perform app_hidden.refresh_verification_level(u.id)
     from app_public.users u where u.verification_level = 'fully_verified';
  return v_count;
end;
$$;
comment on function app_private.expire_verification_documents() is 'Marks documents past their expiry as expired and lowers verification levels that no longer hold.';

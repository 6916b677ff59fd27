-- Attaching files to what they are for (docs/files.md, Attaching files): a profile picture, a verification
-- document's images, a delivery's photos and signature. Only the owner of the row attaches, only their own ready
-- file of a purpose the column takes; the file is marked attached (unattached ready files are removed by the daily
-- cleanup). Who may then read an attached file is the files policy's (db/policies/files/files.sql), with the
-- delivery parties' set below.

-- Shared BEFORE INSERT OR UPDATE trigger. TG_ARGV[0] names the row's owner column; every further argument is
-- '<file column>:<purpose>[|<purpose>…]'. A file column that is set (or changed) must name a ready file owned by the
-- row's owner whose purpose is one of those listed; INVAL (naming the column) or BADST (not ready) otherwise.
-- Security definer: it reads and marks the file whatever the caller's policies, and it only ever accepts a file
-- whose owner is the row's owner (the rows' own policies and functions decide who that may be).
create or replace function app_hidden.tg__attach_files()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_new jsonb := to_jsonb(NEW);
  v_old jsonb := case when TG_OP = 'UPDATE' then to_jsonb(OLD) end;
  v_owner_id uuid := (v_new ->> TG_ARGV[0])::uuid;
  v_column text;
  v_purposes app_public.file_purpose[];
  v_file_id uuid;
  v_file app_public.files;
begin
  for i in 1 .. TG_NARGS - 1 loop
    v_column := split_part(TG_ARGV[i], ':', 1);
    v_file_id := (v_new ->> v_column)::uuid;
    continue when v_file_id is null or v_file_id is not distinct from (v_old ->> v_column)::uuid;
    v_purposes := string_to_array(split_part(TG_ARGV[i], ':', 2), '|')::app_public.file_purpose[];
    -- Locked so that the cleanup cannot remove it between this check and the commit.
    select * into v_file from app_public.files f where f.id = v_file_id for share;
    if not found or v_file.owner_id is distinct from v_owner_id then
      raise exception '%: no file of yours has this id', v_column using errcode = 'INVAL';
    end if;
    if v_file.purpose <> all (v_purposes) then
      raise exception '%: this file was uploaded as %, not as %', v_column, v_file.purpose,
        array_to_string(v_purposes, ' or ') using errcode = 'INVAL';
    end if;
    if v_file.status <> 'ready' then
      raise exception '%: this file is not ready (its upload has not completed)', v_column using errcode = 'BADST';
    end if;
    update app_public.files f set attached_at = now() where f.id = v_file_id and f.attached_at is null;
  end loop;
  return NEW;
end;
$$;
comment on function app_hidden.tg__attach_files() is 'Lets a row reference only ready files of its owner with a purpose its column takes (TG_ARGV: owner column, then column:purpose|purpose…), and marks them attached.';

drop trigger if exists _200_attach_files on app_public.users;
create trigger _200_attach_files before insert or update of picture_id on app_public.users
  for each row execute function app_hidden.tg__attach_files('id', 'picture_id:avatar');

drop trigger if exists _200_attach_files on app_public.user_verification_documents;
create trigger _200_attach_files
  before insert or update of front_image_id, back_image_id, selfie_image_id on app_public.user_verification_documents
  for each row execute function app_hidden.tg__attach_files('user_id', 'front_image_id:verification_document',
    'back_image_id:verification_document', 'selfie_image_id:verification_document');

-- The traveler takes the photos (pickup, refused pickup, drop-off) and holds the device the recipient signs on.
drop trigger if exists _200_attach_files on app_public.deliveries;
create trigger _200_attach_files
  before insert or update of pickup_photo_id, delivery_photo_id, signature_id on app_public.deliveries
  for each row execute function app_hidden.tg__attach_files('traveler_id', 'pickup_photo_id:pickup_evidence|refused_pickup',
    'delivery_photo_id:delivery_evidence', 'signature_id:delivery_evidence');

-- A conversation message may carry one of its author's item photos (docs/conversations.md).
drop trigger if exists _200_attach_files on app_public.conversation_messages;
create trigger _200_attach_files before insert or update of attachment_id on app_public.conversation_messages
  for each row execute function app_hidden.tg__attach_files('author_id', 'attachment_id:item_photo');

-- A dispute's evidence is a file of whoever submits it (docs/disputes.md, Evidence).
drop trigger if exists _200_attach_files on app_public.dispute_evidence;
create trigger _200_attach_files before insert on app_public.dispute_evidence
  for each row execute function app_hidden.tg__attach_files('submitted_by', 'file_id:dispute_evidence');

-- A replaced or removed profile picture is deleted at once (its bytes follow, files__remove_objects): nothing else
-- references an avatar, and an old face should not outlive the change.
create or replace function app_hidden.tg_users__remove_replaced_picture()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
begin
  delete from app_public.files f where f.id = OLD.picture_id and f.owner_id = OLD.id and f.purpose = 'avatar';
  return null;
end;
$$;
comment on function app_hidden.tg_users__remove_replaced_picture() is 'Deletes the avatar file a user''s picture no longer references.';

drop trigger if exists _500_remove_replaced_picture on app_public.users;
create trigger _500_remove_replaced_picture after update of picture_id on app_public.users
  for each row when (OLD.picture_id is not null and OLD.picture_id is distinct from NEW.picture_id)
  execute function app_hidden.tg_users__remove_replaced_picture();

-- The files attached to the signed-in user's deliveries that the other party may see: while the delivery is live or
-- disputed, and for deliveries.dispute_window_hours after it was delivered or cancelled (when a dispute may still
-- be opened). A small set per caller, read once per statement by the files policy. Security definer to read
-- deliveries without their policies; it only ever answers about the caller's own deliveries.
create or replace function app_hidden.current_party_delivery_file_ids()
returns setof uuid
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select f.file_id
    from app_public.deliveries d
   cross join lateral (values (d.pickup_photo_id), (d.delivery_photo_id), (d.signature_id)) as f (file_id)
   where (d.customer_id = app_public.current_user_id() or d.traveler_id = app_public.current_user_id())
     and f.file_id is not null
     and (d.status not in ('delivered', 'cancelled')
          or coalesce(d.delivered_at, d.cancelled_at)
             > now() - make_interval(hours => (app_hidden.config_value('deliveries.dispute_window_hours'))::int))
  union all
  -- The evidence files of the disputes the user is a party to (docs/disputes.md).
  select e.file_id
    from app_public.dispute_evidence e
   where e.dispute_id = any (array(select app_hidden.current_party_dispute_ids())) and e.file_id is not null;
$$;
comment on function app_hidden.current_party_delivery_file_ids() is 'Photos and signatures of the signed-in user''s deliveries that are live, disputed or within the dispute window, and the evidence files of their disputes.';
grant execute on function app_hidden.current_party_delivery_file_ids() to app_user;

-- Daily cleanup (app_private.cleanup_expired_data): ready files that nothing attached within files.unattached_days
-- are deleted, oldest first, at most retention.batch_size per call; their bytes follow (files__remove_objects).
create or replace function app_private.remove_unattached_files()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with gone as (
    delete from app_public.files f
     where f.id in (select u.id from app_public.files u
                     where u.status = 'ready' and u.attached_at is null
                       and u.ready_at < now() - make_interval(days => (app_hidden.config_value('files.unattached_days'))::int)
                     order by u.ready_at
                     limit (app_hidden.config_value('retention.batch_size'))::int
                     for update skip locked)
    returning 1)
  select count(*)::int from gone;
$$;
comment on function app_private.remove_unattached_files() is 'Deletes up to retention.batch_size ready files never attached within files.unattached_days; returns how many.';

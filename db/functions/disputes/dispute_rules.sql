-- The disputes domain's shared helpers (docs/disputes.md): which statuses are open, the parties' set for the
-- policies, the caller checks, the one way a party-visible message is posted, the admins' alerts, the due dates,
-- and the tables' triggers (timestamps; evidence, messages and settlements are append-only).

-- A dispute is open (it freezes the delivery's escrow, and only one may be per delivery) until it is resolved.
create or replace function app_hidden.dispute_status_open(status app_public.dispute_status)
returns boolean
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select dispute_status_open.status in ('open', 'under_review', 'awaiting_response', 'escalated');
$$;
comment on function app_hidden.dispute_status_open(app_public.dispute_status) is 'Whether a dispute in this status is open (freezes the escrow; one per delivery).';

-- The release criteria (app_private.escrows_to_release) and the manual release ask this: an open dispute freezes the
-- delivery's escrow. The partial unique index disputes_one_open_per_delivery serves it.
create or replace function app_hidden.delivery_has_open_dispute(delivery_id uuid)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select exists (select 1 from app_public.disputes s
                  where s.delivery_id = delivery_has_open_dispute.delivery_id
                    and s.status in ('open', 'under_review', 'awaiting_response', 'escalated'));
$$;
comment on function app_hidden.delivery_has_open_dispute(uuid) is 'Whether the delivery has an open dispute (its escrow is frozen).';

-- The disputes the signed-in user is a party to: a small set per caller, for the policies of the evidence and the
-- messages (a policy never queries its own table) and for the files policy (the other party's evidence files).
create or replace function app_hidden.current_party_dispute_ids()
returns setof uuid
language sql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
  select s.id from app_public.disputes s where s.complainant_id = app_public.current_user_id()
  union all
  select s.id from app_public.disputes s where s.respondent_id = app_public.current_user_id();
$$;
comment on function app_hidden.current_party_dispute_ids() is 'Ids of the disputes the signed-in user is a party to.';
grant execute on function app_hidden.current_party_dispute_ids() to app_user;

-- n business days (Monday to Friday, UTC) after a moment, at the same time of day.
create or replace function app_hidden.add_business_days(start_at timestamptz, days integer)
returns timestamptz
language sql immutable
set search_path = pg_catalog, public, pg_temp
as $$
  select add_business_days.start_at + make_interval(days => (
    select max(n) from (
      select n from generate_series(1, add_business_days.days * 2 + 7) as n
       where extract(isodow from (add_business_days.start_at at time zone 'UTC') + make_interval(days => n)) < 6
       order by n limit add_business_days.days) as business));
$$;
comment on function app_hidden.add_business_days(timestamptz, integer) is 'The moment n business days (Monday–Friday, UTC) after start_at.';

-- A dispute, locked, for someone who may act on it: a party, or an admin with the permission (in a two-factor
-- session). NTFND for anybody else (they cannot see it), DNIED for an admin who reads disputes without the permission.
-- The caller is the admin when they are not one of the parties.
create or replace function app_private.lock_dispute_for(dispute_id uuid, user_id uuid, admin_permission text)
returns app_public.disputes
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_dispute app_public.disputes;
begin
  select * into v_dispute from app_public.disputes s where s.id = lock_dispute_for.dispute_id for update;
  if v_dispute.id is null then
    raise exception 'Dispute not found' using errcode = 'NTFND';
  end if;
  if lock_dispute_for.user_id in (v_dispute.complainant_id, v_dispute.respondent_id) then
    return v_dispute;
  end if;
  if app_hidden.current_user_has_permission(lock_dispute_for.admin_permission) then
    perform app_private.require_admin(lock_dispute_for.admin_permission, 'act on disputes');
    return v_dispute;
  end if;
  if app_hidden.current_user_has_permission('disputes.read') then
    raise exception 'Only admins with % may do this', lock_dispute_for.admin_permission using errcode = 'DNIED';
  end if;
  raise exception 'Dispute not found' using errcode = 'NTFND';
end;
$$;
comment on function app_private.lock_dispute_for(uuid, uuid, text) is 'Locks a dispute for a party or an admin with the permission; NTFND for anybody who cannot see it, DNIED for an admin without the permission.';

-- The one way a party-visible message of a dispute is posted (by a party or an admin with disputes.write, already
-- checked by the caller): into the dispute's conversation, through send_message (docs/conversations.md, Disputes),
-- so that live events, notifications and read positions are the conversations domain's.
create or replace function app_hidden.post_dispute_party_message(dispute_id uuid, author_id uuid, body text)
returns app_public.conversation_messages
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_conversation_id uuid;
begin
  if post_dispute_party_message.author_id is distinct from app_public.current_user_id() then
    raise exception 'Only the signed-in user may post as themselves' using errcode = 'DNIED';
  end if;
  select c.id into v_conversation_id from app_public.conversations c
   where c.dispute_id = post_dispute_party_message.dispute_id;
  if v_conversation_id is null then
    raise exception 'Dispute not found' using errcode = 'NTFND';
  end if;
  return app_public.send_message(v_conversation_id, nullif(trim(post_dispute_party_message.body), ''));
end;
$$;
comment on function app_hidden.post_dispute_party_message(uuid, uuid, text) is 'Posts a message of a dispute that its parties read, in the dispute''s conversation.';

-- The status follows the exchange in a dispute's conversation (called by send_message, the dispute locked first by
-- app_hidden.conversation_of_party): an admin's message to the parties makes an open or reviewed dispute
-- awaiting_response and is the first response; a party's answer puts an awaiting dispute back under_review.
create or replace function app_hidden.dispute_message_posted(dispute_id uuid, from_staff boolean)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  update app_public.disputes s
     set status = case when dispute_message_posted.from_staff and s.status in ('open', 'under_review') then 'awaiting_response'
                       when not dispute_message_posted.from_staff and s.status = 'awaiting_response' then 'under_review'
                       else s.status end::app_public.dispute_status,
         first_response_at = case when dispute_message_posted.from_staff then coalesce(s.first_response_at, now())
                                  else s.first_response_at end
   where s.id = dispute_message_posted.dispute_id;
$$;
comment on function app_hidden.dispute_message_posted(uuid, boolean) is 'Moves a dispute''s status after a message in its conversation (staff: awaiting_response; a party: back under_review).';

create or replace trigger _100_timestamps before update on app_public.disputes
  for each row execute function app_hidden.tg__set_updated_at();
create or replace trigger _100_append_only before update or delete on app_public.dispute_evidence
  for each row execute function app_hidden.tg__append_only();
create or replace trigger _100_append_only before update or delete on app_public.dispute_messages
  for each row execute function app_hidden.tg__append_only();
create or replace trigger _100_append_only before update or delete on app_private.dispute_settlements
  for each row execute function app_hidden.tg__append_only();

-- The deliveries whose evidence no retention step may delete: an open dispute, or one settled less than
-- tracking.dispute_grace_days ago. Every step that deletes evidence (QR scans: operations/retention_steps.sql;
-- location points: tracking/location_tracking_partitions.sql) asks it.
create or replace function app_private.evidence_held_delivery_ids()
returns setof uuid
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select x.delivery_id from app_public.disputes x
   where x.resolved_at is null
      or x.resolved_at > now() - make_interval(days => (app_hidden.config_value('tracking.dispute_grace_days'))::integer);
$$;
comment on function app_private.evidence_held_delivery_ids() is 'Deliveries whose evidence retention must keep: a dispute still open, or settled less than tracking.dispute_grace_days ago.';

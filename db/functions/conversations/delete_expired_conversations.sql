-- Daily cleanup (app_private.cleanup_expired_data, docs/conversations.md Retention): a conversation is kept while its
-- offer is pending or its delivery live or disputed; once its delivery was delivered or cancelled, for
-- deliveries.dispute_window_hours (a dispute may still be opened) plus conversations.retention_days; a thread that
-- ended without a delivery, for conversations.retention_days after it closed. Then it goes with its messages, read
-- positions, reports and originals. At most retention.batch_size per call, oldest first; returns how many.
create or replace function app_private.delete_expired_conversations()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with settings as (
    select make_interval(days => (app_hidden.config_value('conversations.retention_days'))::int) as keep,
           make_interval(hours => (app_hidden.config_value('deliveries.dispute_window_hours'))::int) as dispute_window),
  gone as (
    delete from app_public.conversations c
     where c.id in (
       select e.id from (
         select c2.id, coalesce(d.delivered_at, d.cancelled_at) + s.dispute_window + s.keep as until
           from app_public.conversations c2
           join app_public.deliveries d on d.id = c2.delivery_id
          cross join settings s
          where d.status in ('delivered', 'cancelled')
            -- A dispute's evidence includes what was said: none goes while a dispute holds the delivery.
            and d.id not in (select app_private.evidence_held_delivery_ids())
         union all
         select c3.id, o.closed_at + s.keep
           from app_public.conversations c3
           join app_public.delivery_offers o on o.id = c3.offer_id
          cross join settings s
          where c3.delivery_id is null and o.status <> 'pending'
       ) e
        where e.until < now()
        order by e.until
        limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1)
  select count(*)::int from gone;
$$;
comment on function app_private.delete_expired_conversations() is 'Deletes up to retention.batch_size conversations past their retention (ended deliveries after the dispute window plus conversations.retention_days; closed threads without delivery after retention_days); returns how many.';

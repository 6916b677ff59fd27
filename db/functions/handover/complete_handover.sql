-- The success of a handover, shared by scan_qr_code, redeem_backup_code and use_emergency_override
-- (docs/handover.md, Success), in the attempt's transaction: the delivery moves (picked_up or delivered, by the
-- transition function, whose trigger also consumes the trip's capacity at delivery, mirrors the request and counts
-- the statistics), deliveries.verification records how, the custody event is written with the stored SHA-256 of
-- the photo and signature, the payment job is enqueued (payments__capture at pickup, payments__hold at delivery;
-- payload {"id": delivery}, job_key '<task>:<delivery>'; the payments issue implements them and reads
-- verification -> <qr_type> ->> 'review_required') and both parties are emailed. The evidence files are already
-- attached (app_private.attach_handover_evidence).
create or replace function app_hidden.complete_handover(
  delivery_id uuid,
  qr_type app_public.qr_type,
  source app_public.transition_source,
  actor_id uuid,
  method app_public.handover_method,
  scan_id uuid,
  point geography,
  review_required boolean
)
returns app_public.deliveries
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_delivery app_public.deliveries;
  v_task text := case complete_handover.qr_type when 'pickup' then 'payments__capture' else 'payments__hold' end;
begin
  v_delivery := app_hidden.transition_delivery(complete_handover.delivery_id,
    case complete_handover.qr_type when 'pickup' then 'picked_up' else 'delivered' end::app_public.delivery_status,
    complete_handover.source, complete_handover.actor_id);
  update app_public.deliveries d
     set verification = coalesce(d.verification, '{}'::jsonb) || jsonb_build_object(complete_handover.qr_type::text,
           jsonb_build_object('method', complete_handover.method, 'scan_id', complete_handover.scan_id, 'at', now(),
                              'review_required', coalesce(complete_handover.review_required, false)))
   where d.id = v_delivery.id
  returning d.* into v_delivery;
  insert into app_public.custody_events (delivery_id, seq, event, actor_id, method, scan_id, point, photo_sha256,
                                         signature_sha256, prev_hash, row_hash)
  select v_delivery.id, 1, case complete_handover.qr_type when 'pickup' then 'picked_up' else 'delivered' end::app_public.custody_event_type,
         complete_handover.actor_id, complete_handover.method, complete_handover.scan_id, complete_handover.point,
         (select o.stored_sha256 from app_private.file_objects o
           where o.file_id = case complete_handover.qr_type when 'pickup' then v_delivery.pickup_photo_id
                                                            else v_delivery.delivery_photo_id end),
         case when complete_handover.qr_type = 'delivery'
              then (select o.stored_sha256 from app_private.file_objects o where o.file_id = v_delivery.signature_id) end,
         -- placeholders: the chain trigger sets seq and both hashes
         '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea,
         '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
  perform graphile_worker.add_job(v_task, json_build_object('id', v_delivery.id), job_key := v_task || ':' || v_delivery.id);
  perform app_hidden.notify(u.id,
    case complete_handover.qr_type when 'pickup' then 'item_picked_up' else 'item_delivered' end,
    jsonb_build_object('delivery_number', v_delivery.delivery_number,
                       'method', replace(complete_handover.method::text, '_', ' '),
                       'review_hint', complete_handover.qr_type = 'delivery' and u.id = v_delivery.customer_id),
    'normal', v_delivery.id)
    from unnest(array[v_delivery.customer_id, v_delivery.traveler_id]) as u(id);
  return v_delivery;
end;
$$;
comment on function app_hidden.complete_handover(uuid, app_public.qr_type, app_public.transition_source, uuid, app_public.handover_method, uuid, geography, boolean) is
  'A proven handover''s effects: the transition, the verification record, the custody event, the payment job and the emails.';

-- The predicate the pickup handover checks (docs/payments.md, Flow): the item may be taken only once the
-- customer's card is authorised, i.e. the payment reached requires_capture (or was already captured) and was not
-- cancelled. Plain SQL under the caller's rights: the handover's functions run as the owner; an API caller sees
-- only payments their policy shows (a party's own).
create or replace function app_hidden.payment_authorized(delivery_id uuid)
returns boolean
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select exists (select 1 from app_public.payment_intents p
                  where p.delivery_id = payment_authorized.delivery_id
                    and p.status in ('requires_capture', 'succeeded'));
$$;
comment on function app_hidden.payment_authorized(uuid) is
  'Whether the delivery''s payment is authorised (requires_capture) or captured, and not cancelled or failed: the pickup''s payment check.';
grant execute on function app_hidden.payment_authorized(uuid) to app_user;

-- Reporting a listing (docs/requests.md, docs/social.md): there is no separate request-report table; a report about a request
-- is a user_reports row about its customer with delivery_request_id set, so moderators work one queue and
-- handle_user_report applies unchanged. Only requests the caller can see in the marketplace may be reported (others
-- answer NTFND, as if they did not exist); the customer's own requests are never listed to them.
create or replace function app_public.report_delivery_request(
  request_id uuid,
  category app_public.user_report_category,
  description text
)
returns app_public.user_reports
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('report delivery requests');
  v_customer_id uuid;
begin
  select r.customer_id into v_customer_id
    from app_hidden.listed_delivery_requests(v_user_id) r
   where r.id = report_delivery_request.request_id;
  -- The traveler carrying it knows the request too, even though it left the marketplace.
  if v_customer_id is null then
    select d.customer_id into v_customer_id from app_public.deliveries d
     where d.request_id = report_delivery_request.request_id and d.traveler_id = v_user_id and d.status <> 'cancelled';
  end if;
  if v_customer_id is null then
    raise exception 'Delivery request not found' using errcode = 'NTFND';
  end if;
  return app_public.report_user(v_customer_id, report_delivery_request.category, report_delivery_request.description,
                                null, report_delivery_request.request_id);
end;
$$;
comment on function app_public.report_delivery_request(uuid, app_public.user_report_category, text) is E'@resultFieldName userReport\nReports a delivery request you can see in the marketplace to the moderators (a report about its customer, linked to the request). Errors: LOGIN, NTFND, INVAL (description of 10–2000 characters), BADST (you already have an open report about this customer).';
grant execute on function app_public.report_delivery_request(uuid, app_public.user_report_category, text) to app_user;

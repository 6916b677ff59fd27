-- SOS (docs/tracking.md, SOS): either party of a delivery reports an emergency where they are. A fix worse than
-- emergency.expected_accuracy_m is flagged (poor_fix), never refused. The case number comes from a sequence; the
-- answer carries the local emergency number (the platform calls no one). High and critical cases alert every active
-- admin with deliveries.read urgently; medium and above also tell the other party.
create or replace function app_public.report_emergency(
  delivery_id uuid,
  emergency_type app_public.emergency_type,
  severity app_public.emergency_severity,
  latitude double precision,
  longitude double precision,
  accuracy_m double precision,
  description text default null
)
returns app_public.emergency_locations
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session('report an emergency');
  v_delivery app_public.deliveries;
  v_row app_public.emergency_locations;
  v_variables jsonb;
begin
  select * into v_delivery from app_public.deliveries d where d.id = report_emergency.delivery_id;
  if v_delivery.id is null or v_user_id not in (v_delivery.customer_id, v_delivery.traveler_id) then
    raise exception 'Delivery not found' using errcode = 'NTFND';
  end if;
  if report_emergency.latitude not between -90 and 90 or report_emergency.longitude not between -180 and 180 then
    raise exception 'latitude must be between -90 and 90 and longitude between -180 and 180' using errcode = 'INVAL';
  end if;
  insert into app_public.emergency_locations (delivery_id, user_id, emergency_type, severity, point, accuracy_m,
                                              poor_fix, description, emergency_number)
  values (v_delivery.id, v_user_id, report_emergency.emergency_type, report_emergency.severity,
          st_setsrid(st_makepoint(report_emergency.longitude, report_emergency.latitude), 4326)::geography,
          report_emergency.accuracy_m,
          report_emergency.accuracy_m > (app_hidden.config_value('emergency.expected_accuracy_m'))::float8,
          report_emergency.description,
          app_hidden.local_emergency_number(v_delivery.request_id, report_emergency.latitude, report_emergency.longitude))
  returning * into v_row;
  v_variables := jsonb_build_object('delivery_number', v_delivery.delivery_number, 'emergency_type', v_row.emergency_type,
                                    'severity', v_row.severity, 'precise_location', not v_row.poor_fix,
                                    'case_number', v_row.case_number);
  if v_row.severity in ('high', 'critical') then
    perform app_hidden.notify(a.user_id, 'emergency_reported', v_variables, 'urgent', v_delivery.id)
       from app_private.admin_users a
      where a.is_active
        and app_hidden.permissions_grant(app_hidden.admin_role_permissions(a.role) || a.permissions, 'deliveries.read');
  end if;
  if v_row.severity >= 'medium' then
    perform app_hidden.notify(case when v_user_id = v_delivery.customer_id then v_delivery.traveler_id
                                   else v_delivery.customer_id end,
                              'emergency_reported', v_variables,
                              case when v_row.severity >= 'high' then 'urgent' else 'high' end::app_public.notification_priority,
                              v_delivery.id);
  end if;
  return v_row;
end;
$$;
comment on function app_public.report_emergency(uuid, app_public.emergency_type, app_public.emergency_severity, double precision, double precision, double precision, text) is
  E'@resultFieldName emergency\nEither party reports an emergency on a delivery where they are; a fix worse than 50 m is flagged (poorFix), never refused. The answer carries the case number (EMG-YYYY-NNNNNN) and the local emergency number to call: the platform calls no one. High and critical alert admins urgently; medium and above tell the other party. Errors: LOGIN, NTFND, INVAL.';
grant execute on function app_public.report_emergency(uuid, app_public.emergency_type, app_public.emergency_severity, double precision, double precision, double precision, text) to app_user;

-- The emergency number to call where the delivery runs: by the country of the request's end nearest to the point
-- (911 in North America, 999 in the United Kingdom, 000 in Australia, 119 in Japan, 112 — the European and GSM
-- number, which most phones route anywhere — otherwise).
create or replace function app_hidden.local_emergency_number(request_id uuid, latitude double precision,
                                                            longitude double precision)
returns text
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select case upper(coalesce(
           (select case when st_distance(r.pickup_point, p.g) <= st_distance(r.delivery_point, p.g)
                        then r.pickup_country else r.delivery_country end
              from app_public.delivery_requests r,
                   (select st_setsrid(st_makepoint(local_emergency_number.longitude,
                                                   local_emergency_number.latitude), 4326)::geography as g) p
             where r.id = local_emergency_number.request_id), ''))
           when 'US' then '911' when 'CA' then '911' when 'MX' then '911'
           when 'GB' then '999' when 'UK' then '999' when 'AU' then '000' when 'JP' then '119'
           else '112' end;
$$;
comment on function app_hidden.local_emergency_number(uuid, double precision, double precision) is 'The emergency number of the country of the request''s end nearest to the point (112 by default).';

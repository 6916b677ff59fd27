-- The moderation queue's rule (docs/admin.md, Moderation queue): a traveler who cancels deliveries.cancel_flag_count
-- deliveries (app_hidden.traveler_cancelled) within deliveries.cancel_flag_days is flagged for a moderator, in the
-- transaction of the cancellation that reaches the count; one open flag per traveler (the partial unique index), so
-- further cancellations add nothing until a moderator resolves it. Counted along deliveries_traveler_id_idx.
-- Security definer: the cancelling party may not write moderation_flags.
create or replace function app_hidden.tg_deliveries__flag_frequent_cancellations()
returns trigger
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_days integer := (app_hidden.config_value('deliveries.cancel_flag_days'))::int;
  v_count integer;
begin
  if not app_hidden.traveler_cancelled(NEW) then
    return null;
  end if;
  select count(*) into v_count from app_public.deliveries d
   where d.traveler_id = NEW.traveler_id and d.status = 'cancelled'
     and d.cancelled_at > now() - make_interval(days => v_days) and app_hidden.traveler_cancelled(d);
  if v_count >= (app_hidden.config_value('deliveries.cancel_flag_count'))::int then
    insert into app_public.moderation_flags (user_id, reason, details)
    values (NEW.traveler_id, 'frequent_cancellations', jsonb_build_object('cancellations', v_count, 'days', v_days))
    on conflict (user_id, reason) where status = 'open' do nothing;
  end if;
  return null;
end;
$$;
comment on function app_hidden.tg_deliveries__flag_frequent_cancellations() is 'Flags a traveler for moderation when their cancellations reach deliveries.cancel_flag_count within cancel_flag_days.';

create or replace trigger _500_flag_frequent_cancellations after update of status on app_public.deliveries
  for each row when (NEW.status = 'cancelled' and OLD.status is distinct from NEW.status)
  execute function app_hidden.tg_deliveries__flag_frequent_cancellations();

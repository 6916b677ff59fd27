-- Recomputes a delivery's custody chain (docs/handover.md, Custody): seq runs 1, 2, …; each prev_hash is the row_hash
-- of the event before (32 zero bytes for the first); each row_hash is the SHA-256 of the event as stored. Names the
-- first link that does not hold. For the parties and admins with deliveries.read or disputes.read.
create or replace function app_public.verify_custody_chain(delivery_id uuid)
returns app_public.custody_chain_check
language plpgsql stable security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_event app_public.custody_events;
  v_expected_seq integer := 1;
  v_prev bytea := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
  v_count integer := 0;
begin
  perform app_private.assert_custody_reader(verify_custody_chain.delivery_id);
  for v_event in select * from app_public.custody_events e where e.delivery_id = verify_custody_chain.delivery_id
                  order by e.seq loop
    v_count := v_count + 1;
    if v_event.seq <> v_expected_seq then
      return row(false, null, v_expected_seq, format('event %s is missing (found %s)', v_expected_seq, v_event.seq))::app_public.custody_chain_check;
    end if;
    if v_event.prev_hash <> v_prev then
      return row(false, null, v_event.seq, 'prev_hash does not match the previous event''s row_hash')::app_public.custody_chain_check;
    end if;
    if v_event.row_hash <> app_hidden.custody_row_hash(v_event) then
      return row(false, null, v_event.seq, 'row_hash does not match the event''s fields')::app_public.custody_chain_check;
    end if;
    v_prev := v_event.row_hash;
    v_expected_seq := v_expected_seq + 1;
  end loop;
  return row(true, v_count, null, null)::app_public.custody_chain_check;
end;
$$;
comment on function app_public.verify_custody_chain(uuid) is
  'Recomputes the delivery''s custody chain and names the first event whose link does not hold. For the parties and admins with deliveries.read or disputes.read. Errors: LOGIN, NTFND.';
grant execute on function app_public.verify_custody_chain(uuid) to app_user;

-- A dispute's evidence is read with the dispute: by its parties (app_hidden.current_party_dispute_ids, a small set
-- per caller) and admins with disputes.read. Added through addDisputeEvidence only; never changed or removed.
drop policy if exists select_visible on app_public.dispute_evidence;
create policy select_visible on app_public.dispute_evidence for select to app_user
  using (dispute_id = any (array(select app_hidden.current_party_dispute_ids()))
         or (id between (select app_hidden.permitted_ids_from('disputes.read'))
                    and (select app_hidden.permitted_ids_to('disputes.read'))
             and length(id::text) = 36));

revoke all on app_public.dispute_evidence from app_anonymous, app_user;
grant select on app_public.dispute_evidence to app_user;

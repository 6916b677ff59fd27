-- promotional credits: their owner and finance (finance.read). Nobody writes: grants, spends and restorations go
-- through app_private functions (adminGrantCredit, payments, referrals). One policy whose every arm is an index
-- condition (db/README.md, Policies).
drop policy if exists select_visible on app_public.promotional_credits;
create policy select_visible on app_public.promotional_credits for select to app_user
  using (user_id = (select app_public.current_user_id())
         or (id between (select app_hidden.permitted_ids_from('finance.read'))
                        and (select app_hidden.permitted_ids_to('finance.read'))
             and length(id::text) = 36));

revoke all on app_public.promotional_credits from app_anonymous, app_user;
grant select on app_public.promotional_credits to app_user;

-- Reviews: rows are visible to their author, their reviewee and moderators (content.moderate). Everybody signed in
-- reads published reviews through app_public.user_reviews, which hides the author of anonymous ones: a policy
-- cannot hide one column, and reviewer_id must stay in this table for uq(delivery, reviewer) and the self-review
-- CHECK. The reviewee took part in the delivery, so anonymity does not (and cannot) hide the author from them.
-- No direct writes: every change is a review function.
drop policy if exists select_own on app_public.reviews;
create policy select_own on app_public.reviews for select to app_user
  using (reviewer_id = (select app_public.current_user_id()));

drop policy if exists select_about_me on app_public.reviews;
create policy select_about_me on app_public.reviews for select to app_user
  using (reviewee_id = (select app_public.current_user_id()));

drop policy if exists select_moderator on app_public.reviews;
create policy select_moderator on app_public.reviews for select to app_user
  using ((select app_hidden.current_user_has_permission('content.moderate')));

revoke all on app_public.reviews from app_anonymous, app_user;
grant select on app_public.reviews to app_user;

-- Location points: nobody reads or writes the table (RLS forced, no policy, no grant); the tracking functions do,
-- as the owner, applying the privacy rules (docs/tracking.md). Partitions have no grants either.
revoke all on app_public.location_tracking from app_anonymous, app_user;

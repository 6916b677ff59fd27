-- Every matching.* tunable (docs/matching.md) as one jsonb object, read once per matching query and handed to the
-- pair formula (app_hidden.pair_match), so that scoring a candidate reads no configuration. config_value raises for
-- a missing key, so a deleted tunable fails loudly instead of silently matching nothing.
create or replace function app_hidden.matching_config()
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select jsonb_build_object(
    'pickup_radius_km', app_hidden.config_value('matching.pickup_radius_km'),
    'dropoff_radius_km', app_hidden.config_value('matching.dropoff_radius_km'),
    'time_flex_hours', app_hidden.config_value('matching.time_flex_hours'),
    'min_lead_hours', app_hidden.config_value('matching.min_lead_hours'),
    'max_detour_km', app_hidden.config_value('matching.max_detour_km'),
    'detour_ratio', app_hidden.config_value('matching.detour_ratio'),
    'min_detour_km', app_hidden.config_value('matching.min_detour_km'),
    'candidate_limit', app_hidden.config_value('matching.candidate_limit'),
    'max_results', app_hidden.config_value('matching.max_results'),
    'min_score', app_hidden.config_value('matching.min_score'),
    'weights', app_hidden.config_value('matching.weights'),
    'rating_prior', app_hidden.config_value('matching.rating_prior'),
    'prior_weight', app_hidden.config_value('matching.prior_weight'),
    'newcomer_threshold', app_hidden.config_value('matching.newcomer_threshold'),
    'favorite_bonus', app_hidden.config_value('matching.favorite_bonus'));
$$;
comment on function app_hidden.matching_config() is 'The matching.* tunables as one object (keys without the category).';

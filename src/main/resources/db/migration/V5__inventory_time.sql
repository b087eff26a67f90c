-- A phase-out marked done is true (CONTRACT.md "Since 0.2"): verification on the inventory's clock.

-- The latest inventory time (observedAt, retiredAt) of the endpoint events that shaped the
-- organisation's endpoints: the rollout is complete *at* this time, on the inventory's clock,
-- and a verification scan counts only when it completed later.
ALTER TABLE inv_endpoint_counts ADD COLUMN inventory_time TIMESTAMP WITH TIME ZONE;
UPDATE inv_endpoint_counts c SET inventory_time = (
    SELECT MAX(CASE WHEN e.retired_at IS NOT NULL AND (e.observed_at IS NULL OR e.retired_at > e.observed_at)
                    THEN e.retired_at ELSE e.observed_at END)
    FROM inv_endpoint e WHERE e.campaign_id = c.campaign_id AND e.organisation_id = c.organisation_id);


-- Since 0.3, fresh data (CONTRACT.md "Freshness"): a live endpoint without a banned product whose
-- latest observation is older than the campaign's staleAfter, measured back from its organisation's
-- inventory clock, is stale.

-- The counts row keeps the stale endpoints apart (protected_count and unprotected count fresh ones
-- only), the organisation's inventory clock (the later of its latest scan's completed_at and its
-- latest observed_at) and the staleAfter the stale count was made with: NULL (every row, now) or a
-- different one than the campaign's makes the engine count that organisation again at start.
ALTER TABLE inv_endpoint_counts ADD COLUMN stale BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE inv_endpoint_counts ADD COLUMN inventory_clock TIMESTAMP WITH TIME ZONE;
ALTER TABLE inv_endpoint_counts ADD COLUMN stale_after VARCHAR(32);

-- Rolling verification: the inventory time since which every live endpoint must be observed again
-- for the next rolling scan; NULL while the rollout is not complete.
ALTER TABLE inv_endpoint_counts ADD COLUMN rolling_since TIMESTAMP WITH TIME ZONE;

-- When an organisation's clock moves, the endpoints that crossed the threshold are found by a range
-- on this index, never by reading all of the organisation's endpoints (let alone everyone's).
CREATE INDEX ix_inv_endpoint_observed ON inv_endpoint (campaign_id, organisation_id, observed_at);

-- Coverage by identity: a scan may say when it started; it then covers the live endpoints observed
-- between started_at and completed_at.
ALTER TABLE inv_scan ADD COLUMN started_at TIMESTAMP WITH TIME ZONE;

-- Exemptions (CONTRACT.md "Since 0.3: campaigns are data"): an endpoint whose exemption the office
-- approved counts as exempted, not banned, while it runs a banned product; without one it is simply
-- not banned. A fact of the inventory per (campaign, organisation, endpoint), set and cleared by the
-- exemption's process (approval, expiry), kept in the counts by deltas as every other state is.
ALTER TABLE inv_endpoint ADD COLUMN exempted BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE inv_endpoint_counts ADD COLUMN exempted BIGINT DEFAULT 0 NOT NULL;

-- The published counts gain exempted: total = banned + exempted + stale + protected_count + unprotected.
DROP VIEW inventory_counts;

CREATE VIEW inventory_counts AS
SELECT campaign_id, organisation_id, total, banned, protected_count, unprotected, stale, retired, exempted
FROM inv_endpoint_counts;

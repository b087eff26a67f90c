-- The campaign's staleAfter (CONTRACT.md "Freshness"): an ISO-8601 duration (P14D, PT10M).
ALTER TABLE campaign ADD COLUMN stale_after VARCHAR(32);

-- How an organisation verifies (CONTRACT.md "Rolling verification"): 'scan' (a census scan after the
-- rollout) or 'rolling' (every live endpoint observed again after the rollout, and the project
-- manager's census confirmation at sign-off).
ALTER TABLE organisation ADD COLUMN verification VARCHAR(16) DEFAULT 'scan' NOT NULL;

-- The office's figures over time show stale endpoints (CONTRACT.md "Freshness"); points and reports
-- made before have none.
ALTER TABLE status_report ADD COLUMN stale BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE campaign_timeline ADD COLUMN stale BIGINT DEFAULT 0 NOT NULL;

-- The published counts gain stale (see V20.1): total = banned + stale + protected_count + unprotected.
DROP VIEW inventory_counts;

CREATE VIEW inventory_counts AS
SELECT campaign_id, organisation_id, total, banned, protected_count, unprotected, stale, retired
FROM inv_endpoint_counts;

-- The last scan gains started_at (see V20.1), last, as the view's other columns stay.
DROP VIEW inventory_last_scan;

CREATE VIEW inventory_last_scan AS
SELECT s.organisation_id, s.scan_id, s.completed_at, s.endpoint_count, s.event_source, s.started_at
FROM inv_scan s
WHERE NOT EXISTS (SELECT 1 FROM inv_scan t WHERE t.organisation_id = s.organisation_id
    AND (t.completed_at > s.completed_at OR (t.completed_at = s.completed_at AND t.scan_id > s.scan_id)));

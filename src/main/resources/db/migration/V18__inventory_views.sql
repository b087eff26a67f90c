-- What the inventory publishes for other modules to read in SQL (the office's table and figures
-- aggregate over thousands of organisations, which an API call per organisation cannot). Other
-- modules read these views, never the inv_* tables: the inventory may change its tables and keeps
-- the views. Named in Java by nl.phaseout.engine.inventory.InventoryViews.

-- Endpoint counts per organisation and campaign, over live endpoints; retired ones apart.
CREATE VIEW inventory_counts AS
SELECT campaign_id, organisation_id, total, banned, protected_count, unprotected, retired
FROM inv_endpoint_counts;

-- Each organisation's last completed scan: the latest by completed_at, and the highest scan id
-- among scans that completed at the same moment. The one statement of that rule.
CREATE VIEW inventory_last_scan AS
SELECT s.organisation_id, s.scan_id, s.completed_at, s.endpoint_count, s.event_source
FROM inv_scan s
WHERE NOT EXISTS (SELECT 1 FROM inv_scan t WHERE t.organisation_id = s.organisation_id
    AND (t.completed_at > s.completed_at OR (t.completed_at = s.completed_at AND t.scan_id > s.scan_id)));

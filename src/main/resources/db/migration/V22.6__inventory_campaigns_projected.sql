-- The campaigns active before 0.3's adoption existed have been projected all along, with the
-- decision they name: nothing to adopt.
INSERT INTO inv_campaign_projection (campaign_id, decision_key, requested_at, done_at)
SELECT id, classification_decision, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM campaign WHERE status = 'ACTIVE';

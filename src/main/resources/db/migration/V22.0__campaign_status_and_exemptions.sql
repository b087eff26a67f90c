-- Campaigns are data (CONTRACT.md "Since 0.3: campaigns are data"): a status (DRAFT, ACTIVE,
-- CLOSED) beside the 0.2 flag `active`, which stays as status = 'ACTIVE' for the queries that read
-- it; whether and until when exemptions may be asked for; where the decision was published.
ALTER TABLE campaign ADD COLUMN status VARCHAR(16);
UPDATE campaign SET status = CASE WHEN active THEN 'ACTIVE' ELSE 'DRAFT' END;
ALTER TABLE campaign ALTER COLUMN status SET NOT NULL;
ALTER TABLE campaign ADD COLUMN exemptions_allowed BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE campaign ADD COLUMN exemptions_max_until DATE;
ALTER TABLE campaign ADD COLUMN exemptions_allow_sign_off BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE campaign ADD COLUMN decision_reference VARCHAR(255);

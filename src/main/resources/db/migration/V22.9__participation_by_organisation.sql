-- An organisation's participations, whatever the campaign: who it is when a task of its process is
-- created (its name and project managers' group for the notice), asked once a task. The key
-- (campaign_id, organisation_id) cannot answer by organisation alone, so both databases read every
-- participation for it.
CREATE INDEX participation_by_organisation ON participation (organisation_id);

-- How many events are kept per organisation not registered yet, so that parking stays bounded
-- (phaseout.inventory.parked.*) without counting inv_parked_event at every batch. Written with
-- inv_parked_event, under the organisation's inv_endpoint_counts lock.
CREATE TABLE inv_parked_organisation (
    organisation_id VARCHAR(100) NOT NULL PRIMARY KEY,
    events          BIGINT       NOT NULL
);

INSERT INTO inv_parked_organisation (organisation_id, events)
SELECT organisation_id, COUNT(*) FROM inv_parked_event GROUP BY organisation_id;

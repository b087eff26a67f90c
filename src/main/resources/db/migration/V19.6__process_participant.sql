-- Which organisation and campaign each process instance is about, and the deadlines it is held to:
-- the process's own table, written when an instance starts, so that nothing the process acts on or
-- records comes from a process variable (see process.InstanceParticipations). Instances that run
-- already are known from the participation read model, which names each organisation's current one.
CREATE TABLE process_participant (
    process_instance_id    VARCHAR(64)              PRIMARY KEY,
    organisation_id        VARCHAR(64)              NOT NULL,
    campaign_id            VARCHAR(64)              NOT NULL,
    deadline_inventory     TIMESTAMP WITH TIME ZONE,
    deadline_plan          TIMESTAMP WITH TIME ZONE,
    deadline_rollout_start TIMESTAMP WITH TIME ZONE,
    deadline_completion    TIMESTAMP WITH TIME ZONE
);

INSERT INTO process_participant (process_instance_id, organisation_id, campaign_id, deadline_inventory, deadline_plan,
        deadline_rollout_start, deadline_completion)
    SELECT process_instance_id, organisation_id, campaign_id, deadline_inventory, deadline_plan, deadline_rollout_start,
        deadline_completion
    FROM participation
    WHERE process_instance_id IS NOT NULL;

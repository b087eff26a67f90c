-- Who may report for whom: the CloudEvents sources allowed to report for each organisation,
-- each an exact source or a prefix ending in '*'. An organisation without rows accepts only
-- the sources of phaseout.inventory.trusted-sources.
CREATE TABLE organisation_source (
    organisation_id VARCHAR(64)  NOT NULL REFERENCES organisation (id),
    pattern         VARCHAR(500) NOT NULL,
    CONSTRAINT pk_organisation_source PRIMARY KEY (organisation_id, pattern)
);

-- Exemptions (CONTRACT.md "Since 0.3: campaigns are data"): asked for by an organisation's project
-- managers for some of its live endpoints, reviewed by the office, running until the end of
-- until_date (Dutch time) at the latest. Kept by the exemption package; the inventory keeps which
-- endpoints are exempted now (inv_endpoint.exempted, V22.7). status: REQUESTED, APPROVED, REFUSED,
-- EXPIRED. process_instance_id: the review-and-expiry process (key phaseout-exemption).
CREATE TABLE exemption (
    id                  VARCHAR(36) NOT NULL,
    campaign_id         VARCHAR(100) NOT NULL,
    organisation_id     VARCHAR(100) NOT NULL,
    reason              VARCHAR(4000) NOT NULL,
    until_date          DATE NOT NULL,
    status              VARCHAR(16) NOT NULL,
    requested_by        VARCHAR(255) NOT NULL,
    requested_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by          VARCHAR(255),
    decided_at          TIMESTAMP WITH TIME ZONE,
    note                VARCHAR(4000),
    expires_at          TIMESTAMP WITH TIME ZONE,
    expired_at          TIMESTAMP WITH TIME ZONE,
    process_instance_id VARCHAR(64),
    CONSTRAINT pk_exemption PRIMARY KEY (id)
);

CREATE INDEX ix_exemption_organisation ON exemption (organisation_id, campaign_id);
CREATE INDEX ix_exemption_process ON exemption (process_instance_id);

CREATE TABLE exemption_endpoint (
    exemption_id VARCHAR(36) NOT NULL,
    endpoint_id  VARCHAR(200) NOT NULL,
    CONSTRAINT pk_exemption_endpoint PRIMARY KEY (exemption_id, endpoint_id)
);

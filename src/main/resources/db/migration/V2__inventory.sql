-- The inventory projection: the system of record for endpoints (see package nl.phaseout.engine.inventory).
-- Portable SQL: H2 2.3 and PostgreSQL 15. No foreign key to organisations: events for an
-- organisation that is not registered yet are kept and count once it registers.

-- Every accepted event, by its CloudEvents identity, so that a repeat changes nothing.
CREATE TABLE inv_processed_event (
    source          VARCHAR(500) NOT NULL,
    id              VARCHAR(200) NOT NULL,
    type            VARCHAR(200) NOT NULL,
    organisation_id VARCHAR(100) NOT NULL,
    processed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_inv_processed_event PRIMARY KEY (source, id)
);

-- Each endpoint as classified for a campaign: its latest observation and latest retirement.
-- retired = retired_at is later than observed_at. state: BANNED, PROTECTED or UNPROTECTED.
CREATE TABLE inv_endpoint (
    campaign_id     VARCHAR(100) NOT NULL,
    organisation_id VARCHAR(100) NOT NULL,
    endpoint_id     VARCHAR(200) NOT NULL,
    observed_at     TIMESTAMP WITH TIME ZONE,
    retired_at      TIMESTAMP WITH TIME ZONE,
    retired         BOOLEAN NOT NULL,
    state           VARCHAR(20),
    banned_products VARCHAR(2000),
    CONSTRAINT pk_inv_endpoint PRIMARY KEY (campaign_id, organisation_id, endpoint_id)
);

CREATE INDEX ix_inv_endpoint_state ON inv_endpoint (campaign_id, state, retired);

-- Counts over the endpoints of one organisation in one campaign, kept current by deltas.
-- This row is also the lock that serialises ingestion and the process's condition checks.
CREATE TABLE inv_endpoint_counts (
    campaign_id     VARCHAR(100) NOT NULL,
    organisation_id VARCHAR(100) NOT NULL,
    total           BIGINT DEFAULT 0 NOT NULL,
    banned          BIGINT DEFAULT 0 NOT NULL,
    protected_count BIGINT DEFAULT 0 NOT NULL,
    unprotected     BIGINT DEFAULT 0 NOT NULL,
    retired         BIGINT DEFAULT 0 NOT NULL,
    CONSTRAINT pk_inv_endpoint_counts PRIMARY KEY (campaign_id, organisation_id)
);

-- Completed inventory scans.
CREATE TABLE inv_scan (
    organisation_id VARCHAR(100) NOT NULL,
    scan_id         VARCHAR(200) NOT NULL,
    completed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    endpoint_count  BIGINT NOT NULL,
    event_source    VARCHAR(500) NOT NULL,
    event_id        VARCHAR(200) NOT NULL,
    CONSTRAINT pk_inv_scan PRIMARY KEY (organisation_id, scan_id)
);

CREATE INDEX ix_inv_scan_completed ON inv_scan (organisation_id, completed_at);

-- The latest alternative an organisation selected (by selected_at).
CREATE TABLE inv_alternative_selection (
    organisation_id VARCHAR(100) NOT NULL,
    vendor          VARCHAR(200) NOT NULL,
    product         VARCHAR(200) NOT NULL,
    selected_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    event_source    VARCHAR(500) NOT NULL,
    event_id        VARCHAR(200) NOT NULL,
    CONSTRAINT pk_inv_alternative_selection PRIMARY KEY (organisation_id)
);

-- Contract terminations, the latest per contract (by terminated_at).
CREATE TABLE inv_contract_termination (
    organisation_id VARCHAR(100) NOT NULL,
    contract_id     VARCHAR(200) NOT NULL,
    vendor          VARCHAR(200) NOT NULL,
    terminated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    end_date        DATE,
    event_source    VARCHAR(500) NOT NULL,
    event_id        VARCHAR(200) NOT NULL,
    CONSTRAINT pk_inv_contract_termination PRIMARY KEY (organisation_id, contract_id)
);

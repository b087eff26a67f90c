-- Which campaigns the inventory projection holds, and with which classification decision
-- (see CampaignAdoption). A campaign that becomes active with no row here (activated after
-- endpoints were observed, or configured later) adopts every organisation's latest stored
-- observations: one node claims the row and works through the organisations in id order, each in
-- a transaction of its own that moves after_organisation on, so a crash resumes where it stopped.
CREATE TABLE inv_campaign_projection (
    campaign_id        VARCHAR(100)             NOT NULL,
    decision_key       VARCHAR(255)             NOT NULL,
    requested_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_at         TIMESTAMP WITH TIME ZONE,
    claimed_by         VARCHAR(100),
    after_organisation VARCHAR(100),
    done_at            TIMESTAMP WITH TIME ZONE,
    endpoints          BIGINT DEFAULT 0         NOT NULL,
    CONSTRAINT pk_inv_campaign_projection PRIMARY KEY (campaign_id)
);

-- An alternative may be selected for one campaign (alternative.selected's optional campaignId): Windows 11
-- is no alternative to Kaspersky. '' is a selection for every campaign of the organisation, as before 0.3.
ALTER TABLE inv_alternative_selection ADD COLUMN campaign_id VARCHAR(100) DEFAULT '' NOT NULL;
ALTER TABLE inv_alternative_selection DROP CONSTRAINT pk_inv_alternative_selection;
ALTER TABLE inv_alternative_selection ADD CONSTRAINT pk_inv_alternative_selection PRIMARY KEY (organisation_id, campaign_id);

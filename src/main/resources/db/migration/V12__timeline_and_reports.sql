-- The programme office's history: one point a day per campaign (the trend on the dashboard) and the
-- status reports, one per status-report-interval. Valid on H2 2.x and PostgreSQL 13+.

-- Today's point is rewritten every few minutes; a past day keeps the last figures written on it.
CREATE TABLE campaign_timeline (
    campaign_id     VARCHAR(64)              NOT NULL REFERENCES campaign (id),
    point_date      DATE                     NOT NULL,
    total           BIGINT                   NOT NULL,
    banned          BIGINT                   NOT NULL,
    protected_count BIGINT                   NOT NULL,
    unprotected     BIGINT                   NOT NULL,
    organisations   BIGINT                   NOT NULL,
    by_phase        VARCHAR(2000)            NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (campaign_id, point_date)
);

-- Where a campaign's report intervals are counted from: interval n ends at
-- anchor_at + (n - first_number) * report_interval. Written once (re-anchored when the interval
-- setting changes), so every node and every restart numbers the intervals alike.
CREATE TABLE status_report_schedule (
    campaign_id     VARCHAR(64)              PRIMARY KEY REFERENCES campaign (id),
    report_interval VARCHAR(32)              NOT NULL,
    anchor_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    first_number    INT                      NOT NULL
);

-- One row per interval reported: the primary key lets exactly one writer store report n.
CREATE TABLE status_report (
    campaign_id      VARCHAR(64)              NOT NULL REFERENCES campaign (id),
    report_number    INT                      NOT NULL,
    period_start     TIMESTAMP WITH TIME ZONE NOT NULL,
    period_end       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    missed_intervals INT                      NOT NULL,
    organisations    BIGINT                   NOT NULL,
    total            BIGINT                   NOT NULL,
    banned           BIGINT                   NOT NULL,
    protected_count  BIGINT                   NOT NULL,
    unprotected      BIGINT                   NOT NULL,
    overdue          BIGINT                   NOT NULL,
    content          TEXT                     NOT NULL,
    PRIMARY KEY (campaign_id, report_number)
);

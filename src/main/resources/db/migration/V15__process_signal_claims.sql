-- Several workers deliver the process's signals, on one node or several (see SignalWorker).
-- lane_key splits the organisations among a node's workers (its value modulo their number), so one
-- organisation's signals are always delivered by the same worker and stay in order.
ALTER TABLE process_signal ADD COLUMN lane_key INT DEFAULT 0 NOT NULL;

-- One row per organisation ever signalled: a worker claims an organisation by locking its row
-- (SELECT ... FOR UPDATE SKIP LOCKED) for the transaction that delivers its signals, so no two
-- workers, on this node or another, ever tell one organisation's process something at once.
CREATE TABLE process_signal_claim (
    organisation_id VARCHAR(100) PRIMARY KEY
);

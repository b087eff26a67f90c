-- Duplicate detection looks events up by id within a batch. The primary key starts with source, and a
-- scanner publishes everything under one source, so without this index every lookup read the whole table.
CREATE INDEX ix_inv_processed_event_id ON inv_processed_event (id);

-- The signals the process must hear belong to the process (see ProcessInbox): the table is named
-- for its owner. Rows waiting for delivery are kept.
ALTER TABLE inv_process_signal RENAME TO process_signal;

-- The whole product list of each endpoint's latest observation, as JSON text
-- ([{"vendor","name","version"?,"category","state"}]), for GET /api/organisations/{id}/endpoints.
-- NULL for an endpoint not observed since this column exists (or never observed, only retired).
-- At most the data of one 512 KiB record, so a VARCHAR that H2 and PostgreSQL both keep in the row.
ALTER TABLE inv_endpoint ADD COLUMN products VARCHAR(600000);

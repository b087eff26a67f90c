-- The participation read model says who takes part (name, category, project managers' group), as
-- the process reported when it started: the report reads its own table and no longer joins the
-- organisations module's. An organisation's registration is never changed, so the copy holds.
ALTER TABLE participation ADD COLUMN organisation_name VARCHAR(255);
ALTER TABLE participation ADD COLUMN category VARCHAR(32);
ALTER TABLE participation ADD COLUMN pm_group VARCHAR(128);
UPDATE participation SET
    organisation_name = (SELECT o.name FROM organisation o WHERE o.id = participation.organisation_id),
    category = (SELECT o.category FROM organisation o WHERE o.id = participation.organisation_id),
    pm_group = (SELECT o.pm_group FROM organisation o WHERE o.id = participation.organisation_id);
ALTER TABLE participation ALTER COLUMN organisation_name SET NOT NULL;
ALTER TABLE participation ALTER COLUMN category SET NOT NULL;
ALTER TABLE participation ALTER COLUMN pm_group SET NOT NULL;

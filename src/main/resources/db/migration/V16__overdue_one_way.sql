-- Overdue is computed where it is read, one way (report.Milestones): a milestone's deadline has
-- passed and the milestone is not reached. The mark the process kept beside it could say otherwise
-- until its deadline watch fired. missed_milestone keeps which deadlines the watch saw missed.
ALTER TABLE participation DROP COLUMN overdue;

-- Departments are checked by the flow, not by SQL: the CHECK on tickets.department goes, and a ticket
-- gets the flow's own fields (for example account_number) as a JSON object.
ALTER TABLE tickets DROP CONSTRAINT IF EXISTS tickets_department_check;
ALTER TABLE tickets ADD CONSTRAINT tickets_department_given CHECK (length(trim(department)) > 0);
ALTER TABLE tickets ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';

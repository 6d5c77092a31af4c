-- Departments are checked by the flow, not by SQL: the CHECK on tickets.department goes, and a ticket
-- gets the flow's own fields (for example account_number) as a JSON object.
-- SQLite cannot drop a CHECK, so the table is rebuilt within this migration's transaction. Foreign
-- keys are deferred to the commit: dropping tickets leaves ticket_updates' rows without their parent
-- until the same rows are back in the new tickets table, which the commit then checks.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE tickets_v2_copy AS SELECT * FROM tickets;

DROP TABLE tickets;

CREATE TABLE tickets (
  ticket_id       TEXT NOT NULL PRIMARY KEY,
  customer_id     TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  description     TEXT NOT NULL,
  department      TEXT NOT NULL CHECK (length(trim(department)) > 0),
  priority        TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
  status          TEXT NOT NULL
                  CHECK (status IN ('open', 'in_progress', 'waiting_on_customer', 'resolved', 'closed')),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  fields          TEXT NOT NULL DEFAULT '{}'
);

INSERT INTO tickets (ticket_id, customer_id, conversation_id, description, department, priority, status,
    created_at, updated_at, fields)
  SELECT ticket_id, customer_id, conversation_id, description, department, priority, status, created_at,
    updated_at, '{}' FROM tickets_v2_copy;

DROP TABLE tickets_v2_copy;

CREATE INDEX tickets_customer_id ON tickets (customer_id);
CREATE INDEX tickets_created_at ON tickets (created_at);

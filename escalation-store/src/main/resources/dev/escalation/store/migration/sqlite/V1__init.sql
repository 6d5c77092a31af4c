-- Times are ISO-8601 UTC text with nine fraction digits (fixed width), so they round-trip an Instant
-- exactly and sort correctly as text on any database.

CREATE TABLE tickets (
  ticket_id       TEXT NOT NULL PRIMARY KEY,
  customer_id     TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  description     TEXT NOT NULL,
  department      TEXT NOT NULL CHECK (department IN ('Technical Support', 'Billing', 'Sales')),
  priority        TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
  status          TEXT NOT NULL
                  CHECK (status IN ('open', 'in_progress', 'waiting_on_customer', 'resolved', 'closed')),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);

CREATE INDEX tickets_customer_id ON tickets (customer_id);
CREATE INDEX tickets_created_at ON tickets (created_at);

-- No foreign key to conversations: conversations expire, tickets and their audit trail stay.
CREATE TABLE ticket_updates (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id   TEXT NOT NULL REFERENCES tickets (ticket_id),
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('CREATED', 'STATUS_CHANGED', 'NOTE_ADDED')),
  from_status TEXT CHECK (from_status IN ('open', 'in_progress', 'waiting_on_customer', 'resolved', 'closed')),
  to_status   TEXT CHECK (to_status IN ('open', 'in_progress', 'waiting_on_customer', 'resolved', 'closed')),
  note        TEXT
);

CREATE INDEX ticket_updates_ticket_id ON ticket_updates (ticket_id, id);

CREATE TABLE conversations (
  conversation_id   TEXT NOT NULL PRIMARY KEY,
  customer_id       TEXT NOT NULL,
  state             TEXT NOT NULL,
  slots             TEXT NOT NULL,
  pending_question  TEXT NOT NULL,
  cycle             INTEGER NOT NULL,
  current_ticket_id TEXT,
  last_ticket_id    TEXT,
  turns             INTEGER NOT NULL,
  version           BIGINT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);

CREATE INDEX conversations_updated_at ON conversations (updated_at);

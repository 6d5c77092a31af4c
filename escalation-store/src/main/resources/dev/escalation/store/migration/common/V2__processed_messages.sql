-- The transport ids of the messages whose turns were committed, written in the same transaction as
-- the turn, so a redelivered message changes nothing and is answered with the stored reply. The
-- reply is written right after the turn (it is worded once the turn is durable), so it may be NULL.
CREATE TABLE processed_messages (
  conversation_id TEXT NOT NULL,
  message_id      TEXT NOT NULL,
  turn            INTEGER NOT NULL,
  state           TEXT NOT NULL,
  ticket_id       TEXT,
  reply           TEXT,
  processed_at    TEXT NOT NULL,
  PRIMARY KEY (conversation_id, message_id)
);

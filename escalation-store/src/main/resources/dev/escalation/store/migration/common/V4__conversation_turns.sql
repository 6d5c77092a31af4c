-- The transcript: one row per handled customer message, written in the same transaction as its turn,
-- naming the row of the flow table it took (by state, event and guard name, so it stays readable when
-- the flow changes). The reply is worded after the turn is durable, so it may be NULL. Rows outlive
-- an expired conversation: the console's traffic view counts them.
CREATE TABLE conversation_turns (
  conversation_id TEXT NOT NULL,
  turn            INTEGER NOT NULL,
  customer_id     TEXT NOT NULL,
  cycle           INTEGER NOT NULL,
  at              TEXT NOT NULL,
  message         TEXT NOT NULL,
  from_state      TEXT NOT NULL,
  event           TEXT NOT NULL,
  guard           TEXT NOT NULL,
  to_state        TEXT NOT NULL,
  reply           TEXT,
  PRIMARY KEY (conversation_id, turn)
);

CREATE INDEX conversation_turns_at ON conversation_turns (at);

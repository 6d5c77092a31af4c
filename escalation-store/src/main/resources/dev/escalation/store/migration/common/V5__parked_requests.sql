-- A second problem the customer raised while another request was being collected (or, after a ticket,
-- a message the agent asked about: "Is this about TK-... or something new?") waits here, as the
-- customer wrote it, until it gets its own request. NULL when nothing is parked.
ALTER TABLE conversations ADD COLUMN parked_request TEXT;

-- What each turn's message was read as (intent, department, priority, slot values: a JSON object), so
-- that `impact` can replay stored conversations under a changed flow without calling a model. Turns
-- stored before this migration have none (NULL).
ALTER TABLE conversation_turns ADD COLUMN reading TEXT;

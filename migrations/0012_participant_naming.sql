-- tafel schema, version 12: consent to be named (AVG/GDPR). A participant
-- is either `named` (name and organisation may appear in minutes) or
-- `group_only` (only their stakeholder group appears in any export).
--
-- The column's default is `group_only`: a row inserted without a choice is
-- private. Participants that exist already were registered when minutes
-- showed every name, so they become `named` and the minutes of earlier
-- sessions stay exactly as they were; the facilitator changes that per
-- participant in set-up.
ALTER TABLE participant ADD COLUMN naming TEXT NOT NULL DEFAULT 'group_only'
    CHECK (naming IN ('named', 'group_only'));
UPDATE participant SET naming = 'named';

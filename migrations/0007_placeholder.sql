-- Placeholder for schema version 7, which another branch adds (drafts per window,
-- an index, themes). Replaced by the real migration when the branches merge.
SELECT 1;

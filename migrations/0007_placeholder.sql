-- Placeholder (branch gdpr): keeps the numbering contiguous until the
-- other branches' migrations are merged in; renumbered at merge.
SELECT 1;

-- mujun: shipped with checksum 0c3fe489d5d6db1f04c0edb6db1dba96a9d0cae700ded3fc24a15886b81676e2
-- Edited at the definitions handover (0060_definitions_handover.sql): its views and functions now
-- live in sql/definitions/, one per file; the header above lets a database that applied the
-- shipped text accept this one (docs/architecture.md, "Migrations and definitions").

-- Data-quality views for analysts (spec details.md #61): the batches loaded, the rows rejected
-- with their reasons, and the power accounts no enterprise could be linked to. Rejects and
-- unlinked accounts carry no region, so a region analyst sees none of them (they may hold any
-- township's data); batches are file-level facts and visible to every analyst.

-- mujun: shipped with checksum 47b6da72293a2040d2d3f9d458c7c4128f33ec3060d8cf09d7124bafc6cf6a63
-- Edited at the definitions handover (0060_definitions_handover.sql): its views and functions now
-- live in sql/definitions/, one per file; the header above lets a database that applied the
-- shipped text accept this one (docs/architecture.md, "Migrations and definitions").

-- Analysts' views of grading (spec evaluation.md §6, details.md #60, #61). Money, areas and
-- indicators at full numeric precision in yuan; `score` 4 decimals; unknown kWh is NULL;
-- `reasons` is '' when there are none. Every view is a security barrier filtered by region for
-- region analysts (0007_region_grants.sql).

-- mujun: shipped with checksum 37baafac01d26f4d352fe9dbc60cbbb2e42e2e80e4a066e904b9976d0ba6f411
-- Edited at the definitions handover (0060_definitions_handover.sql): its views and functions now
-- live in sql/definitions/, one per file; the header above lets a database that applied the
-- shipped text accept this one (docs/architecture.md, "Migrations and definitions").

-- Analysts' views of the land flags (spec land.md "What a flag run stores" and "Disposal
-- progress"; details.md #60–#62; seed 004_bd1df3fa65076c87.txt 附件2). docs/land-rules.md
-- explains every flag with an example; `\d+ mart.parcel_flags` in psql is the data dictionary.
-- Both views are security barriers filtered by region for region analysts (0007_region_grants.sql):
-- a township analyst sees the parcels, and the disposal progress, of the regions granted to it.

-- mujun: citus
-- The distribution step (docs/architecture.md, "Citus"): applied by `mujun migrate --distribute`
-- after the migrations, on a Citus coordinator only, in one transaction. Every file may be
-- applied again: a table already distributed the way it says is left as it is, and one
-- distributed another way is refused, so a second run changes nothing and a wrong one says so.
-- The helpers live in pg_temp: they exist for this session only and leave nothing behind.

-- What Citus has made of a table: NULL (nothing yet), 'local' (a Citus local table, which
-- Citus makes by itself of a table with a foreign key to a reference table: still to be
-- distributed), 'reference' or 'distributed'.
CREATE FUNCTION pg_temp.mujun_citus_kind(p_table regclass) RETURNS text
    LANGUAGE sql AS $$
    SELECT CASE WHEN partmethod = 'h' THEN 'distributed'
                WHEN repmodel = 't' THEN 'reference'
                ELSE 'local' END
    FROM pg_dist_partition WHERE logicalrelid = p_table
$$;

-- A small table every node holds whole (spec scale.md: lookups, profiles, the audit trail).
CREATE FUNCTION pg_temp.mujun_reference(p_table regclass) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    kind text := pg_temp.mujun_citus_kind(p_table);
BEGIN
    IF kind IS NULL OR kind = 'local' THEN
        PERFORM create_reference_table(p_table);
    ELSIF kind <> 'reference' THEN
        RAISE EXCEPTION '% is already a % table, not a reference table', p_table, kind;
    END IF;
END
$$;

-- A table split into shards by hash of p_column, its shards beside those of p_colocate_with
-- (rows of one key on one node, so joins on that key run on the workers without moving rows).
CREATE FUNCTION pg_temp.mujun_distribute(p_table regclass, p_column text, p_colocate_with text) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    kind text := pg_temp.mujun_citus_kind(p_table);
    current_column text;
BEGIN
    SELECT column_to_column_name(logicalrelid, partkey) INTO current_column
    FROM pg_dist_partition WHERE logicalrelid = p_table;
    IF kind IS NULL OR kind = 'local' THEN
        PERFORM create_distributed_table(p_table, p_column, colocate_with => p_colocate_with);
    ELSIF kind <> 'distributed' OR current_column IS DISTINCT FROM p_column THEN
        RAISE EXCEPTION '% is already a % table (column %), not distributed by hash of %',
            p_table, kind, current_column, p_column;
    END IF;
END
$$;

-- The parcels judged as of a date (spec land.md, first paragraph; details.md #27, #35): the current
-- parcel rows whose land_use is one of the given industrial uses (runs.policy_land_uses of the
-- policy) and that were supplied on or before the date. Only the dates in the rows are compared
-- with it: the data are the latest loaded. The flag run's scope, the idle rule and grading's
-- land L (as of Y-12-31) read this one definition.
-- The land uses are passed decoded, since a policy document read per parcel costs a
-- decompression each time (docs/benchmarks.md).
-- PL/pgSQL, not SQL: Citus cannot plan a query on distributed tables inside an SQL function
-- that takes parameters (docs/architecture.md, "Citus"). An SQL function was inlined into its
-- caller's plan; this one returns its rows whole, which costs the flag run and grading little,
-- since every caller reads all of them (docs/benchmarks.md, 2026-12-04).
CREATE OR REPLACE FUNCTION core.parcels_in_scope(as_of date, land_uses text[])
RETURNS SETOF core.parcels_current
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT p.*
    FROM core.parcels_current p
    WHERE p.supplied_on <= parcels_in_scope.as_of
      AND p.land_use = ANY (parcels_in_scope.land_uses);
END
$$;
COMMENT ON FUNCTION core.parcels_in_scope(date, text[]) IS
    '某日纳入认定范围的宗地（工业用途且已供地）/ the current parcels in scope as of a date: an industrial use, supplied by then';

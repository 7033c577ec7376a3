-- A share written "n/d" (or a decimal) as exact numerator and denominator, so tests such as
-- "developed less than 1/3 of the area" compare developed × d < area × n without rounding.
CREATE OR REPLACE FUNCTION runs.policy_share_numerator(share text) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN share LIKE '%/%' THEN split_part(share, '/', 1)::numeric ELSE share::numeric END $$;
COMMENT ON FUNCTION runs.policy_share_numerator(text) IS '比例“n/d”的分子（小数为其本身）/ numerator of a share written n/d (the decimal itself otherwise)';

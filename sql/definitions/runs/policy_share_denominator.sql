-- The denominator of a share written "n/d" (1 for a decimal); see runs.policy_share_numerator.
CREATE OR REPLACE FUNCTION runs.policy_share_denominator(share text) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN share LIKE '%/%' THEN split_part(share, '/', 2)::numeric ELSE 1 END $$;
COMMENT ON FUNCTION runs.policy_share_denominator(text) IS '比例“n/d”的分母（小数为 1）/ denominator of a share written n/d (1 for a decimal)';

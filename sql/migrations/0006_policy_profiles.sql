-- Policy profiles as used by runs: the canonical JSON of jobs/policies/*.yaml, keyed by its
-- SHA-256 (spec evaluation.md §8, details.md #57). Grading and flagging SQL read their
-- parameters from here, through the run's profile hash, so every figure traces to the exact
-- rules that produced it.

CREATE TABLE runs.policy_profiles (
    sha256       text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    name         text NOT NULL,
    content      jsonb NOT NULL,
    source_yaml  text NOT NULL,
    first_used   timestamptz NOT NULL
);
COMMENT ON TABLE runs.policy_profiles IS '政策参数文件（规范JSON及其SHA-256）/ policy profiles by the SHA-256 of their canonical JSON';

-- A profile value as numeric, e.g. runs.policy_number(p.content, 'grading', 'ratio_cap').
CREATE FUNCTION runs.policy_number(content jsonb, VARIADIC path text[]) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT (content #>> path)::numeric $$;

-- A share written "n/d" (or a decimal) as exact numerator and denominator, so tests such as
-- "developed less than 1/3 of the area" compare developed × d < area × n without rounding.
CREATE FUNCTION runs.policy_share_numerator(share text) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN share LIKE '%/%' THEN split_part(share, '/', 1)::numeric ELSE share::numeric END $$;
CREATE FUNCTION runs.policy_share_denominator(share text) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN share LIKE '%/%' THEN split_part(share, '/', 2)::numeric ELSE 1 END $$;

-- A profile value as numeric, e.g. runs.policy_number(p.content, 'grading', 'ratio_cap').
CREATE OR REPLACE FUNCTION runs.policy_number(content jsonb, VARIADIC path text[]) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT (content #>> path)::numeric $$;
COMMENT ON FUNCTION runs.policy_number(jsonb, text[]) IS '政策参数中的数值 / a policy profile value as numeric';

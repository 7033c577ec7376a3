-- The industrial land uses of a policy: each of grading.industrial_land_uses, exactly or with 用地
-- appended (`工业`, `工业用地`: details.md #35; seed 003_a0174000c3a42330.txt 二 "规划用途为工业用地的").
-- Grading's land, the flag run's scope, the idle rule and the mart read this one list.
CREATE OR REPLACE FUNCTION runs.policy_land_uses(policy jsonb) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT ARRAY(SELECT u FROM jsonb_array_elements_text(policy #> '{grading,industrial_land_uses}') AS u
                 UNION
                 SELECT u || '用地' FROM jsonb_array_elements_text(policy #> '{grading,industrial_land_uses}') AS u)
$$;
COMMENT ON FUNCTION runs.policy_land_uses(jsonb) IS
    '政策的工业用地用途（原文及加“用地”）/ the policy''s industrial land uses, exactly or with 用地 appended';

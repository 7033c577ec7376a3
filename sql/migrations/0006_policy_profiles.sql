-- mujun: shipped with checksum df2843e14c1138b709a9091c5134b9d6fe21c6ebba8e9d469002bdc9d00575bb
-- Edited at the definitions handover (0060_definitions_handover.sql): its views and functions now
-- live in sql/definitions/, one per file; the header above lets a database that applied the
-- shipped text accept this one (docs/architecture.md, "Migrations and definitions").

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

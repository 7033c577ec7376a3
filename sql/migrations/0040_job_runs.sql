-- Job runs (spec jobs.md "Job runs"): one row per `mujun run JOB`, written when it starts and
-- finished when it ends, so `mujun status` sees a run while it is running; one row per step
-- with the inputs it ran for, so a step already done for its inputs is skipped on a rerun.
-- A run whose process died keeps state 'running' until the next run of the job (which holds
-- the job's advisory lock, so the dead one cannot) marks it failed and abandoned.

CREATE SEQUENCE runs.job_run_id_seq AS bigint;

CREATE TABLE runs.job_runs (
    run_id       bigint PRIMARY KEY,
    job          text NOT NULL,
    parameters   jsonb NOT NULL,
    host         text NOT NULL,
    pid          integer NOT NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    state        text NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'skipped')),
    abandoned    boolean NOT NULL DEFAULT false,
    exit_code    integer,
    counts       jsonb NOT NULL DEFAULT '{}',
    error        text
);
CREATE INDEX job_runs_job ON runs.job_runs (job, run_id);
COMMENT ON TABLE runs.job_runs IS '作业运行记录 / job runs: who, where, when, state, counts, error';

CREATE TABLE runs.job_steps (
    run_id       bigint NOT NULL REFERENCES runs.job_runs (run_id),
    step_no      integer NOT NULL,
    step         text NOT NULL,
    inputs_key   text,
    state        text NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'skipped')),
    attempts     integer NOT NULL DEFAULT 0,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    counts       jsonb NOT NULL DEFAULT '{}',
    error        text,
    PRIMARY KEY (run_id, step_no)
);
CREATE INDEX job_steps_done ON runs.job_steps (step, inputs_key) WHERE state = 'succeeded';
COMMENT ON TABLE runs.job_steps IS '作业步骤及其输入 / job steps with the inputs they ran for';

-- The four schemas of the pipeline (spec security.md):
--   staging  rows of one batch as loaded by COPY, typed but not yet applied
--   core     the current and historical truth, one table per entity
--   runs     batches, rejects, evaluation/flag/export runs, job runs: the audit trail
--   mart     the analysts' interface: documented views, stable between releases
-- Only mart is for analysts; the others are the pipeline's own and may change.

CREATE SCHEMA staging AUTHORIZATION mujun_owner;
CREATE SCHEMA core AUTHORIZATION mujun_owner;
CREATE SCHEMA runs AUTHORIZATION mujun_owner;
CREATE SCHEMA mart AUTHORIZATION mujun_owner;

COMMENT ON SCHEMA staging IS '暂存：单个批次经 COPY 载入的行 / rows of one batch as loaded, before they are applied';
COMMENT ON SCHEMA core IS '核心：企业、税收、用电、宗地的现行与历史数据 / current and historical data';
COMMENT ON SCHEMA runs IS '运行记录：批次、拒收行、评价、认定与导出 / batches, rejects and runs: the audit trail';
COMMENT ON SCHEMA mart IS '分析视图：供分析人员查询的稳定接口 / the analysts'' interface';

GRANT USAGE ON SCHEMA staging, core, runs, mart TO mujun_loader;
GRANT USAGE ON SCHEMA mart TO mujun_analyst, mujun_region_analyst;

-- Privileges on what later migrations create, so no migration can forget a grant.
ALTER DEFAULT PRIVILEGES IN SCHEMA staging, core, runs
    GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO mujun_loader;
ALTER DEFAULT PRIVILEGES IN SCHEMA staging, core, runs
    GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO mujun_loader;
ALTER DEFAULT PRIVILEGES IN SCHEMA staging, core, runs
    GRANT EXECUTE ON FUNCTIONS TO mujun_loader;
ALTER DEFAULT PRIVILEGES IN SCHEMA mart
    GRANT SELECT ON TABLES TO mujun_loader, mujun_analyst;

-- Lists, shared step 1: the export's context and the basis text of every code (spec lists.md,
-- details.md #44, #48, #64). Run first inside the export's transaction, after the exporter has
-- set (SET LOCAL, so only for this transaction):
--   mujun.export_id          the runs.list_exports row being written
--   mujun.list               electricity | water | gas | mortgage-freeze | verification
--   mujun.list_date          the list's date L (YYYY-MM-DD)
--   mujun.evaluation_run_id  the publication in force on L of the latest year Y < year(L) whose
--                            published_on <= L (procedure.md §2; details.md #113, #114), '' if none
--   mujun.flag_run_id        the current flag run of the latest as-of ≤ L, '' if none
--   mujun.policy_sha256      the export's policy profile (surcharges, freeze_requires_determination)
-- The two tables made here vanish at the end of the transaction.

CREATE TEMP TABLE list_context ON COMMIT DROP AS
SELECT current_setting('mujun.export_id')::bigint AS export_id,
       current_setting('mujun.list') AS list,
       current_setting('mujun.list_date')::date AS list_date,
       e.run_id AS evaluation_run_id,
       e.year AS evaluation_year,
       -- procedure.md §2: a grade takes effect on max(Y+1-01-01, published_on + lead days).
       greatest(make_date(e.year + 1, 1, 1),
                e.published_on + coalesce((p.content #>> '{evaluation,effective_lead_days}')::int, 0)) AS grade_effective_from,
       f.run_id AS flag_run_id,
       f.as_of AS flag_as_of,
       -- The parcel data the flag run saw: every applied batch up to this id (details.md #27).
       f.last_batch_id AS flag_last_batch_id,
       p.content AS policy,
       -- procedure.md §3: sanctions only on determined land (absent: true, details.md #126).
       coalesce((p.content #>> '{land,require_determination}')::boolean, true) AS require_determination
FROM runs.policy_profiles p
LEFT JOIN runs.evaluation_runs e ON e.run_id = nullif(current_setting('mujun.evaluation_run_id'), '')::bigint
LEFT JOIN runs.flag_runs f ON f.run_id = nullif(current_setting('mujun.flag_run_id'), '')::bigint
WHERE p.sha256 = current_setting('mujun.policy_sha256');

-- The basis (依据) of every code, in this one place: `rule` says what the code means and where
-- that is defined; `sanctions` name the documents that attach this list's measure to it. A row's
-- basis is its codes' rules in code order, then their sanctions without repeats, joined by "; "
-- (e.g. `IDLE-1 闲置土地处置办法 第二条; 旌德 政办〔2022〕67号 五(三)4; …`, spec lists.md).
-- Sources:
--   grade_D, grade_C   the published 亩均效益综合评价 (evaluation.md); D surcharge steps: Suqian
--                      (宿迁), Jiangsu, 2022; water: Taicang (太仓), Jiangsu, 2018 (污水处理费);
--                      no public rule sets a C surcharge: it is a profile parameter (evaluation.md §7)
--   IDLE-1, IDLE-2     闲置土地处置办法 (国土资源部令第53号) 第二条; seed 003_a0174000c3a42330.txt
--                      二(一)1–2 (旌德); power and water: seed 002_32db2fb0d19ac012.txt 四.3
--                      (金义新区: 严格落实用电、用水等差别化政策)
--   INEFF-1 … INEFF-5  seed 003_a0174000c3a42330.txt 二(二)1–5 (旌德)
--   gas                no public figure was found: the surcharges are the profile's
--                      lists.surcharge.gas (0 by default, so the list is empty until a county sets
--                      one); idle land: seed 002 四.3 (用电、用水等差别化政策)
--   mortgage freeze    seed 003 五(三)4 (暂缓办理转让、出租、抵押和变更登记) for idle and inefficient
--                      land; seed 000_a812d8cbf2a193c8.txt 三(二)5 (淮安: 不得受理闲置土地的转让、
--                      出租、抵押和变更登记) for idle land
--   verification       闲置土地处置办法 第八条 (涉嫌闲置土地的调查核实) for idle land; seed 003 三
--                      (工作专班全面核查，报领导小组审定) for idle and inefficient land
CREATE TEMP TABLE list_basis (list, code, rule, sanctions) ON COMMIT DROP AS
VALUES
    ('electricity', 'grade_D', 'grade_D 亩均效益综合评价D类', ARRAY['宿迁 2022 差别电价']),
    ('electricity', 'grade_C', 'grade_C 亩均效益综合评价C类', ARRAY['差别电价 政策参数 lists.surcharge.electricity.C']),
    ('electricity', 'IDLE-1', 'IDLE-1 闲置土地处置办法 第二条', ARRAY['金义新区 闲置工业用地盘地行动方案 四.3 差别化用电']),
    ('electricity', 'IDLE-2', 'IDLE-2 闲置土地处置办法 第二条', ARRAY['金义新区 闲置工业用地盘地行动方案 四.3 差别化用电']),
    ('water', 'grade_D', 'grade_D 亩均效益综合评价D类', ARRAY['太仓 2018 差别水价(污水处理费)']),
    ('water', 'grade_C', 'grade_C 亩均效益综合评价C类', ARRAY['差别水价 政策参数 lists.surcharge.water.C']),
    ('water', 'IDLE-1', 'IDLE-1 闲置土地处置办法 第二条', ARRAY['金义新区 闲置工业用地盘地行动方案 四.3 差别化用水']),
    ('water', 'IDLE-2', 'IDLE-2 闲置土地处置办法 第二条', ARRAY['金义新区 闲置工业用地盘地行动方案 四.3 差别化用水']),
    ('gas', 'grade_D', 'grade_D 亩均效益综合评价D类', ARRAY['差别气价 政策参数 lists.surcharge.gas.D']),
    ('gas', 'grade_C', 'grade_C 亩均效益综合评价C类', ARRAY['差别气价 政策参数 lists.surcharge.gas.C']),
    ('gas', 'IDLE-1', 'IDLE-1 闲置土地处置办法 第二条', ARRAY['金义新区 闲置工业用地盘地行动方案 四.3 差别化政策']),
    ('gas', 'IDLE-2', 'IDLE-2 闲置土地处置办法 第二条', ARRAY['金义新区 闲置工业用地盘地行动方案 四.3 差别化政策']),
    ('mortgage-freeze', 'IDLE-1', 'IDLE-1 闲置土地处置办法 第二条',
        ARRAY['旌德 政办〔2022〕67号 五(三)4', '淮安 淮政办发〔2021〕14号 三(二)5']),
    ('mortgage-freeze', 'IDLE-2', 'IDLE-2 闲置土地处置办法 第二条',
        ARRAY['旌德 政办〔2022〕67号 五(三)4', '淮安 淮政办发〔2021〕14号 三(二)5']),
    ('mortgage-freeze', 'INEFF-1', 'INEFF-1 旌德 政办〔2022〕67号 二(二)1 停工停产', ARRAY['旌德 政办〔2022〕67号 五(三)4']),
    ('mortgage-freeze', 'INEFF-2', 'INEFF-2 旌德 政办〔2022〕67号 二(二)2 未按约定建设', ARRAY['旌德 政办〔2022〕67号 五(三)4']),
    ('mortgage-freeze', 'INEFF-3', 'INEFF-3 旌德 政办〔2022〕67号 二(二)3 亩均税收低', ARRAY['旌德 政办〔2022〕67号 五(三)4']),
    ('mortgage-freeze', 'INEFF-4', 'INEFF-4 旌德 政办〔2022〕67号 二(二)4 司法处置且停产', ARRAY['旌德 政办〔2022〕67号 五(三)4']),
    ('mortgage-freeze', 'INEFF-5', 'INEFF-5 旌德 政办〔2022〕67号 二(二)5 淘汰类或僵尸企业', ARRAY['旌德 政办〔2022〕67号 五(三)4']),
    ('verification', 'IDLE-1', 'IDLE-1 闲置土地处置办法 第二条', ARRAY['闲置土地处置办法 第八条 调查核实']),
    ('verification', 'IDLE-2', 'IDLE-2 闲置土地处置办法 第二条', ARRAY['闲置土地处置办法 第八条 调查核实']),
    ('verification', 'INEFF-1', 'INEFF-1 旌德 政办〔2022〕67号 二(二)1 停工停产', ARRAY['旌德 政办〔2022〕67号 三 核查认定']),
    ('verification', 'INEFF-2', 'INEFF-2 旌德 政办〔2022〕67号 二(二)2 未按约定建设', ARRAY['旌德 政办〔2022〕67号 三 核查认定']),
    ('verification', 'INEFF-3', 'INEFF-3 旌德 政办〔2022〕67号 二(二)3 亩均税收低', ARRAY['旌德 政办〔2022〕67号 三 核查认定']),
    ('verification', 'INEFF-4', 'INEFF-4 旌德 政办〔2022〕67号 二(二)4 司法处置且停产', ARRAY['旌德 政办〔2022〕67号 三 核查认定']),
    ('verification', 'INEFF-5', 'INEFF-5 旌德 政办〔2022〕67号 二(二)5 淘汰类或僵尸企业', ARRAY['旌德 政办〔2022〕67号 三 核查认定']);

-- The basis text of a set of codes on this export's list (see above).
CREATE OR REPLACE FUNCTION pg_temp.list_basis_text(codes text[]) RETURNS text
    LANGUAGE sql STABLE AS $$
    WITH parts AS (
        SELECT 1 AS part, b.code COLLATE "C" AS code, 0::bigint AS position, b.rule AS text
        FROM list_basis b JOIN list_context c ON c.list = b.list
        WHERE b.code = ANY (codes)
        UNION ALL
        SELECT 2, min(b.code COLLATE "C"), min(s.position), s.text
        FROM list_basis b JOIN list_context c ON c.list = b.list
        CROSS JOIN LATERAL unnest(b.sanctions) WITH ORDINALITY AS s (text, position)
        WHERE b.code = ANY (codes)
        GROUP BY s.text
    )
    SELECT string_agg(text, '; ' ORDER BY part, code, position) FROM parts
$$;

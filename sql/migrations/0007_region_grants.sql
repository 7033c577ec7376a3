-- mujun: shipped with checksum 021876986d53e8f0693048f33dc26bbde68f48984b3017a9f9c04217ec776076
-- Edited at the definitions handover (0060_definitions_handover.sql): its views and functions now
-- live in sql/definitions/, one per file; the header above lets a database that applied the
-- shipped text accept this one (docs/architecture.md, "Migrations and definitions").

-- Row-level access for township analysts (spec security.md, details.md #75): a login that is a
-- member of mujun_region_analyst sees, in every mart view, only the rows of the region codes
-- granted to it here. The filter lives in the mart views themselves (security-barrier views
-- owned by mujun_owner), so analysts never need access to the tables behind them, and a
-- revoke takes effect with the next query.

CREATE TABLE runs.region_grants (
    role_name    name NOT NULL,
    region_code  text NOT NULL,
    granted_by   text NOT NULL,
    granted_at   timestamptz NOT NULL,
    PRIMARY KEY (role_name, region_code)
);
COMMENT ON TABLE runs.region_grants IS '区域分析员可见的区划代码 / region codes each region analyst login may see';

-- Region analysts read the mart like analysts (the views filter their rows).
ALTER DEFAULT PRIVILEGES IN SCHEMA mart GRANT SELECT ON TABLES TO mujun_region_analyst;

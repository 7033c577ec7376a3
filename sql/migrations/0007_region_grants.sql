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

-- True when the current role must be limited to its granted regions: a member of
-- mujun_region_analyst that is not a superuser (a superuser is a member of every role).
CREATE FUNCTION mart.region_restricted() RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(current_user, 'mujun_region_analyst', 'MEMBER')
           AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
$$;
COMMENT ON FUNCTION mart.region_restricted() IS
    '当前角色是否受区域限制（区域分析员）/ whether the current role is limited to granted regions';

-- Region analysts read the mart like analysts (the views filter their rows).
ALTER DEFAULT PRIVILEGES IN SCHEMA mart GRANT SELECT ON TABLES TO mujun_region_analyst;

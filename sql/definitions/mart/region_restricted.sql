-- True when the current role must be limited to its granted regions: a member of
-- mujun_region_analyst that is not a superuser (a superuser is a member of every role).
CREATE OR REPLACE FUNCTION mart.region_restricted() RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(current_user, 'mujun_region_analyst', 'MEMBER')
           AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
$$;
COMMENT ON FUNCTION mart.region_restricted() IS
    '当前角色是否受区域限制（区域分析员）/ whether the current role is limited to granted regions';

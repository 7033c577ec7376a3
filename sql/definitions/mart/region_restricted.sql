-- True when the login of this session must be limited to its granted regions: a member of
-- mujun_region_analyst that is not a superuser (a superuser is a member of every role). Judged
-- by `session_user`, the role that logged in: after `SET ROLE mujun_analyst` current_user is no
-- region analyst, but the login still is (issue 16 item 4). A region analyst stays restricted
-- whatever other roles it also holds.
CREATE OR REPLACE FUNCTION mart.region_restricted() RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(session_user, 'mujun_region_analyst', 'MEMBER')
           AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
$$;
COMMENT ON FUNCTION mart.region_restricted() IS
    '本会话登录角色是否受区域限制（区域分析员；按 session_user 判断，SET ROLE 不改变）/ whether the login of this session is limited to granted regions (judged by session_user: SET ROLE does not change it)';

-- The region codes the login of this session may see in the mart (spec security.md, details.md
-- #75), for the region filter of every mart view. It is keyed by `session_user`, the role that
-- logged in, never by `current_user`: `SET ROLE` to another role the login belongs to (e.g.
-- mujun_analyst) changes current_user, and must not change what the login sees (issue 16 item 4).
-- Only a superuser can change session_user (SET SESSION AUTHORIZATION).
CREATE OR REPLACE VIEW runs.login_regions AS
SELECT g.region_code
FROM runs.region_grants g
WHERE g.role_name = session_user;
COMMENT ON VIEW runs.login_regions IS '本会话登录角色（session_user）获授权可见的区划代码 / region codes granted to the login of this session (session_user, unaffected by SET ROLE)';
COMMENT ON COLUMN runs.login_regions.region_code IS '区划代码 / region code';

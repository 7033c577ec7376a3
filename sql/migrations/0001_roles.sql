-- mujun: run as login
-- Roles of spec security.md, created without passwords (logins are the bureau's own, granted
-- one of these group roles). Runs as the connecting login, which needs CREATEROLE (the local
-- cluster's superuser does); every later migration runs as mujun_owner (details.md #75).
-- Several databases of one cluster share the roles, so creation tolerates a concurrent creator.

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['mujun_owner', 'mujun_loader', 'mujun_analyst', 'mujun_region_analyst'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- created meanwhile by a migration of another database
            END;
        END IF;
    END LOOP;
END
$$;

-- The login that migrates must be able to SET ROLE mujun_owner.
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'mujun_owner', 'MEMBER') THEN
        EXECUTE format('GRANT mujun_owner TO %I', current_user);
    END IF;
END
$$;

-- The owner creates the schemas; the loader and owner may use temporary tables; analysts may
-- not (details.md #75), so TEMP is taken from PUBLIC and given back to the pipeline's roles.
-- Database privileges belong to the database, not its contents: a copy made with CREATE
-- DATABASE … TEMPLATE starts without them, so they are a function its maker can call again.
CREATE FUNCTION public.mujun_database_privileges() RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT CREATE, CONNECT, TEMPORARY ON DATABASE %I TO mujun_owner', current_database());
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO mujun_loader', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO mujun_analyst, mujun_region_analyst', current_database());
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$;
SELECT public.mujun_database_privileges();

GRANT mujun_analyst TO mujun_loader;

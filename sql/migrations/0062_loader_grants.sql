-- mujun: run as login
-- What mujun_loader needs for the commands the docs give it (issue 16 item 6, docs/operations.md
-- "Roles"): `mujun status` and every command's up-to-date check read the migration and
-- definition records, which belong to the login that first migrated (public schema), so this
-- migration runs as that login. Loading needs no CREATE on staging: batches are created and
-- applied through core.create_batch_table and core.apply_batch (sql/definitions/core/).
GRANT SELECT ON public.mujun_schema_migrations, public.mujun_schema_definitions TO mujun_loader;

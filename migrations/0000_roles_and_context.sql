-- The application role: every query of the app runs as it (SET LOCAL ROLE per transaction). It is not a
-- superuser, cannot bypass row-level security and owns no table, so the policies always apply to it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'trellis_app') THEN
    CREATE ROLE trellis_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  -- another database of the same server created it at the same moment
  NULL;
END
$$;
--> statement-breakpoint
-- A migrating user that is not a superuser needs membership to SET ROLE to it.
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT trellis_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO trellis_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO trellis_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO trellis_app;
--> statement-breakpoint
-- The per-transaction context the policies read; set with set_config(…, true) by the data layer.
CREATE OR REPLACE FUNCTION trellis_scope() RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT coalesce(nullif(current_setting('trellis.scope', true), ''), 'none') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trellis_partner_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('trellis.partner_id', true), '')::uuid $$;

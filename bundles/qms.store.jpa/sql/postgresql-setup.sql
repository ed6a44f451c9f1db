-- CRO Quality Suite: a database on a PostgreSQL server, with two roles of least privilege.
--
--   owner (qms_owner): owns the schema "qms" and its tables; the suite connects as this role only to create or
--                      extend the tables (the first start, a module added), never for daily work;
--   app   (qms_app):   what every installation connects as. It reads and writes the records, but may only read and
--                      append to the audit trail (SYS_AUDIT) and the electronic signatures (QMS_SIGNATURE):
--                      UPDATE, DELETE and TRUNCATE of them are refused by the server itself.
--
-- Run once, on a new server, as a superuser (psql asks nothing; the passwords are given here and kept nowhere):
--
--   psql -h db.example.org -U postgres -v owner_password='…' -v app_password='…' \
--        [-v database=qms] [-v owner=qms_owner] [-v app=qms_app] -f postgresql-setup.sql
--
-- The file ships in the product (plugins/qms.store.jpa_*/sql/) and is in the sources at
-- bundles/qms.store.jpa/sql/postgresql-setup.sql.

\set ON_ERROR_STOP on
\if :{?database}
\else
  \set database qms
\endif
\if :{?owner}
\else
  \set owner qms_owner
\endif
\if :{?app}
\else
  \set app qms_app
\endif

CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"app" LOGIN PASSWORD :'app_password';
CREATE DATABASE :"database" OWNER :"owner" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"database" TO :"app";
-- which role the append-only rule below protects against
ALTER DATABASE :"database" SET qms.app_role TO :'app';

\connect :"database"
REVOKE ALL ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA qms AUTHORIZATION :"owner";
ALTER ROLE :"owner" IN DATABASE :"database" SET search_path = qms;
ALTER ROLE :"app" IN DATABASE :"database" SET search_path = qms;
GRANT USAGE ON SCHEMA qms TO :"app";

-- every table the owner creates may be read and written by the application ...
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA qms GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";

-- ... except the audit trail and the signatures: as soon as the owner creates them, the application keeps only
-- SELECT and INSERT on them (an event trigger, so that it holds for tables made after this script ran)
CREATE FUNCTION qms.keep_append_only() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
    created record;
BEGIN
    FOR created IN SELECT object_identity FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE TABLE'
    LOOP
        -- (a copy restored elsewhere, e.g. by the restore test, has no application role to protect against)
        IF created.object_identity IN ('qms.sys_audit', 'qms.qms_signature')
                AND current_setting('qms.app_role', true) IS NOT NULL THEN
            EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM %I', created.object_identity,
                current_setting('qms.app_role'));
        END IF;
    END LOOP;
END
$$;
CREATE EVENT TRIGGER qms_append_only ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
    EXECUTE FUNCTION qms.keep_append_only();

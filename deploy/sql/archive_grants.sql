-- Privileges of the archive service's own database account (SPEC V3, A1 7.3.3): it may read and
-- append the access log but never UPDATE or DELETE a row of it, so nobody who holds the service's
-- credentials can rewrite who read what. Everything else is the least the service needs (records are
-- never deleted; destruction only clears the content columns).
--
-- Placeholders (those of deploy/run-local.sh): @SCHEMA@ the schema, @USER@ the service account at host
-- '%'. The account must already exist (CREATE USER … IDENTIFIED BY …: a password does not belong in
-- this file), and so must the tables — a GRANT on a missing table fails — so this runs AFTER the
-- migrations, by an account that holds these privileges WITH GRANT OPTION:
--   - the archive does it itself at start when given --migration_user/--migration_password: it runs
--     the migrations with that account, then this file (built into the binary) for --mysql_user on
--     --mysql_database;
--   - or by hand, once the schema exists:
--       sed 's/@SCHEMA@/cs_archive/g; s/@USER@/cs_archive/g' deploy/sql/archive_grants.sql |
--         mariadb -h 127.0.0.1 -P "$port" -u cs_admin -p
-- The service account needs no more than this: it never creates tables (--migration_user does).
--
-- Grants are per table on purpose: one on the whole schema would carry UPDATE and DELETE to the
-- access log, and grants only add up. A table added by a later migration needs its line here.

-- The append-only audit trails: who read what (V3), and who changed what (common migration 0006).
GRANT SELECT, INSERT ON `@SCHEMA@`.`access_log` TO '@USER@'@'%';
GRANT SELECT, INSERT ON `@SCHEMA@`.`audit_log` TO '@USER@'@'%';

-- Records and their versions: never deleted.
GRANT SELECT, INSERT, UPDATE ON `@SCHEMA@`.`records` TO '@USER@'@'%';
GRANT SELECT, INSERT, UPDATE ON `@SCHEMA@`.`record_versions` TO '@USER@'@'%';

-- Histories kept as they happened.
GRANT SELECT, INSERT ON `@SCHEMA@`.`legal_hold_events` TO '@USER@'@'%';
GRANT SELECT, INSERT ON `@SCHEMA@`.`destruction_certificates` TO '@USER@'@'%';
GRANT SELECT, INSERT ON `@SCHEMA@`.`retention_changes` TO '@USER@'@'%';

-- Current state the service maintains (monthly_stats is rebuilt with DELETE + INSERT).
GRANT SELECT, INSERT, UPDATE, DELETE ON `@SCHEMA@`.`monthly_stats` TO '@USER@'@'%';
GRANT SELECT, INSERT, UPDATE ON `@SCHEMA@`.`monthly_reports` TO '@USER@'@'%';
GRANT SELECT, INSERT, UPDATE ON `@SCHEMA@`.`retention_overrides` TO '@USER@'@'%';

-- The shared tables of every schema (common/db/migrations; inbox and idempotency claims are
-- INSERT … ON DUPLICATE KEY UPDATE) and the migration record (read only).
GRANT SELECT, INSERT, UPDATE, DELETE ON `@SCHEMA@`.`inbox_processed` TO '@USER@'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON `@SCHEMA@`.`idempotency_keys` TO '@USER@'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON `@SCHEMA@`.`outbox` TO '@USER@'@'%';
GRANT SELECT ON `@SCHEMA@`.`schema_migrations` TO '@USER@'@'%';

-- The archive (SPEC §6): closed complete records, their versions, retention and legal hold, the access
-- log, destruction certificates and the monthly statistics. Times are UTC DATETIME(6).
--
-- Grants (deploy/sql/archive_grants.sql): the service's own account may INSERT and SELECT the access log
-- but never UPDATE or DELETE it. A new table added by a later migration needs its grant there too.

-- One row per archived ticket: its classification (no personal data: it stays after destruction),
-- retention, hold and state. The content of each version is in record_versions.
CREATE TABLE IF NOT EXISTS records (
  record_id BIGINT NOT NULL AUTO_INCREMENT,
  ticket_id BIGINT NOT NULL,
  unit_id VARCHAR(32) NOT NULL,
  unit_name VARCHAR(200) NOT NULL,
  time_zone VARCHAR(64) NOT NULL,
  kind TINYINT NOT NULL,
  channel TINYINT NOT NULL,
  business_line VARCHAR(40) NOT NULL,
  routing_path TINYINT NOT NULL,
  overall_serial BIGINT NOT NULL,
  serial_month CHAR(7) NOT NULL,
  month_serial BIGINT NOT NULL,
  received_at DATETIME(6) NOT NULL,
  closed_at DATETIME(6) NOT NULL,
  closed_month CHAR(7) NOT NULL,
  on_time BOOLEAN NOT NULL,
  current_version INT NOT NULL,
  archived_at DATETIME(6) NOT NULL,
  retention_months INT NOT NULL,
  retain_until DATETIME(6) NOT NULL,
  retention_basis VARCHAR(500) NOT NULL,
  legal_hold BOOLEAN NOT NULL DEFAULT FALSE,
  hold_reason VARCHAR(500) NOT NULL DEFAULT '',
  hold_set_by VARCHAR(400) NOT NULL DEFAULT '',
  hold_set_at DATETIME(6) NULL,
  destroyed_at DATETIME(6) NULL,
  PRIMARY KEY (record_id),
  UNIQUE KEY records_ticket (ticket_id),
  KEY records_unit_month (unit_id, closed_month, record_id),
  KEY records_month (closed_month, record_id),
  -- ListDueForDestruction and the due gauge: undestroyed, unheld, oldest retention first.
  KEY records_due (destroyed_at, legal_hold, retain_until),
  KEY records_unit_due (unit_id, destroyed_at, legal_hold, retain_until)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every version of a record's content, never changed: a correction adds a version. `document` is the
-- complete record as received (a serialized cs.intake.v1.Ticket); destruction sets it to NULL and keeps
-- the hash.
CREATE TABLE IF NOT EXISTS record_versions (
  record_id BIGINT NOT NULL,
  version INT NOT NULL,
  archived_at DATETIME(6) NOT NULL,
  archived_by VARCHAR(400) NOT NULL,
  reason VARCHAR(1000) NOT NULL,
  source_message_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  content_sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
  document LONGBLOB NULL,
  PRIMARY KEY (record_id, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Legal holds set and released (V2), in order.
CREATE TABLE IF NOT EXISTS legal_hold_events (
  id BIGINT NOT NULL AUTO_INCREMENT,
  record_id BIGINT NOT NULL,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(400) NOT NULL,
  held BOOLEAN NOT NULL,
  reason VARCHAR(500) NOT NULL,
  PRIMARY KEY (id),
  KEY legal_hold_events_record (record_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What remains of each destroyed record (V4, A1 7.3.4).
CREATE TABLE IF NOT EXISTS destruction_certificates (
  certificate_id BIGINT NOT NULL AUTO_INCREMENT,
  record_id BIGINT NOT NULL,
  ticket_id BIGINT NOT NULL,
  unit_id VARCHAR(32) NOT NULL,
  destroyed_by VARCHAR(400) NOT NULL,
  destroyed_at DATETIME(6) NOT NULL,
  reason VARCHAR(500) NOT NULL,
  retention_basis VARCHAR(500) NOT NULL,
  retention_months INT NOT NULL,
  retain_until DATETIME(6) NOT NULL,
  closed_at DATETIME(6) NOT NULL,
  archived_at DATETIME(6) NOT NULL,
  content_sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
  versions INT NOT NULL,
  PRIMARY KEY (certificate_id),
  UNIQUE KEY destruction_certificates_record (record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every read, search and export, granted or refused (V3, A1 7.3.3). Append-only for the service account.
CREATE TABLE IF NOT EXISTS access_log (
  id BIGINT NOT NULL AUTO_INCREMENT,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(400) NOT NULL,
  actor_role TINYINT NOT NULL,
  caller_unit_id VARCHAR(32) NOT NULL,
  action VARCHAR(32) CHARACTER SET ascii NOT NULL,
  target VARCHAR(400) NOT NULL,
  record_unit_id VARCHAR(32) NOT NULL,
  reason VARCHAR(500) NOT NULL,
  outcome VARCHAR(16) CHARACTER SET ascii NOT NULL,
  result_count INT NOT NULL,
  detail VARCHAR(64) NOT NULL,
  PRIMARY KEY (id),
  KEY access_log_at (at),
  KEY access_log_actor (actor(64), id),
  KEY access_log_record_unit (record_unit_id, id),
  KEY access_log_target (target(64), id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Counts per month (of closing, local) and classification, kept in the transaction that archives or
-- corrects a record, so a month report reads a few hundred rows however large the archive (V5).
CREATE TABLE IF NOT EXISTS monthly_stats (
  closed_month CHAR(7) NOT NULL,
  unit_id VARCHAR(32) NOT NULL,
  kind TINYINT NOT NULL,
  channel TINYINT NOT NULL,
  business_line VARCHAR(40) NOT NULL,
  routing_path TINYINT NOT NULL,
  records BIGINT NOT NULL,
  on_time BIGINT NOT NULL,
  PRIMARY KEY (closed_month, unit_id, kind, channel, business_line, routing_path)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each unit's monthly report on a month (A1 7.4.1): submitted, or counted as missed once past due.
CREATE TABLE IF NOT EXISTS monthly_reports (
  month CHAR(7) NOT NULL,
  unit_id VARCHAR(32) NOT NULL,
  due_at DATETIME(6) NOT NULL,
  due_calendar VARCHAR(64) NOT NULL,
  submitted_at DATETIME(6) NULL,
  submitted_by VARCHAR(400) NOT NULL DEFAULT '',
  analysis MEDIUMTEXT NOT NULL,
  records BIGINT NOT NULL DEFAULT 0,
  miss_counted BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (month, unit_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Retention set through SetUnitRetention (V2), overriding the data file for records archived later.
CREATE TABLE IF NOT EXISTS retention_overrides (
  unit_id VARCHAR(32) NOT NULL,
  retention_months INT NOT NULL,
  set_by VARCHAR(400) NOT NULL,
  set_at DATETIME(6) NOT NULL,
  reason VARCHAR(500) NOT NULL,
  PRIMARY KEY (unit_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every retention change, in order.
CREATE TABLE IF NOT EXISTS retention_changes (
  id BIGINT NOT NULL AUTO_INCREMENT,
  unit_id VARCHAR(32) NOT NULL,
  retention_months INT NOT NULL,
  set_by VARCHAR(400) NOT NULL,
  set_at DATETIME(6) NOT NULL,
  reason VARCHAR(500) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

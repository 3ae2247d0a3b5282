-- The assessment service's notices (SPEC §5, S1–S3, S7; M 7.6, 7.7, 7.13): rectification notices
-- 《整改措施单》 with their replies, verifications and history; maintenance notices with the windows
-- told and their history; launch reviews with their history. Schema cs_assessment.
-- Times are UTC DATETIME(6); a duration is BIGINT microseconds. Enums are TINYINT with the numbers
-- of the domain (services/assessment/domain). Every character column uses a NO PAD binary collation
-- (the tables' default utf8mb4_nopad_bin), so "x" and "x " are two values; the migration runner
-- refuses any other. Lengths: unit ids 64 characters, actors,
-- signers and window names 400, clauses 60, short texts 200, free text TEXT (64 KiB). History,
-- replies and verifications are append-only: rows are inserted, never updated or deleted.

-- S1, M 7.13: one row per rectification notice ("RN-<id>"). reply_due_* are NULL while ISSUED.
CREATE TABLE IF NOT EXISTS rectification_notices (
  id BIGINT NOT NULL AUTO_INCREMENT,
  unit_id VARCHAR(64) NOT NULL,
  finding TEXT NOT NULL,
  clause VARCHAR(60) NOT NULL,
  evidence TEXT NOT NULL,
  -- S7: the partner or agent at fault ("PA-<n>"), NULL when none.
  partner_id BIGINT NULL,
  source_id VARCHAR(100) NOT NULL,
  issued_by VARCHAR(400) NOT NULL,
  issued_at DATETIME(6) NOT NULL,
  state TINYINT NOT NULL,
  received_at DATETIME(6) NULL,
  received_by VARCHAR(400) NOT NULL,
  deemed_received BOOLEAN NOT NULL,
  reply_due_at DATETIME(6) NULL,
  reply_due_calendar_version VARCHAR(200) NOT NULL,
  reply_due_provisional BOOLEAN NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY rectification_notices_unit (unit_id, id),
  -- ListAwaitingDeemedReceipt: ISSUED notices by issue time.
  KEY rectification_notices_state_issued (state, issued_at),
  -- ListReplyOverdue and the overdue filter: RECEIVED / REOPENED by reply deadline.
  KEY rectification_notices_state_due (state, reply_due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The unit's replies (整改措施, signed by its manager), oldest first.
CREATE TABLE IF NOT EXISTS rectification_notice_replies (
  notice_id BIGINT NOT NULL,
  position INT NOT NULL,
  measures TEXT NOT NULL,
  signed_by VARCHAR(400) NOT NULL,
  replied_by VARCHAR(400) NOT NULL,
  replied_at DATETIME(6) NOT NULL,
  due_at DATETIME(6) NOT NULL,
  late BOOLEAN NOT NULL,
  PRIMARY KEY (notice_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The CS center's verifications, oldest first; new_due_* set when failed (the reopening deadline).
CREATE TABLE IF NOT EXISTS rectification_notice_verifications (
  notice_id BIGINT NOT NULL,
  position INT NOT NULL,
  passed BOOLEAN NOT NULL,
  note TEXT NOT NULL,
  verified_by VARCHAR(400) NOT NULL,
  verified_at DATETIME(6) NOT NULL,
  new_due_at DATETIME(6) NULL,
  new_due_calendar_version VARCHAR(200) NOT NULL,
  new_due_provisional BOOLEAN NOT NULL,
  PRIMARY KEY (notice_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS rectification_notice_history (
  notice_id BIGINT NOT NULL,
  position INT NOT NULL,
  sequence INT NOT NULL,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(400) NOT NULL,
  event VARCHAR(64) NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (notice_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- S2, M 7.6: one row per maintenance notice ("MN-<id>"): the form as filed, whether late and its
-- finding (late_found_at NULL when none), the superior's approval (approved_at NULL when none), the
-- cancellation, and the rectification notice raised from it (NULL while none).
CREATE TABLE IF NOT EXISTS maintenance_notices (
  id BIGINT NOT NULL AUTO_INCREMENT,
  unit_id VARCHAR(64) NOT NULL,
  kind TINYINT NOT NULL,
  description TEXT NOT NULL,
  starts_at DATETIME(6) NOT NULL,
  ends_at DATETIME(6) NOT NULL,
  affected_users VARCHAR(200) NOT NULL,
  affected_user_count BIGINT NOT NULL,
  important_users_affected BOOLEAN NOT NULL,
  users_notified_at DATETIME(6) NOT NULL,
  emergency BOOLEAN NOT NULL,
  emergency_reason TEXT NOT NULL,
  state TINYINT NOT NULL,
  filed_by VARCHAR(400) NOT NULL,
  filed_at DATETIME(6) NOT NULL,
  notice_lead_us BIGINT NOT NULL,
  late BOOLEAN NOT NULL,
  late_unit_id VARCHAR(64) NOT NULL,
  late_source_id VARCHAR(100) NOT NULL,
  late_clause VARCHAR(60) NOT NULL,
  late_finding TEXT NOT NULL,
  late_evidence TEXT NOT NULL,
  late_found_at DATETIME(6) NULL,
  approved_by VARCHAR(400) NOT NULL,
  approved_at DATETIME(6) NULL,
  approval_reference VARCHAR(200) NOT NULL,
  approval_recorded_by VARCHAR(400) NOT NULL,
  approval_recorded_at DATETIME(6) NULL,
  cancelled_at DATETIME(6) NULL,
  cancel_reason TEXT NOT NULL,
  raised_notice_id BIGINT NULL,
  updated_at DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY maintenance_notices_unit (unit_id, id),
  KEY maintenance_notices_late (late, id),
  KEY maintenance_notices_starts (starts_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The external windows told (unit ids or window names such as "10000"), in the order filed.
CREATE TABLE IF NOT EXISTS maintenance_notice_windows (
  maintenance_id BIGINT NOT NULL,
  position INT NOT NULL,
  window_name VARCHAR(400) NOT NULL,
  PRIMARY KEY (maintenance_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS maintenance_notice_history (
  maintenance_id BIGINT NOT NULL,
  position INT NOT NULL,
  sequence INT NOT NULL,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(400) NOT NULL,
  event VARCHAR(64) NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (maintenance_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- S3, M 7.7: one row per launch review ("LR-<id>"); launch_found_at NULL when the launch raised no
-- finding.
CREATE TABLE IF NOT EXISTS launch_reviews (
  id BIGINT NOT NULL AUTO_INCREMENT,
  unit_id VARCHAR(64) NOT NULL,
  change_text TEXT NOT NULL,
  planned_launch_at DATETIME(6) NOT NULL,
  state TINYINT NOT NULL,
  submitted_by VARCHAR(400) NOT NULL,
  submitted_at DATETIME(6) NOT NULL,
  accepted_by VARCHAR(400) NOT NULL,
  accepted_at DATETIME(6) NULL,
  acceptance_note TEXT NOT NULL,
  window_training_needed BOOLEAN NOT NULL,
  window_training_done_at DATETIME(6) NULL,
  launched_at DATETIME(6) NULL,
  launch_unit_id VARCHAR(64) NOT NULL,
  launch_source_id VARCHAR(100) NOT NULL,
  launch_clause VARCHAR(60) NOT NULL,
  launch_finding TEXT NOT NULL,
  launch_evidence TEXT NOT NULL,
  launch_found_at DATETIME(6) NULL,
  updated_at DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY launch_reviews_unit (unit_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS launch_review_history (
  review_id BIGINT NOT NULL,
  position INT NOT NULL,
  sequence INT NOT NULL,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(400) NOT NULL,
  event VARCHAR(64) NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (review_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

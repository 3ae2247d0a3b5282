-- The hotline registry (SPEC §3, annex A2 and A4): hotlines registered on form F1 and the CS center's
-- decision, their changes (form F2) and number transitions, every event of each, the CS center's
-- department-wide notices, call detail records, staff with their trainings, duty rosters and the
-- rosters refused for untrained staff, monthly operating report submissions and phrase scores.
-- Times are UTC DATETIME(6). Enums are TINYINT with the numbers of cs.hotline.v1. Every character
-- column uses a NO PAD binary collation (the tables' default utf8mb4_nopad_bin, ascii_nopad_bin for
-- ASCII identifiers), so "x" and "x " are two keys; the migration runner refuses any other.
-- Lengths: people's names and handlers 200 characters, user ids 400, phone numbers 64, free text
-- TEXT (64 KiB). A value too long is refused by the strict sql_mode as INVALID_ARGUMENT.

-- One row per hotline: the current number and hours, form F1 as filed (reg_*), and the CS center's
-- decision (approval_*; approval_approved NULL until decided). Service hours are kept as
-- hours_around_the_clock, hours_periods ("<weekday>:<start minute>-<end minute>" joined by ',') and
-- hours_on_public_holidays.
CREATE TABLE IF NOT EXISTS hotlines (
  id BIGINT NOT NULL AUTO_INCREMENT,
  unit_id VARCHAR(64) NOT NULL,
  state TINYINT NOT NULL,
  number VARCHAR(64) NOT NULL,
  hours_around_the_clock BOOLEAN NOT NULL,
  hours_periods TEXT CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  hours_on_public_holidays TINYINT NOT NULL,
  reg_unit_id VARCHAR(64) NOT NULL,
  reg_filed_at DATETIME(6) NOT NULL,
  reg_number VARCHAR(64) NOT NULL,
  reg_hours_around_the_clock BOOLEAN NOT NULL,
  reg_hours_periods TEXT CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  reg_hours_on_public_holidays TINYINT NOT NULL,
  reg_established_on DATETIME(6) NULL,
  reg_audience TEXT NOT NULL,
  reg_description TEXT NOT NULL,
  reg_charges TEXT NOT NULL,
  reg_staffing TEXT NOT NULL,
  reg_contact_a_person VARCHAR(200) NOT NULL,
  reg_contact_a_phone VARCHAR(64) NOT NULL,
  reg_contact_a_email VARCHAR(254) NOT NULL,
  reg_contact_b_person VARCHAR(200) NOT NULL,
  reg_contact_b_phone VARCHAR(64) NOT NULL,
  reg_contact_b_email VARCHAR(254) NOT NULL,
  reg_handler VARCHAR(200) NOT NULL,
  reg_signed_by VARCHAR(400) NULL,
  reg_signed_at DATETIME(6) NULL,
  reg_remarks TEXT NOT NULL,
  approval_approved BOOLEAN NULL,
  approval_decided_by VARCHAR(400) NOT NULL DEFAULT '',
  approval_decided_at DATETIME(6) NULL,
  approval_reason TEXT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  -- When the change sweep must next look at the hotline (NextDueAt in store/hotline_store_support.h):
  -- the earliest change time of its pending or approved changes; NULL when none.
  next_due_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  KEY hotlines_unit (unit_id, id),
  KEY hotlines_state (state, id),
  KEY hotlines_number (number),
  -- ClaimDueChanges: the earliest due first.
  KEY hotlines_due (next_due_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Form F2 of each change, its state and the CS center's opinion (opinion_approved NULL until given).
-- change_id ("CH-<k>") is unique per hotline; change_seq keeps the order the changes were filed in.
-- notice_id: the notice (H4) it came from, '' for a unit's own form.
CREATE TABLE IF NOT EXISTS hotline_changes (
  change_seq BIGINT NOT NULL AUTO_INCREMENT,
  hotline_id BIGINT NOT NULL,
  change_id VARCHAR(64) NOT NULL,
  notice_id VARCHAR(64) NOT NULL DEFAULT '',
  state TINYINT NOT NULL,
  form_unit_id VARCHAR(64) NOT NULL,
  form_filed_at DATETIME(6) NOT NULL,
  form_number VARCHAR(64) NOT NULL,
  change_at DATETIME(6) NOT NULL,
  item TINYINT NOT NULL,
  reason TEXT NOT NULL,
  handler VARCHAR(200) NOT NULL,
  signed_by VARCHAR(400) NULL,
  signed_at DATETIME(6) NULL,
  remarks TEXT NOT NULL,
  new_number VARCHAR(64) NOT NULL,
  transition_kind TINYINT NOT NULL,
  transition_ends_at DATETIME(6) NULL,
  -- SERVICE_HOURS: the new hours (hours_set FALSE: none).
  hours_set BOOLEAN NOT NULL,
  hours_around_the_clock BOOLEAN NOT NULL,
  hours_periods TEXT CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  hours_on_public_holidays TINYINT NOT NULL,
  opinion_approved BOOLEAN NULL,
  opinion_decided_by VARCHAR(400) NOT NULL DEFAULT '',
  opinion_decided_at DATETIME(6) NULL,
  opinion_reason TEXT NOT NULL,
  PRIMARY KEY (change_seq),
  UNIQUE KEY hotline_changes_id (hotline_id, change_id),
  KEY hotline_changes_hotline (hotline_id, change_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- H3: old numbers kept on a voice prompt or transfer, in the order the hotline got them (position).
CREATE TABLE IF NOT EXISTS hotline_transitions (
  hotline_id BIGINT NOT NULL,
  position INT NOT NULL,
  old_number VARCHAR(64) NOT NULL,
  new_number VARCHAR(64) NOT NULL,
  kind TINYINT NOT NULL,
  starts_at DATETIME(6) NOT NULL,
  ends_at DATETIME(6) NOT NULL,
  PRIMARY KEY (hotline_id, position),
  -- ListHotlines by a former number.
  KEY hotline_transitions_old_number (old_number, hotline_id),
  -- ListNumberTransitions: the ones still running.
  KEY hotline_transitions_ends (ends_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Every event of a hotline, append-only; position is its place in the history, sequence the domain's
-- number.
CREATE TABLE IF NOT EXISTS hotline_history (
  hotline_id BIGINT NOT NULL,
  position INT NOT NULL,
  sequence INT NOT NULL,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(400) NOT NULL,
  event VARCHAR(64) NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (hotline_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- H4: the CS center's department-wide notices ("NT-<notice_seq>") and the hotlines each names.
CREATE TABLE IF NOT EXISTS notices (
  notice_seq BIGINT NOT NULL AUTO_INCREMENT,
  -- NULL only between the INSERT and the UPDATE that names it.
  notice_id VARCHAR(64) NULL,
  title TEXT NOT NULL,
  item TINYINT NOT NULL,
  change_at DATETIME(6) NOT NULL,
  issued_by VARCHAR(400) NOT NULL,
  issued_at DATETIME(6) NOT NULL,
  PRIMARY KEY (notice_seq),
  UNIQUE KEY notices_id (notice_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS notice_targets (
  notice_seq BIGINT NOT NULL,
  position INT NOT NULL,
  hotline_id BIGINT NOT NULL,
  new_number VARCHAR(64) NOT NULL,
  transition_kind TINYINT NOT NULL,
  transition_ends_at DATETIME(6) NULL,
  change_id VARCHAR(64) NOT NULL,
  PRIMARY KEY (notice_seq, position),
  KEY notice_targets_hotline (hotline_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- H6: call detail records, one per (hotline, call id) — a repeat is a duplicate, never a second row.
-- within_service_hours and hotline_active are decided by the core at ingest. ingest_token: a random
-- number per INSERT statement, so the statement's RETURNING tells the rows it stored from the
-- duplicates (whose stored token is another's).
CREATE TABLE IF NOT EXISTS call_records (
  hotline_id BIGINT NOT NULL,
  call_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  offered_at DATETIME(6) NOT NULL,
  outcome TINYINT NOT NULL,
  wait_seconds INT NOT NULL,
  agent_staff_number VARCHAR(32) NOT NULL,
  within_service_hours BOOLEAN NOT NULL,
  hotline_active BOOLEAN NOT NULL,
  ingest_token BIGINT NOT NULL,
  PRIMARY KEY (hotline_id, call_id),
  -- MonthCounts: one hotline's month as an offered_at range, counted from the index alone.
  KEY call_records_month (hotline_id, offered_at, within_service_hours, outcome),
  -- HotlinesWithCallsWhileNotActive.
  KEY call_records_not_active (hotline_active, offered_at, hotline_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- H7: hotline staff (工号 unique per unit) and their trainings in the order recorded.
CREATE TABLE IF NOT EXISTS staff (
  unit_id VARCHAR(64) NOT NULL,
  staff_number VARCHAR(32) NOT NULL,
  name VARCHAR(200) NOT NULL,
  PRIMARY KEY (unit_id, staff_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS staff_trainings (
  unit_id VARCHAR(64) NOT NULL,
  staff_number VARCHAR(32) NOT NULL,
  position INT NOT NULL,
  subject TINYINT NOT NULL,
  completed_on DATETIME(6) NOT NULL,
  trainer VARCHAR(200) NOT NULL,
  PRIMARY KEY (unit_id, staff_number, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- H7: the duty roster of one hotline and local day, replaced whole by SetDutyRoster, and its shifts.
CREATE TABLE IF NOT EXISTS duty_rosters (
  hotline_id BIGINT NOT NULL,
  day CHAR(10) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  set_by VARCHAR(400) NOT NULL,
  set_at DATETIME(6) NOT NULL,
  PRIMARY KEY (hotline_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS duty_shifts (
  hotline_id BIGINT NOT NULL,
  day CHAR(10) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  position INT NOT NULL,
  staff_number VARCHAR(32) NOT NULL,
  starts_at DATETIME(6) NOT NULL,
  ends_at DATETIME(6) NOT NULL,
  PRIMARY KEY (hotline_id, day, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- H7 statistics: rosters refused for naming untrained staff, one row per refused request, so a retried
-- request is not counted twice; the month's count is COUNT(*) over the primary key's prefix.
CREATE TABLE IF NOT EXISTS roster_refusals (
  unit_id VARCHAR(64) NOT NULL,
  month CHAR(7) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  refusal_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  refused_at DATETIME(6) NOT NULL,
  PRIMARY KEY (unit_id, month, refusal_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- H6, A2 7.7: each hotline's monthly operating report — when due (due_at NULL: not said), whether and
-- when submitted, and whether the late sweep counted it as missed (once).
CREATE TABLE IF NOT EXISTS operating_reports (
  hotline_id BIGINT NOT NULL,
  month CHAR(7) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  due_at DATETIME(6) NULL,
  due_calendar VARCHAR(64) NOT NULL DEFAULT '',
  due_provisional BOOLEAN NOT NULL DEFAULT FALSE,
  submitted_at DATETIME(6) NULL,
  submitted_by VARCHAR(400) NOT NULL DEFAULT '',
  remarks TEXT NOT NULL,
  on_time BOOLEAN NOT NULL DEFAULT FALSE,
  miss_counted BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (hotline_id, month),
  KEY operating_reports_month (month, hotline_id),
  -- ClaimMissedReports: not counted, not submitted, the earliest due first.
  KEY operating_reports_missed (miss_counted, submitted_at, due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- H8: the standard-phrase score of a call (a re-score replaces it) with the reviewer's Mandarin mark
-- (mandarin_standard NULL until reviewed), and its seven situations in order.
CREATE TABLE IF NOT EXISTS phrase_scores (
  hotline_id BIGINT NOT NULL,
  call_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  agent_staff_number VARCHAR(32) NOT NULL,
  required INT NOT NULL,
  used INT NOT NULL,
  score_percent DOUBLE NOT NULL,
  -- used = required: the call counts as using every required phrase (A2 7.10.1).
  fully_used BOOLEAN NOT NULL,
  scored_at DATETIME(6) NOT NULL,
  mandarin_standard BOOLEAN NULL,
  mandarin_reviewer VARCHAR(400) NOT NULL DEFAULT '',
  mandarin_reviewed_at DATETIME(6) NULL,
  mandarin_note TEXT NOT NULL,
  PRIMARY KEY (hotline_id, call_id),
  -- MonthPhraseUse: one hotline's month as a scored_at range, counted from the index alone.
  KEY phrase_scores_month (hotline_id, scored_at, fully_used)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS phrase_score_situations (
  hotline_id BIGINT NOT NULL,
  call_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  position INT NOT NULL,
  situation TINYINT NOT NULL,
  required BOOLEAN NOT NULL,
  used BOOLEAN NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (hotline_id, call_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

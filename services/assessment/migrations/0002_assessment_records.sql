-- The assessment service's own records besides its notices (SPEC §5: S4, S5, S6, S7; M 7.12,
-- 7.14–7.17): satisfaction survey summaries, partners and agents with their history, special tasks
-- and their completion, case studies and trainings with each unit's attendance, and the monthly
-- scorecards kept whole — every indicator with the input it used (figure, source, RPC, read time)
-- or why it is missing — with the OFFICE's feedback. Schema cs_assessment.
-- Times are UTC DATETIME(6); the local days a survey covers are DATE. Enums are TINYINT with the
-- domain's numbers (SurveyMethod, PartnerKind, SessionKind, ScoringRule). Every character column
-- uses a NO PAD binary collation (the tables' default utf8mb4_nopad_bin, ascii_nopad_bin for ASCII
-- codes), so "x" and "x " are two keys; the migration runner refuses any other. Lengths: unit ids
-- and set names 64 characters, names and actors 200, titles 400, free text TEXT (64 KiB).

-- One row per survey summary ("SV-<id>", S4): recorded once, never changed.
CREATE TABLE IF NOT EXISTS surveys (
  id BIGINT NOT NULL AUTO_INCREMENT,
  unit_id VARCHAR(64) NOT NULL,
  method TINYINT NOT NULL,
  period_start DATE NOT NULL,
  period_end DATE NOT NULL,
  sample_size BIGINT NOT NULL,
  score DOUBLE NOT NULL,
  scale DOUBLE NOT NULL,
  note TEXT NOT NULL,
  recorded_by VARCHAR(200) NOT NULL,
  recorded_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY surveys_unit (unit_id, id),
  -- ListForMonth: the unit's surveys whose period ends in the month.
  KEY surveys_unit_period (unit_id, period_end, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- One row per partner or agent of a unit ("PA-<id>", S7); its history in partner_history.
CREATE TABLE IF NOT EXISTS partners (
  id BIGINT NOT NULL AUTO_INCREMENT,
  unit_id VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  kind TINYINT NOT NULL,
  service_standard TEXT NOT NULL,
  meets_company_standard BOOLEAN NOT NULL,
  active BOOLEAN NOT NULL,
  registered_by VARCHAR(200) NOT NULL,
  registered_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY partners_unit (unit_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Every step of a partner's life (REGISTERED, STANDARD_CHANGED, …), appended, never rewritten.
CREATE TABLE IF NOT EXISTS partner_history (
  partner_id BIGINT NOT NULL,
  sequence INT NOT NULL,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(200) NOT NULL,
  event VARCHAR(64) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (partner_id, sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- One row per special task ("ST-<id>", M 7.15); the completion columns are NULL until recorded
-- (done_at NULL: not completed).
CREATE TABLE IF NOT EXISTS special_tasks (
  id BIGINT NOT NULL AUTO_INCREMENT,
  unit_id VARCHAR(64) NOT NULL,
  title VARCHAR(400) NOT NULL,
  description TEXT NOT NULL,
  assigned_by VARCHAR(200) NOT NULL,
  assigned_at DATETIME(6) NOT NULL,
  due_at DATETIME(6) NOT NULL,
  done_at DATETIME(6) NULL,
  quality_ok BOOLEAN NULL,
  completion_note TEXT NULL,
  completion_recorded_by VARCHAR(200) NULL,
  completion_recorded_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  KEY special_tasks_unit (unit_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- One row per case study or training the CS center held ("TS-<id>", M 7.16).
CREATE TABLE IF NOT EXISTS training_sessions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  kind TINYINT NOT NULL,
  title VARCHAR(400) NOT NULL,
  held_at DATETIME(6) NOT NULL,
  organised_by VARCHAR(200) NOT NULL,
  PRIMARY KEY (id),
  KEY training_sessions_held (held_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Each unit expected at a session, at most once, in the order added (position), and whether it
-- attended.
CREATE TABLE IF NOT EXISTS session_attendance (
  session_id BIGINT NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  position INT NOT NULL,
  attended BOOLEAN NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (session_id, unit_id),
  KEY session_attendance_unit (unit_id, session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- One scorecard per unit, month ("YYYY-MM") and indicator set (S5, S6): its header, revision (1
-- the first computation, + 1 per recomputation) and the OFFICE's latest feedback (NULL: none).
-- Its indicators and missing indicators are child rows, replaced whole with it.
CREATE TABLE IF NOT EXISTS scorecards (
  month CHAR(7) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  set_name VARCHAR(64) NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  set_title VARCHAR(400) NOT NULL,
  complete BOOLEAN NOT NULL,
  total_hundredths BIGINT NULL,
  summary TEXT NOT NULL,
  summary_en TEXT NOT NULL,
  revision BIGINT NOT NULL,
  feedback_text TEXT NULL,
  feedback_by VARCHAR(200) NULL,
  feedback_at DATETIME(6) NULL,
  PRIMARY KEY (month, set_name, unit_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Each indicator of a scorecard in the set's order (position 0, 1, …): its definition as scored,
-- exactly one of its input (input_present) and why it is missing (missing_present), its figure,
-- points and explanations.
CREATE TABLE IF NOT EXISTS scorecard_indicators (
  month CHAR(7) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  set_name VARCHAR(64) NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  position INT NOT NULL,
  indicator_id VARCHAR(64) NOT NULL,
  name VARCHAR(400) NOT NULL,
  name_en VARCHAR(400) NOT NULL,
  clause VARCHAR(200) NOT NULL,
  source VARCHAR(64) NOT NULL,
  rule TINYINT NOT NULL,
  weight INT NOT NULL,
  target_percent DOUBLE NOT NULL,
  deduction_percent_per_finding DOUBLE NOT NULL,
  input_present BOOLEAN NOT NULL,
  input_indicator_id VARCHAR(64) NOT NULL,
  input_numerator DOUBLE NOT NULL,
  input_denominator DOUBLE NOT NULL,
  input_findings BIGINT NOT NULL,
  input_source VARCHAR(64) NOT NULL,
  input_rpc VARCHAR(400) NOT NULL,
  input_read_at DATETIME(6) NULL,
  input_note TEXT NOT NULL,
  missing_present BOOLEAN NOT NULL,
  missing_indicator_id VARCHAR(64) NOT NULL,
  missing_source VARCHAR(64) NOT NULL,
  missing_rpc VARCHAR(400) NOT NULL,
  missing_tried_at DATETIME(6) NULL,
  missing_error TEXT NOT NULL,
  figure_percent DOUBLE NULL,
  nothing_to_count BOOLEAN NOT NULL,
  points_hundredths BIGINT NULL,
  explanation TEXT NOT NULL,
  explanation_en TEXT NOT NULL,
  PRIMARY KEY (month, set_name, unit_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The indicators a scorecard lacks, in the set's order (position 0, 1, …), and why.
CREATE TABLE IF NOT EXISTS scorecard_missing (
  month CHAR(7) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  set_name VARCHAR(64) NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  position INT NOT NULL,
  indicator_id VARCHAR(64) NOT NULL,
  name VARCHAR(400) NOT NULL,
  name_en VARCHAR(400) NOT NULL,
  source VARCHAR(64) NOT NULL,
  error TEXT NOT NULL,
  PRIMARY KEY (month, set_name, unit_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

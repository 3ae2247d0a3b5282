-- The channel registry (SPEC §4, annex A3, form F3): online service channels filed on form F3 with
-- every version of the form, the CS center's acknowledgement and findings, what each publishes, every
-- event of each; channels reported in use but not filed; faults and their repair; the staff's checks;
-- mailbox usage samples, capacity warnings and requests for the superiors' help; monthly report
-- submissions and the reports counted as missed. Schema cs_channel_registry.
-- Times are UTC DATETIME(6). Enums are TINYINT with the numbers of cs.channel.v1 (the kind: those of
-- cs.common.v1.Channel); lists of enums are ASCII text of their numbers joined by ',' ("1,4").
-- Every character column uses a NO PAD binary collation (the tables' default utf8mb4_nopad_bin,
-- ascii_nopad_bin for ASCII identifiers), so "x" and "x " are two keys and addresses compare byte for
-- byte; the migration runner refuses any other. Lengths: unit ids 64 characters, people's names and
-- staff 200, user ids 400, addresses 512, phone numbers 64, e-mail addresses 254, free text TEXT
-- (64 KiB). A value too long is refused by the strict sql_mode as INVALID_ARGUMENT.

-- One row per channel ("CN-<id>"): its state, the current form's unit, kind and address (the columns
-- ListChannels filters by), the service time parsed from the current form, the CS center's
-- acknowledgement, the publication (C4), the checks (C5) and the version. The forms, findings and
-- history are child rows.
CREATE TABLE IF NOT EXISTS channels (
  id BIGINT NOT NULL AUTO_INCREMENT,
  unit_id VARCHAR(64) NOT NULL,
  state TINYINT NOT NULL,
  kind TINYINT NOT NULL,
  address VARCHAR(512) NOT NULL,
  service_around_the_clock BOOLEAN NOT NULL,
  service_checks_per_day INT NOT NULL,
  acknowledged_at DATETIME(6) NULL,
  acknowledged_by VARCHAR(400) NOT NULL,
  publication_items VARCHAR(200) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  publication_standards BOOLEAN NOT NULL,
  publication_recorded_at DATETIME(6) NULL,
  last_checked_at DATETIME(6) NULL,
  -- ListCheckOverdue: channels not retired whose next check is due before now.
  next_check_due DATETIME(6) NULL,
  updated_at DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY channels_unit (unit_id, id),
  KEY channels_state (state, id),
  KEY channels_kind (kind, id),
  KEY channels_address (address),
  KEY channels_check_due (next_check_due, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Every version of form F3 a channel was filed with (version 1 the first), never rewritten.
CREATE TABLE IF NOT EXISTS channel_forms (
  channel_id BIGINT NOT NULL,
  version INT NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  filed_at DATETIME(6) NOT NULL,
  implementation VARCHAR(200) NOT NULL,
  kind TINYINT NOT NULL,
  purposes VARCHAR(64) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  business_scope TEXT NOT NULL,
  address VARCHAR(512) NOT NULL,
  capacity VARCHAR(200) NOT NULL,
  service_time VARCHAR(200) NOT NULL,
  staffing TINYINT NOT NULL,
  contact_person VARCHAR(200) NOT NULL,
  contact_phone VARCHAR(64) NOT NULL,
  contact_email VARCHAR(254) NOT NULL,
  remarks TEXT NOT NULL,
  foreign_use_heavy BOOLEAN NOT NULL,
  PRIMARY KEY (channel_id, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The lists of a form version, in order: list 1 the assigned staff, list 2 the languages offered.
CREATE TABLE IF NOT EXISTS channel_form_lists (
  channel_id BIGINT NOT NULL,
  version INT NOT NULL,
  list TINYINT NOT NULL,
  position INT NOT NULL,
  value VARCHAR(200) NOT NULL,
  PRIMARY KEY (channel_id, version, list, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The CS center's findings of inaccurate content, in order (the open one, if any, last).
CREATE TABLE IF NOT EXISTS channel_findings (
  channel_id BIGINT NOT NULL,
  position INT NOT NULL,
  finding TEXT NOT NULL,
  found_by VARCHAR(400) NOT NULL,
  found_at DATETIME(6) NOT NULL,
  corrected_at DATETIME(6) NULL,
  PRIMARY KEY (channel_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Everything that happened to a channel, append-only.
CREATE TABLE IF NOT EXISTS channel_history (
  channel_id BIGINT NOT NULL,
  position INT NOT NULL,
  sequence INT NOT NULL,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(400) NOT NULL,
  event VARCHAR(64) NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (channel_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- C1, A3 7.7.1: channels the CS center found in use but not filed ("UF-<id>"); filed_as_channel_id and
-- filed_at are set (NULL until then) in the transaction that files or corrects a channel of the unit
-- at that address.
CREATE TABLE IF NOT EXISTS unfiled_channels (
  id BIGINT NOT NULL AUTO_INCREMENT,
  unit_id VARCHAR(64) NOT NULL,
  kind TINYINT NOT NULL,
  address VARCHAR(512) NOT NULL,
  finding TEXT NOT NULL,
  reported_by VARCHAR(400) NOT NULL,
  reported_at DATETIME(6) NOT NULL,
  filed_as_channel_id BIGINT NULL,
  filed_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  KEY unfiled_unit (unit_id, id),
  -- The open reports of a unit at an address, found when a channel is filed there.
  KEY unfiled_address (unit_id, address, filed_as_channel_id),
  KEY unfiled_open (filed_as_channel_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- C2, A3 7.1: faults ("FT-<id>"); repaired_at NULL while open.
CREATE TABLE IF NOT EXISTS faults (
  id BIGINT NOT NULL AUTO_INCREMENT,
  channel_id BIGINT NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  origin TINYINT NOT NULL,
  description TEXT NOT NULL,
  opened_at DATETIME(6) NOT NULL,
  opened_by VARCHAR(400) NOT NULL,
  repair_due DATETIME(6) NOT NULL,
  repaired_at DATETIME(6) NULL,
  closed_by VARCHAR(400) NOT NULL,
  repair_note TEXT NOT NULL,
  PRIMARY KEY (id),
  KEY faults_channel (channel_id, id),
  KEY faults_unit (unit_id, id),
  -- ListOpen.
  KEY faults_open (repaired_at, opened_at),
  -- ListForMonth: opened or repaired in a window.
  KEY faults_channel_opened (channel_id, opened_at),
  KEY faults_channel_repaired (channel_id, repaired_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- C5, A3 7.5.3: each check of a channel's complaints, in the order recorded (seq).
CREATE TABLE IF NOT EXISTS channel_checks (
  seq BIGINT NOT NULL AUTO_INCREMENT,
  channel_id BIGINT NOT NULL,
  checked_at DATETIME(6) NOT NULL,
  checked_by VARCHAR(200) NOT NULL,
  new_complaints INT NOT NULL,
  recorded_by VARCHAR(400) NOT NULL,
  next_due DATETIME(6) NOT NULL,
  late BOOLEAN NOT NULL,
  PRIMARY KEY (seq),
  KEY channel_checks_time (channel_id, checked_at, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- C6, A3 7.5.4: mailbox usage samples, in the order recorded (seq).
CREATE TABLE IF NOT EXISTS usage_samples (
  seq BIGINT NOT NULL AUTO_INCREMENT,
  channel_id BIGINT NOT NULL,
  sampled_at DATETIME(6) NOT NULL,
  used BIGINT NOT NULL,
  capacity BIGINT NOT NULL,
  PRIMARY KEY (seq),
  KEY usage_samples_time (channel_id, sampled_at, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- C6: capacity warnings given, once per channel and instant; a month's count is a range of the key.
CREATE TABLE IF NOT EXISTS capacity_warnings (
  channel_id BIGINT NOT NULL,
  warned_at DATETIME(6) NOT NULL,
  PRIMARY KEY (channel_id, warned_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- A3 7.5.4: the units' written requests to their superiors for help with a mailbox.
CREATE TABLE IF NOT EXISTS assistance_requests (
  seq BIGINT NOT NULL AUTO_INCREMENT,
  channel_id BIGINT NOT NULL,
  text TEXT NOT NULL,
  requested_by VARCHAR(400) NOT NULL,
  requested_at DATETIME(6) NOT NULL,
  PRIMARY KEY (seq),
  KEY assistance_requests_time (channel_id, requested_at, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- C7, A3 7.5.2: the monthly report of a channel, submitted once.
CREATE TABLE IF NOT EXISTS report_submissions (
  channel_id BIGINT NOT NULL,
  month CHAR(7) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  submitted_at DATETIME(6) NOT NULL,
  submitted_by VARCHAR(400) NOT NULL,
  late BOOLEAN NOT NULL,
  PRIMARY KEY (channel_id, month),
  KEY report_submissions_unit (unit_id, month, channel_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- C7: reports whose due time passed without a submission, recorded once per channel and month (a
-- later submission does not remove the row).
CREATE TABLE IF NOT EXISTS missed_reports (
  channel_id BIGINT NOT NULL,
  month CHAR(7) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  recorded_at DATETIME(6) NOT NULL,
  PRIMARY KEY (channel_id, month),
  KEY missed_reports_unit (unit_id, month, channel_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Tickets of record at the unit of first contact (SPEC §1). Times are UTC DATETIME(6).
CREATE TABLE tickets (
  id BIGINT NOT NULL AUTO_INCREMENT,
  unit_id VARCHAR(32) NOT NULL,
  status TINYINT NOT NULL,
  kind TINYINT NOT NULL,
  channel TINYINT NOT NULL,
  reply_channel TINYINT NOT NULL,
  special_request BOOLEAN NOT NULL,
  special_request_note VARCHAR(500) NOT NULL,
  problem TEXT NOT NULL,
  device_number VARCHAR(40) NOT NULL,
  contact_phone VARCHAR(40) NOT NULL,
  contact_person VARCHAR(100) NOT NULL,
  user_number VARCHAR(40) NOT NULL,
  user_name VARCHAR(100) NOT NULL,
  company VARCHAR(100) NOT NULL,
  address VARCHAR(300) NOT NULL,
  postal_code VARCHAR(6) NOT NULL,
  email VARCHAR(254) NOT NULL,
  complained_at DATETIME(6) NULL,
  handler VARCHAR(100) NOT NULL,
  processor VARCHAR(100) NOT NULL,
  reviewer VARCHAR(100) NOT NULL,
  business_line VARCHAR(40) NOT NULL,
  -- Gap-free serials (SPEC I3): overall within the unit, and within the unit's month.
  overall_serial BIGINT NOT NULL,
  serial_month CHAR(7) NOT NULL,
  month_serial BIGINT NOT NULL,
  received_at DATETIME(6) NOT NULL,
  confirm_clock_start DATETIME(6) NOT NULL,
  confirm_deadline DATETIME(6) NOT NULL,
  confirm_deadline_calendar VARCHAR(64) NOT NULL,
  confirm_miss_counted BOOLEAN NOT NULL DEFAULT FALSE,
  -- The current forward (SPEC I4); earlier ones are in ticket_forwards.
  forward_id VARCHAR(64) NULL,
  forwarded_at DATETIME(6) NULL,
  forward_deadline DATETIME(6) NULL,
  forward_deadline_calendar VARCHAR(64) NULL,
  forward_confirmed_at DATETIME(6) NULL,
  forward_receipt_id VARCHAR(64) NULL,
  last_outcome TINYINT NOT NULL DEFAULT 0,
  handling_department VARCHAR(400) NOT NULL DEFAULT '',
  handling_deadline DATETIME(6) NULL,
  replied_to_user_at DATETIME(6) NULL,
  return_reason TINYINT NOT NULL DEFAULT 0,
  return_note VARCHAR(2000) NOT NULL DEFAULT '',
  fields_at_fault VARCHAR(1000) NOT NULL DEFAULT '',
  callback_at DATETIME(6) NULL,
  closed_at DATETIME(6) NULL,
  updated_at DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY tickets_unit_overall_serial (unit_id, overall_serial),
  UNIQUE KEY tickets_unit_month_serial (unit_id, serial_month, month_serial),
  KEY tickets_unit_id (unit_id, id),
  KEY tickets_status_deadline (status, confirm_deadline),
  KEY tickets_received (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every event of a ticket, in order (the history the archive keeps whole, SPEC V1).
CREATE TABLE ticket_history (
  ticket_id BIGINT NOT NULL,
  sequence INT NOT NULL,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(400) NOT NULL,
  event VARCHAR(64) NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (ticket_id, sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Replies that reached the user.
CREATE TABLE ticket_replies (
  ticket_id BIGINT NOT NULL,
  sequence INT NOT NULL,
  at DATETIME(6) NOT NULL,
  channel TINYINT NOT NULL,
  replied_by VARCHAR(400) NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (ticket_id, sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every forward attempt and its confirmation.
CREATE TABLE ticket_forwards (
  forward_id VARCHAR(64) NOT NULL,
  ticket_id BIGINT NOT NULL,
  forwarded_at DATETIME(6) NOT NULL,
  deadline DATETIME(6) NOT NULL,
  deadline_calendar VARCHAR(64) NOT NULL,
  confirmed_at DATETIME(6) NULL,
  receipt_id VARCHAR(64) NULL,
  PRIMARY KEY (forward_id),
  KEY ticket_forwards_ticket (ticket_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The last serial handed out per unit ('overall') and per unit and month ('YYYY-MM'). Updated in the
-- transaction that inserts the tickets, so a rolled-back insert leaves no gap.
CREATE TABLE serial_counters (
  unit_id VARCHAR(32) NOT NULL,
  scope CHAR(7) NOT NULL,
  last_value BIGINT NOT NULL,
  PRIMARY KEY (unit_id, scope)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

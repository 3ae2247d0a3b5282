-- The designated unit's routed tickets (SPEC §2). One row per forward received from intake; a ticket
-- returned and forwarded again has one row per forward. Times are UTC DATETIME(6).
CREATE TABLE IF NOT EXISTS routed_tickets (
  id BIGINT NOT NULL AUTO_INCREMENT,
  -- Intake's forward id: receipt is exactly once per forward (SPEC I4).
  forward_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ticket_id BIGINT NOT NULL,
  origin_unit_id VARCHAR(32) NOT NULL,
  kind TINYINT NOT NULL,
  channel TINYINT NOT NULL,
  requested_reply_channel TINYINT NOT NULL,
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
  postal_code VARCHAR(20) NOT NULL,
  email VARCHAR(254) NOT NULL,
  business_line VARCHAR(40) NOT NULL,
  intake_received_at DATETIME(6) NOT NULL,
  forwarded_at DATETIME(6) NULL,
  overall_serial BIGINT NOT NULL,
  serial_month VARCHAR(7) NOT NULL,
  month_serial BIGINT NOT NULL,
  -- The confirmation of receipt.
  received_at DATETIME(6) NOT NULL,
  status TINYINT NOT NULL,
  -- The business catalog's suggestion (SPEC R5).
  suggested_decision TINYINT NOT NULL,
  suggested_unit_id VARCHAR(32) NOT NULL,
  suggested_business_line VARCHAR(40) NOT NULL,
  suggested_keywords TEXT NOT NULL,
  suggestion_basis TEXT NOT NULL,
  suggested_return_reason TINYINT NOT NULL,
  suggested_fields_at_fault VARCHAR(400) NOT NULL,
  -- The decision (0 until decided), who, when and why (SPEC R5).
  decision TINYINT NOT NULL DEFAULT 0,
  handling_unit_id VARCHAR(32) NOT NULL DEFAULT '',
  decided_by VARCHAR(400) NOT NULL DEFAULT '',
  decided_at DATETIME(6) NULL,
  overrode_suggestion BOOLEAN NOT NULL DEFAULT FALSE,
  decision_reason TEXT NOT NULL,
  language TINYINT NOT NULL DEFAULT 1,
  reply_format TINYINT NOT NULL DEFAULT 0,
  handling_result TEXT NOT NULL,
  return_reason TINYINT NOT NULL DEFAULT 0,
  fields_at_fault VARCHAR(400) NOT NULL DEFAULT '',
  return_note TEXT NOT NULL,
  working_seconds_to_decide BIGINT NOT NULL DEFAULT 0,
  -- The channel replies go through, resolved at receipt.
  reply_channel TINYINT NOT NULL,
  replied_at DATETIME(6) NULL,
  updated_at DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY routed_tickets_forward_id (forward_id),
  KEY routed_tickets_ticket (ticket_id, id),
  KEY routed_tickets_status (status, id),
  KEY routed_tickets_decided (decided_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every event of a routed ticket, in order.
CREATE TABLE IF NOT EXISTS routed_ticket_history (
  routed_ticket_id BIGINT NOT NULL,
  sequence INT NOT NULL,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(400) NOT NULL,
  event VARCHAR(64) NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (routed_ticket_id, sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Dispatches to responsible units (SPEC R2) and escalations to the telecom company (R3), supervised until
-- closed (R6).
CREATE TABLE IF NOT EXISTS dispatch_orders (
  id BIGINT NOT NULL AUTO_INCREMENT,
  routed_ticket_id BIGINT NOT NULL,
  kind TINYINT NOT NULL,
  -- A unit id, or 'telecom'.
  unit_id VARCHAR(32) NOT NULL,
  status TINYINT NOT NULL,
  dispatched_at DATETIME(6) NOT NULL,
  deadline_at DATETIME(6) NOT NULL,
  deadline_calendar VARCHAR(64) NOT NULL,
  dispatch_address VARCHAR(500) NOT NULL,
  accepted_at DATETIME(6) NULL,
  accepted_by VARCHAR(400) NOT NULL,
  replied_at DATETIME(6) NULL,
  replied_by VARCHAR(400) NOT NULL,
  handling_result TEXT NOT NULL,
  acknowledged_at DATETIME(6) NULL,
  acknowledged_by VARCHAR(400) NOT NULL,
  telecom_reference VARCHAR(400) NOT NULL,
  overdue_since DATETIME(6) NULL,
  reminders_sent INT NOT NULL,
  next_reminder_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  KEY dispatch_orders_routed (routed_ticket_id, id),
  -- Supervision's claim: open orders past their deadline.
  KEY dispatch_orders_open (status, deadline_at, id),
  KEY dispatch_orders_unit (unit_id, id),
  KEY dispatch_orders_dispatched (dispatched_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per supervision reminder (SPEC R6): written once, by whichever process claimed the order.
CREATE TABLE IF NOT EXISTS order_reminders (
  order_id BIGINT NOT NULL,
  sequence INT NOT NULL,
  at DATETIME(6) NOT NULL,
  recipient VARCHAR(500) NOT NULL,
  delivery_id BIGINT NOT NULL,
  PRIMARY KEY (order_id, sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the gateways of each channel take and acknowledge: replies to users (SPEC R7), escalations to the
-- telecom company, supervision reminders.
CREATE TABLE IF NOT EXISTS deliveries (
  id BIGINT NOT NULL AUTO_INCREMENT,
  routed_ticket_id BIGINT NOT NULL,
  ticket_id BIGINT NOT NULL,
  order_id BIGINT NOT NULL DEFAULT 0,
  purpose TINYINT NOT NULL,
  channel TINYINT NOT NULL,
  recipient VARCHAR(1000) NOT NULL,
  recipient_name VARCHAR(500) NOT NULL,
  subject VARCHAR(500) NOT NULL,
  text TEXT NOT NULL,
  language TINYINT NOT NULL,
  reply_format TINYINT NOT NULL,
  status TINYINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  offers INT NOT NULL,
  lease_expires_at DATETIME(6) NULL,
  delivered_at DATETIME(6) NULL,
  failed_at DATETIME(6) NULL,
  failure_reason VARCHAR(2000) NOT NULL,
  replied_by VARCHAR(400) NOT NULL,
  gateway VARCHAR(400) NOT NULL,
  PRIMARY KEY (id),
  KEY deliveries_routed (routed_ticket_id, id),
  -- A gateway's pull: pending deliveries of its channel, oldest first.
  KEY deliveries_pull (channel, status, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

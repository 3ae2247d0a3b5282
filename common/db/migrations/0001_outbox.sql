-- Transactional outbox (ARCHITECTURE "Between services"): a message to another service is written in the
-- same transaction as the state change it announces, and OutboxRelay delivers it afterwards.
CREATE TABLE IF NOT EXISTS outbox (
  id BIGINT NOT NULL AUTO_INCREMENT,
  -- UUID v4; the receiver dedupes on it (inbox_processed.message_id).
  message_id CHAR(36) CHARACTER SET ascii NOT NULL,
  -- Which OutboxSender delivers it, e.g. "routing".
  destination VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- The message type, e.g. "cs.routing.v1.ReceiveTicketRequest".
  kind VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- Messages with the same key (e.g. a ticket id) are delivered one at a time in id order; NULL: unordered.
  ordering_key VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  payload LONGBLOB NOT NULL,
  -- All times are UTC from the service's injected clock.
  created_at DATETIME(6) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL,
  last_error VARCHAR(1024) NULL,
  delivered_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY outbox_message_id (message_id),
  -- The relay's claim: undelivered rows in id order (then filtered by next_attempt_at).
  KEY outbox_pending (delivered_at, id),
  -- "No earlier undelivered row with the same ordering_key".
  KEY outbox_ordering (ordering_key, delivered_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

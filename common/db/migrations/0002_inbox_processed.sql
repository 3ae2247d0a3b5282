-- Receiver-side dedupe of at-least-once delivery: a message id is recorded in the same transaction as the
-- effect of the message, so a redelivered message is recognised and its effect applied exactly once.
CREATE TABLE IF NOT EXISTS inbox_processed (
  -- Printable ASCII, at most 64 characters (the sender's outbox message_id, a UUID).
  message_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- The sending service, for operators tracing a message.
  source VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  received_at DATETIME(6) NOT NULL,
  PRIMARY KEY (message_id),
  KEY inbox_processed_received_at (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

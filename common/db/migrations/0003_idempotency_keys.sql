-- Idempotent creates (ARCHITECTURE "Idempotency", AIP-155): the first response to a request_id is kept,
-- a retry with the same request body gets it back, another body under the same id is refused.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  -- The RPC (or other namespace) the request_id belongs to, e.g. "intake.CreateTicket".
  scope VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- Printable ASCII, at most 64 characters (checked by ClaimRequest).
  request_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- SHA-256 hex of the canonical request body.
  request_fingerprint CHAR(64) CHARACTER SET ascii NOT NULL,
  -- The serialized first response; NULL until the claiming transaction records it.
  response LONGBLOB NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (scope, request_id),
  -- ExpireIdempotencyKeys deletes the oldest first.
  KEY idempotency_keys_created_at (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

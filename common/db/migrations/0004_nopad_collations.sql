-- Identifiers compare byte for byte (issue 10): every character column of the shared tables moves
-- to a NO PAD binary collation, ascii_nopad_bin for the ASCII identifiers and utf8mb4_nopad_bin for
-- the rest, and so does each table's default, so that columns added later inherit it. Under
-- ascii_bin and utf8mb4_bin (PAD SPACE) the keys took request ids and message ids "x" and "x " for
-- one id.
-- Each column keeps its NULL-ness and default; only the collation changes, except
-- outbox.message_id: CHAR drops trailing spaces whatever the collation, and EnqueueOutbox accepts a
-- caller's id of 1 to 36 printable characters, so it becomes VARCHAR(36). The migration runner
-- refuses a schema with any other collation (common/db/collation_check.h). Each ALTER copies its
-- table, and running it twice is harmless.

ALTER TABLE outbox
  MODIFY message_id VARCHAR(36) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  MODIFY destination VARCHAR(64) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  MODIFY kind VARCHAR(128) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  MODIFY ordering_key VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL,
  MODIFY last_error VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL,
  DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

ALTER TABLE inbox_processed
  MODIFY message_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  MODIFY source VARCHAR(64) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

ALTER TABLE idempotency_keys
  MODIFY scope VARCHAR(128) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  MODIFY request_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  MODIFY request_fingerprint CHAR(64) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

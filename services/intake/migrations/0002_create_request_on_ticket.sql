-- The request that created a ticket is kept on the ticket itself (AIP-155): a retried CreateTicket finds
-- its first answer with one indexed read, and a create needs no separate idempotency row, which keeps the
-- group-committed create path to four statements per batch.
ALTER TABLE tickets
  ADD COLUMN create_request_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD COLUMN create_fingerprint CHAR(64) CHARACTER SET ascii NULL,
  ADD UNIQUE KEY tickets_create_request (create_request_id);

-- Dead letters (issue 16): a message its receiver keeps refusing (a permanent error, outbox_relay.h
-- IsPermanentDeliveryError) stops being retried after OutboxRelayOptions::max_permanent_failures
-- refusals. dead_lettered_at is set, the relay never claims the row again, and later messages of
-- the same ordering_key stay blocked behind it (it is still undelivered) until an operator retries
-- it (RetryDeadLetter: dead_lettered_at cleared, permanent_failures reset, due now, attempts kept).
-- Adding columns with defaults is instant in InnoDB; running it twice is harmless.
ALTER TABLE outbox
  ADD COLUMN IF NOT EXISTS permanent_failures INT NOT NULL DEFAULT 0 AFTER attempts,
  ADD COLUMN IF NOT EXISTS dead_lettered_at DATETIME(6) NULL AFTER delivered_at,
  -- ListDeadLetters, newest first.
  ADD KEY IF NOT EXISTS outbox_dead_letters (dead_lettered_at, id);

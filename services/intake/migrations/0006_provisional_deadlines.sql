-- Whether a confirmation deadline was counted past the horizon of its calendar version (README
-- "Calendar"): there the calendar knows only the weekly pattern, so the deadline may move once next
-- year's schedule is published, and GetTicket says so (cs.common.v1.Deadline.provisional). It is set
-- when the deadline is computed and kept with it, like its calendar version. Rows written before
-- this migration read as not provisional: the suite's calendar covered all of them (2026).
ALTER TABLE tickets
  ADD COLUMN confirm_deadline_provisional BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN forward_deadline_provisional BOOLEAN NULL;

ALTER TABLE ticket_forwards ADD COLUMN deadline_provisional BOOLEAN NOT NULL DEFAULT FALSE;

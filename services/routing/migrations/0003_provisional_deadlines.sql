-- Whether an order's deadline (handling, A5 6.4; telecom acknowledgement, A5 6.5) was counted past the
-- horizon of its calendar version (README "Calendar"): there the calendar knows only the weekly
-- pattern, so the deadline may move once next year's schedule is published, and the API says so
-- (cs.common.v1.Deadline.provisional). Set when the deadline is computed and kept with it, like its
-- calendar version. Orders written before this migration read as not provisional: the suite's
-- calendar covered all of them (2026).
ALTER TABLE dispatch_orders ADD COLUMN deadline_provisional BOOLEAN NOT NULL DEFAULT FALSE;

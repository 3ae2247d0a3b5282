-- The working time from the start of the confirmation clock to the confirmation of receipt (SPEC I5),
-- in microseconds: measured once when receipt is confirmed, on the calendar version that computed the
-- deadline, and kept, so GetTicket reports what the SLA histogram observed and a later calendar version
-- never rewrites it. NULL until confirmed, and for forwards confirmed before this migration (working
-- time cannot be computed in SQL: those read as 0 working seconds).
ALTER TABLE tickets ADD COLUMN forward_working_time_us BIGINT NULL;

ALTER TABLE ticket_forwards ADD COLUMN working_time_us BIGINT NULL;

-- GetArchiveCompleteness (A1 7.4.2) reads a unit's records by time of closing (the calendar's month,
-- not the record's closed_month text) and a unit's month serials per serial month (the gaps in
-- intake's gap-free numbering): two keys so neither reads all of the unit's records. Running it twice
-- is harmless.
ALTER TABLE records
  ADD KEY IF NOT EXISTS records_unit_closed (unit_id, closed_at),
  ADD KEY IF NOT EXISTS records_unit_serial (unit_id, serial_month, month_serial);

# Sourced by the bench scripts: seed_tickets_sql N prints the SQL that adds N tickets to intake's
# `tickets` table (the schema must exist: start intake once on it), server side from MariaDB's
# sequence engine — a million rows in about a minute instead of a million RPCs.
#
# The rows are shaped like a year or two of a real department's work, because list queries and
# their indexes behave by how selective each filter is: six units; mostly closed tickets with a few
# percent in each open state and 1 % still awaiting confirmation of their forward; hotline and
# e-mail far ahead of fax and walk-in; consultations ahead of complaints and fault reports; serials
# numbered per unit and per unit and month as the unique keys require; received_at rising with id,
# spread evenly over 24 months from 2025-01-01.
seed_tickets_sql() {
  local tickets=$1 per_unit per_month
  per_unit=$(((tickets + 5) / 6))
  per_month=$(((per_unit + 23) / 24))
  cat <<SQL
INSERT INTO tickets (unit_id, status, kind, channel, reply_channel, special_request,
  special_request_note, problem, device_number, contact_phone, contact_person, user_number,
  user_name, company, address, postal_code, email, complained_at, handler, processor, reviewer,
  business_line, overall_serial, serial_month, month_serial, received_at, confirm_clock_start,
  confirm_deadline, confirm_deadline_calendar, updated_at, version, create_request_id,
  create_fingerprint, created_by)
SELECT unit,
  CASE WHEN seq % 100 = 0 THEN 2 WHEN seq % 100 = 1 THEN 1 WHEN seq % 100 = 2 THEN 6
       WHEN seq % 100 < 5 THEN 3 WHEN seq % 100 < 7 THEN 4 WHEN seq % 100 < 10 THEN 5 ELSE 7 END,
  CASE WHEN seq % 10 < 5 THEN 1 WHEN seq % 10 < 9 THEN 2 ELSE 3 END,
  CASE WHEN seq % 50 < 25 THEN 1 WHEN seq % 50 < 35 THEN 2 WHEN seq % 50 < 45 THEN 3
       WHEN seq % 50 < 48 THEN 4 WHEN seq % 50 < 49 THEN 5 ELSE 6 END,
  1 + seq % 2, seq % 50 = 0, '',
  CONCAT('Broadband drops every evening between 8 and 10 pm, report ', seq), '021-55501234',
  '138-0013-8000', 'Zhang Wei', CONCAT('88', LPAD(seq, 8, '0')), 'Zhang Wei', '',
  '88 Century Avenue, Pudong, Shanghai', '200120', '', NULL, 'bench', '', '', '',
  1 + k, DATE_FORMAT(month_start, '%Y-%m'), 1 + k % $per_month, at, at, at + INTERVAL 1 DAY,
  'cn-2026.1', at, 1, CONCAT('seed-', seq), REPEAT('0', 64), 'bench'
FROM (
  SELECT seq, k, month_start,
    ELT(1 + seq % 6, 'cs-center', 'service-desk', 'broadband', 'idc', 'portal', 'hosting') AS unit,
    month_start + INTERVAL ((k % $per_month) * (2419200 DIV $per_month)) SECOND AS at
  FROM (
    SELECT seq, seq DIV 6 AS k,
      TIMESTAMP('2025-01-01') + INTERVAL ((seq DIV 6) DIV $per_month) MONTH AS month_start
    FROM seq_0_to_$((tickets - 1))
  ) numbered
) rows_to_insert;
ANALYZE TABLE tickets;
SQL
}

-- ListForMonth also reads a channel's faults whose repair fell due in the month (GetMonthlyStatistics
-- counts those not repaired by then against that month, A3 7.1): a key so that reads no more than
-- them. Running it twice is harmless.
ALTER TABLE faults
  ADD KEY IF NOT EXISTS faults_channel_due (channel_id, repair_due);

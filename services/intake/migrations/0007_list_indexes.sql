-- ListTickets lists newest first by (received_at, id) (store/ticket_list_query.h). Each filter a
-- caller can give — its unit (every unit's staff list with one), a status (the work queues:
-- awaiting confirmation, returned, in handling), a kind, a channel — gets an index that ends in
-- received_at (InnoDB appends id), alone and after the unit, so a page is one backward range read
-- that stops after page_size rows however many tickets the table holds (issue 17, target 6). A
-- filter on two of status, kind and channel reads the first one's index and checks the other on
-- the rows it meets. (unit_id, id) served the old id order and goes; tickets_received (received_at)
-- now serves the unfiltered list and received ranges. On a table of a million tickets this
-- migration builds the indexes online in about ten seconds.
ALTER TABLE tickets
  DROP KEY tickets_unit_id,
  ADD KEY tickets_unit_received (unit_id, received_at),
  ADD KEY tickets_status_received (status, received_at),
  ADD KEY tickets_unit_status_received (unit_id, status, received_at),
  ADD KEY tickets_kind_received (kind, received_at),
  ADD KEY tickets_unit_kind_received (unit_id, kind, received_at),
  ADD KEY tickets_channel_received (channel, received_at),
  ADD KEY tickets_unit_channel_received (unit_id, channel, received_at);

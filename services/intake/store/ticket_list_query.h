// The SELECT behind MySqlTicketStore::List, built apart from the store so that
// ticket_list_plan_test.cc can ask MariaDB (ANALYZE) how it runs the statement the store prepares.
//
// Tickets are listed newest first by (received_at, id), the order every list index of migration
// 0007 keeps after its equality columns (unit, status, kind, channel): so each filter, alone or
// with a unit, and a received range on top, reads one index range backwards and stops after a
// page — the cost of a page does not grow with the table. Paging is keyset: a page starts below
// the (received_at, id) of the previous page's last ticket.
#ifndef CS_SERVICES_INTAKE_STORE_TICKET_LIST_QUERY_H_
#define CS_SERVICES_INTAKE_STORE_TICKET_LIST_QUERY_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/db/statement_helpers.h"
#include "services/intake/store/ticket_store.h"

namespace cs::intake {

// Where the previous page ended: its last ticket.
struct TicketListCursor {
  absl::Time received_at;
  int64_t id = 0;
};

struct TicketListQuery {
  // "SELECT id, <every column> FROM tickets WHERE … ORDER BY received_at DESC, id DESC LIMIT ?".
  std::string sql;
  // Binds every placeholder of `sql` in order, the LIMIT last. Holds copies of what it binds.
  std::function<void(common::db::ParameterBinder&)> bind;
};

// At most `limit` rows matching `filter`, after `after` when set.
TicketListQuery BuildTicketListQuery(const TicketFilter& filter,
                                     const absl::optional<TicketListCursor>& after, int limit);

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_STORE_TICKET_LIST_QUERY_H_

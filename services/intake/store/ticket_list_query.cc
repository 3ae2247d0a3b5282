#include "services/intake/store/ticket_list_query.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/intake/store/ticket_columns.h"

namespace cs::intake {

using Binder = common::db::ParameterBinder;

TicketListQuery BuildTicketListQuery(const TicketFilter& filter,
                                     const absl::optional<TicketListCursor>& after, int limit) {
  std::vector<std::string> conditions;
  std::vector<std::function<void(Binder&)>> binds;
  if (!filter.unit_id.empty()) {
    conditions.push_back("unit_id = ?");
    binds.push_back([unit = filter.unit_id](Binder& b) { b.String(unit); });
  }
  // awaiting_confirmation is a status: written as one so the status indexes serve it.
  absl::optional<TicketStatus> status = filter.status;
  if (filter.awaiting_confirmation && !status.has_value()) status = TicketStatus::kForwarding;
  if (status.has_value()) {
    conditions.push_back("status = ?");
    binds.push_back([value = static_cast<int>(*status)](Binder& b) { b.Int(value); });
    if (filter.awaiting_confirmation && *status != TicketStatus::kForwarding) {
      conditions.push_back("FALSE");  // a status other than FORWARDING is never awaiting
    }
  }
  if (filter.kind != TicketKind::kUnspecified) {
    conditions.push_back("kind = ?");
    binds.push_back([value = static_cast<int>(filter.kind)](Binder& b) { b.Int(value); });
  }
  if (filter.channel != Channel::kUnspecified) {
    conditions.push_back("channel = ?");
    binds.push_back([value = static_cast<int>(filter.channel)](Binder& b) { b.Int(value); });
  }
  if (filter.received_from.has_value()) {
    conditions.push_back("received_at >= ?");
    binds.push_back([value = *filter.received_from](Binder& b) { b.Time(value); });
  }
  if (filter.received_until.has_value()) {
    conditions.push_back("received_at < ?");
    binds.push_back([value = *filter.received_until](Binder& b) { b.Time(value); });
  }
  if (filter.confirm_deadline_before.has_value()) {
    conditions.push_back("confirm_deadline < ?");
    binds.push_back([value = *filter.confirm_deadline_before](Binder& b) { b.Time(value); });
  }
  if (after.has_value()) {
    // Strictly older, or received in the same microsecond with a smaller id — written as one
    // range on received_at (which every list index holds after its equality columns, so the
    // optimizer still picks the index of the most equalities) and a check on the rows in it.
    conditions.push_back("received_at <= ? AND (received_at < ? OR id < ?)");
    binds.push_back([cursor = *after](Binder& b) {
      b.Time(cursor.received_at);
      b.Time(cursor.received_at);
      b.Int(cursor.id);
    });
  }
  TicketListQuery query;
  query.sql = absl::StrCat("SELECT id, ", kTicketColumns, " FROM tickets",
                           conditions.empty() ? "" : " WHERE ", absl::StrJoin(conditions, " AND "),
                           " ORDER BY received_at DESC, id DESC LIMIT ?");
  query.bind = [binds = std::move(binds), limit](Binder& b) {
    for (const auto& bind : binds) bind(b);
    b.Int(limit);
  };
  return query;
}

}  // namespace cs::intake

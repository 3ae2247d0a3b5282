#include "services/routing/store/mysql_routing_store.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <map>
#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "common/db/idempotency.h"
#include "common/db/outbox.h"
#include "common/db/sql_time.h"
#include "common/db/statement_helpers.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/routing/domain/routing_lifecycle.h"

namespace cs::routing {
namespace {

using common::db::Assignments;
using common::db::ColumnCount;
using common::db::OptionalTimeColumn;
using common::db::Placeholders;
using common::db::StringColumn;
using common::db::TimeColumn;

using common::db::FormatSqlTime;
using common::db::ParseSqlTime;
using common::db::Transaction;

// Every column of routed_tickets but id, in the order BindRouted binds them.
constexpr absl::string_view kRoutedColumns =
    "forward_id, ticket_id, origin_unit_id, kind, channel, requested_reply_channel, "
    "special_request, special_request_note, problem, device_number, contact_phone, contact_person, "
    "user_number, user_name, company, address, postal_code, email, business_line, "
    "intake_received_at, forwarded_at, overall_serial, serial_month, month_serial, received_at, "
    "status, suggested_decision, suggested_unit_id, suggested_business_line, suggested_keywords, "
    "suggestion_basis, suggested_return_reason, suggested_fields_at_fault, decision, "
    "handling_unit_id, decided_by, decided_at, overrode_suggestion, decision_reason, language, "
    "reply_format, handling_result, return_reason, fields_at_fault, return_note, "
    "working_seconds_to_decide, reply_channel, replied_at, updated_at, version";

// Every column of dispatch_orders but id, in the order BindOrder binds them.
constexpr absl::string_view kOrderColumns =
    "routed_ticket_id, kind, unit_id, status, dispatched_at, deadline_at, deadline_calendar, "
    "dispatch_address, accepted_at, accepted_by, replied_at, replied_by, handling_result, "
    "acknowledged_at, acknowledged_by, telecom_reference, overdue_since, reminders_sent, "
    "next_reminder_at, deadline_provisional";

// Every column of deliveries but id, in the order BindDelivery binds them.
constexpr absl::string_view kDeliveryColumns =
    "routed_ticket_id, ticket_id, order_id, purpose, channel, recipient, recipient_name, subject, "
    "text, language, reply_format, status, created_at, offers, lease_expires_at, delivered_at, "
    "failed_at, failure_reason, replied_by, gateway";

// Separates the elements of a list stored in one column (keywords may contain commas).
constexpr char kListSeparator = '\n';

using Binder = common::db::ParameterBinder;

void BindRouted(Binder& b, const RoutedTicket& r) {
  const ForwardedTicket& t = r.ticket;
  b.String(r.forward_id);
  b.Int(t.ticket_id);
  b.String(t.origin_unit_id);
  b.Int(static_cast<int>(t.kind));
  b.Int(static_cast<int>(t.channel));
  b.Int(static_cast<int>(t.reply_channel));
  b.Bool(t.special_request);
  b.String(t.special_request_note);
  b.String(t.problem);
  b.String(t.device_number);
  b.String(t.contact_phone);
  b.String(t.contact_person);
  b.String(t.user_number);
  b.String(t.user_name);
  b.String(t.company);
  b.String(t.address);
  b.String(t.postal_code);
  b.String(t.email);
  b.String(t.business_line);
  b.Time(t.intake_received_at);
  b.OptionalTime(t.forwarded_at);
  b.Int(t.overall_serial);
  b.String(t.serial_month);
  b.Int(t.month_serial);
  b.Time(r.received_at);
  b.Int(static_cast<int>(r.status));
  const Suggestion& s = r.suggestion;
  b.Int(static_cast<int>(s.decision));
  b.String(s.unit_id);
  b.String(s.business_line);
  b.Joined(s.matched_keywords, kListSeparator);
  b.String(s.basis);
  b.Int(static_cast<int>(s.return_reason));
  b.Joined(s.fields_at_fault, kListSeparator);
  const DecisionRecord empty;
  const DecisionRecord& d = r.decision.has_value() ? *r.decision : empty;
  b.Int(static_cast<int>(d.decision));
  b.String(d.handling_unit_id);
  b.String(d.decided_by);
  b.OptionalTime(r.decision.has_value() ? absl::optional<absl::Time>(d.decided_at) : absl::nullopt);
  b.Bool(d.overrode_suggestion);
  b.String(d.reason);
  b.Int(static_cast<int>(d.language));
  b.Int(static_cast<int>(d.reply_format));
  b.String(d.handling_result);
  b.Int(static_cast<int>(d.return_reason));
  b.Joined(d.fields_at_fault, kListSeparator);
  b.String(d.return_note);
  b.Int(absl::ToInt64Seconds(d.working_time_to_decide));
  b.Int(static_cast<int>(r.reply_channel));
  b.OptionalTime(r.replied_at);
  b.Time(r.updated_at);
  b.Int(r.version);
}

void BindOrder(Binder& b, int64_t routed_id, const DispatchOrder& o) {
  b.Int(routed_id);
  b.Int(static_cast<int>(o.kind));
  b.String(o.unit_id);
  b.Int(static_cast<int>(o.status));
  b.Time(o.dispatched_at);
  b.Time(o.deadline.at);
  b.String(o.deadline.calendar_version);
  b.String(o.dispatch_address);
  b.OptionalTime(o.accepted_at);
  b.String(o.accepted_by);
  b.OptionalTime(o.replied_at);
  b.String(o.replied_by);
  b.String(o.handling_result);
  b.OptionalTime(o.acknowledged_at);
  b.String(o.acknowledged_by);
  b.String(o.telecom_reference);
  b.OptionalTime(o.overdue_since);
  b.Int(o.reminders_sent);
  b.OptionalTime(o.next_reminder_at);
  b.Bool(o.deadline.provisional);
}

void BindDelivery(Binder& b, int64_t routed_id, int64_t ticket_id, const Delivery& d) {
  b.Int(routed_id);
  b.Int(ticket_id);
  b.Int(d.order_id);
  b.Int(static_cast<int>(d.purpose));
  b.Int(static_cast<int>(d.channel));
  b.String(d.recipient);
  b.String(d.recipient_name);
  b.String(d.subject);
  b.String(d.text);
  b.Int(static_cast<int>(d.language));
  b.Int(static_cast<int>(d.reply_format));
  b.Int(static_cast<int>(d.status));
  b.Time(d.created_at);
  b.Int(d.offers);
  b.OptionalTime(d.lease_expires_at);
  b.OptionalTime(d.delivered_at);
  b.OptionalTime(d.failed_at);
  b.String(d.failure_reason);
  b.String(d.replied_by);
  b.String(d.gateway);
}

std::vector<std::string> ListColumn(sql::ResultSet& rs, const char* column) {
  const std::string text = StringColumn(rs, column);
  if (text.empty()) return {};
  return absl::StrSplit(text, kListSeparator);
}

ForwardedTicket ReadTicketSnapshot(sql::ResultSet& rs) {
  ForwardedTicket t;
  t.ticket_id = rs.getInt64("ticket_id");
  t.origin_unit_id = StringColumn(rs, "origin_unit_id");
  t.kind = static_cast<TicketKind>(rs.getInt("kind"));
  t.channel = static_cast<Channel>(rs.getInt("channel"));
  t.reply_channel = static_cast<ReplyChannel>(rs.getInt("requested_reply_channel"));
  t.special_request = rs.getBoolean("special_request");
  t.special_request_note = StringColumn(rs, "special_request_note");
  t.problem = StringColumn(rs, "problem");
  t.device_number = StringColumn(rs, "device_number");
  t.contact_phone = StringColumn(rs, "contact_phone");
  t.contact_person = StringColumn(rs, "contact_person");
  t.user_number = StringColumn(rs, "user_number");
  t.user_name = StringColumn(rs, "user_name");
  t.company = StringColumn(rs, "company");
  t.address = StringColumn(rs, "address");
  t.postal_code = StringColumn(rs, "postal_code");
  t.email = StringColumn(rs, "email");
  t.business_line = StringColumn(rs, "business_line");
  t.intake_received_at = TimeColumn(rs, "intake_received_at");
  t.forwarded_at = OptionalTimeColumn(rs, "forwarded_at");
  t.overall_serial = rs.getInt64("overall_serial");
  t.serial_month = StringColumn(rs, "serial_month");
  t.month_serial = rs.getInt64("month_serial");
  return t;
}

RoutedTicket ReadRouted(sql::ResultSet& rs) {
  RoutedTicket r;
  r.id = rs.getInt64("id");
  r.forward_id = StringColumn(rs, "forward_id");
  r.ticket = ReadTicketSnapshot(rs);
  r.received_at = TimeColumn(rs, "received_at");
  r.status = static_cast<RoutedStatus>(rs.getInt("status"));
  Suggestion& s = r.suggestion;
  s.decision = static_cast<Decision>(rs.getInt("suggested_decision"));
  s.unit_id = StringColumn(rs, "suggested_unit_id");
  s.business_line = StringColumn(rs, "suggested_business_line");
  s.matched_keywords = ListColumn(rs, "suggested_keywords");
  s.basis = StringColumn(rs, "suggestion_basis");
  s.return_reason = static_cast<ReturnReason>(rs.getInt("suggested_return_reason"));
  s.fields_at_fault = ListColumn(rs, "suggested_fields_at_fault");
  const auto decision = static_cast<Decision>(rs.getInt("decision"));
  if (decision != Decision::kUnspecified) {
    DecisionRecord d;
    d.decision = decision;
    d.handling_unit_id = StringColumn(rs, "handling_unit_id");
    d.decided_by = StringColumn(rs, "decided_by");
    d.decided_at = TimeColumn(rs, "decided_at");
    d.overrode_suggestion = rs.getBoolean("overrode_suggestion");
    d.reason = StringColumn(rs, "decision_reason");
    d.language = static_cast<ReplyLanguage>(rs.getInt("language"));
    d.reply_format = static_cast<ReplyFormat>(rs.getInt("reply_format"));
    d.handling_result = StringColumn(rs, "handling_result");
    d.return_reason = static_cast<ReturnReason>(rs.getInt("return_reason"));
    d.fields_at_fault = ListColumn(rs, "fields_at_fault");
    d.return_note = StringColumn(rs, "return_note");
    d.working_time_to_decide = absl::Seconds(rs.getInt64("working_seconds_to_decide"));
    r.decision = std::move(d);
  }
  r.reply_channel = static_cast<ReplyChannel>(rs.getInt("reply_channel"));
  r.replied_at = OptionalTimeColumn(rs, "replied_at");
  r.updated_at = TimeColumn(rs, "updated_at");
  r.version = rs.getInt64("version");
  return r;
}

DispatchOrder ReadOrder(sql::ResultSet& rs) {
  DispatchOrder o;
  o.id = rs.getInt64("id");
  o.kind = static_cast<DispatchKind>(rs.getInt("kind"));
  o.unit_id = StringColumn(rs, "unit_id");
  o.status = static_cast<OrderStatus>(rs.getInt("status"));
  o.dispatched_at = TimeColumn(rs, "dispatched_at");
  o.deadline = {TimeColumn(rs, "deadline_at"), StringColumn(rs, "deadline_calendar"),
                rs.getBoolean("deadline_provisional")};
  o.dispatch_address = StringColumn(rs, "dispatch_address");
  o.accepted_at = OptionalTimeColumn(rs, "accepted_at");
  o.accepted_by = StringColumn(rs, "accepted_by");
  o.replied_at = OptionalTimeColumn(rs, "replied_at");
  o.replied_by = StringColumn(rs, "replied_by");
  o.handling_result = StringColumn(rs, "handling_result");
  o.acknowledged_at = OptionalTimeColumn(rs, "acknowledged_at");
  o.acknowledged_by = StringColumn(rs, "acknowledged_by");
  o.telecom_reference = StringColumn(rs, "telecom_reference");
  o.overdue_since = OptionalTimeColumn(rs, "overdue_since");
  o.reminders_sent = rs.getInt("reminders_sent");
  o.next_reminder_at = OptionalTimeColumn(rs, "next_reminder_at");
  return o;
}

Delivery ReadDelivery(sql::ResultSet& rs) {
  Delivery d;
  d.id = rs.getInt64("id");
  d.order_id = rs.getInt64("order_id");
  d.purpose = static_cast<DeliveryPurpose>(rs.getInt("purpose"));
  d.channel = static_cast<ReplyChannel>(rs.getInt("channel"));
  d.recipient = StringColumn(rs, "recipient");
  d.recipient_name = StringColumn(rs, "recipient_name");
  d.subject = StringColumn(rs, "subject");
  d.text = StringColumn(rs, "text");
  d.language = static_cast<ReplyLanguage>(rs.getInt("language"));
  d.reply_format = static_cast<ReplyFormat>(rs.getInt("reply_format"));
  d.status = static_cast<DeliveryStatus>(rs.getInt("status"));
  d.created_at = TimeColumn(rs, "created_at");
  d.offers = rs.getInt("offers");
  d.lease_expires_at = OptionalTimeColumn(rs, "lease_expires_at");
  d.delivered_at = OptionalTimeColumn(rs, "delivered_at");
  d.failed_at = OptionalTimeColumn(rs, "failed_at");
  d.failure_reason = StringColumn(rs, "failure_reason");
  d.replied_by = StringColumn(rs, "replied_by");
  d.gateway = StringColumn(rs, "gateway");
  return d;
}

DeliveryView ReadDeliveryView(sql::ResultSet& rs) {
  return DeliveryView{ReadDelivery(rs), rs.getInt64("routed_ticket_id"), rs.getInt64("ticket_id")};
}

int64_t LastInsertId(Transaction& tx) {
  auto select = tx.Prepare("SELECT LAST_INSERT_ID() AS id");
  std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
  if (!rs->next()) throw sql::SQLException("LAST_INSERT_ID() returned no row");
  return rs->getInt64("id");
}

// Reminders of the given orders, by order id, in sequence order.
absl::flat_hash_map<int64_t, std::vector<Reminder>> LoadReminders(
    Transaction& tx, const std::vector<int64_t>& order_ids) {
  absl::flat_hash_map<int64_t, std::vector<Reminder>> by_order;
  if (order_ids.empty()) return by_order;
  auto select = tx.Prepare(absl::StrCat(
      "SELECT order_id, sequence, at, recipient, delivery_id FROM order_reminders WHERE order_id "
      "IN ",
      Placeholders(static_cast<int>(order_ids.size())), " ORDER BY order_id, sequence"));
  Binder b(*select);
  for (int64_t id : order_ids) b.Int(id);
  std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
  while (rs->next()) {
    by_order[rs->getInt64("order_id")].push_back({rs->getInt("sequence"), TimeColumn(*rs, "at"),
                                                  StringColumn(*rs, "recipient"),
                                                  rs->getInt64("delivery_id")});
  }
  return by_order;
}

// The routed ticket with its children; NOT_FOUND when absent. `for_update` locks the ticket, its
// orders and its deliveries (always in that order, so two mutations of one ticket queue).
absl::StatusOr<RoutedTicket> LoadRouted(Transaction& tx, int64_t id, bool for_update) {
  const absl::string_view lock = for_update ? " FOR UPDATE" : "";
  auto select = tx.Prepare(
      absl::StrCat("SELECT id, ", kRoutedColumns, " FROM routed_tickets WHERE id = ?", lock));
  select->setInt64(1, id);
  std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
  if (!rs->next()) return absl::NotFoundError(absl::StrCat("no routed ticket ", id));
  RoutedTicket routed = ReadRouted(*rs);

  auto orders = tx.Prepare(
      absl::StrCat("SELECT id, ", kOrderColumns,
                   " FROM dispatch_orders WHERE routed_ticket_id = ? ORDER BY id", lock));
  orders->setInt64(1, id);
  rs.reset(orders->executeQuery());
  std::vector<int64_t> order_ids;
  while (rs->next()) {
    routed.orders.push_back(ReadOrder(*rs));
    order_ids.push_back(routed.orders.back().id);
  }
  absl::flat_hash_map<int64_t, std::vector<Reminder>> reminders = LoadReminders(tx, order_ids);
  for (DispatchOrder& order : routed.orders) {
    auto it = reminders.find(order.id);
    if (it != reminders.end()) order.reminders = std::move(it->second);
  }

  auto deliveries =
      tx.Prepare(absl::StrCat("SELECT id, ", kDeliveryColumns,
                              " FROM deliveries WHERE routed_ticket_id = ? ORDER BY id", lock));
  deliveries->setInt64(1, id);
  rs.reset(deliveries->executeQuery());
  while (rs->next()) routed.deliveries.push_back(ReadDelivery(*rs));

  auto history = tx.Prepare(
      "SELECT sequence, at, actor, event, detail FROM routed_ticket_history WHERE "
      "routed_ticket_id = ? ORDER BY sequence");
  history->setInt64(1, id);
  rs.reset(history->executeQuery());
  while (rs->next()) {
    routed.history.push_back({rs->getInt("sequence"), TimeColumn(*rs, "at"),
                              StringColumn(*rs, "actor"), StringColumn(*rs, "event"),
                              StringColumn(*rs, "detail")});
  }
  return routed;
}

void InsertHistory(Transaction& tx, int64_t routed_id, const std::vector<HistoryEntry>& entries,
                   size_t from) {
  for (size_t i = from; i < entries.size(); ++i) {
    auto insert = tx.Prepare(
        "INSERT INTO routed_ticket_history (routed_ticket_id, sequence, at, actor, event, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    Binder b(*insert);
    b.Int(routed_id);
    b.Int(entries[i].sequence);
    b.Time(entries[i].at);
    b.String(entries[i].actor);
    b.String(entries[i].event);
    b.String(entries[i].detail);
    insert->executeUpdate();
  }
}

int64_t InsertOrder(Transaction& tx, int64_t routed_id, const DispatchOrder& order) {
  auto insert = tx.Prepare(absl::StrCat("INSERT INTO dispatch_orders (", kOrderColumns, ") VALUES ",
                                        Placeholders(ColumnCount(kOrderColumns))));
  Binder b(*insert);
  BindOrder(b, routed_id, order);
  insert->executeUpdate();
  return LastInsertId(tx);
}

int64_t InsertDelivery(Transaction& tx, int64_t routed_id, int64_t ticket_id,
                       const Delivery& delivery) {
  auto insert = tx.Prepare(absl::StrCat("INSERT INTO deliveries (", kDeliveryColumns, ") VALUES ",
                                        Placeholders(ColumnCount(kDeliveryColumns))));
  Binder b(*insert);
  BindDelivery(b, routed_id, ticket_id, delivery);
  insert->executeUpdate();
  return LastInsertId(tx);
}

// Writes the orders and deliveries of `routed` that are new (id 0) or differ from `before`,
// assigning ids and resolving order_index. Each one written is noted for the audit row: orders and
// deliveries have RPCs of their own, so the caller's change is named by them too.
void SaveChildren(Transaction& tx, RoutedTicket& routed, const RoutedTicket* before) {
  absl::flat_hash_map<int64_t, const DispatchOrder*> old_orders;
  absl::flat_hash_map<int64_t, const Delivery*> old_deliveries;
  if (before != nullptr) {
    for (const DispatchOrder& order : before->orders) old_orders[order.id] = &order;
    for (const Delivery& delivery : before->deliveries) old_deliveries[delivery.id] = &delivery;
  }
  for (DispatchOrder& order : routed.orders) {
    if (order.id == 0) {
      order.id = InsertOrder(tx, routed.id, order);
      tx.NoteChange(absl::StrCat("dispatch order ", order.id));
      continue;
    }
    auto it = old_orders.find(order.id);
    if (it != old_orders.end()) {
      // Reminders are written by supervision only; compare the rest.
      DispatchOrder old = *it->second;
      old.reminders = order.reminders;
      if (old == order) continue;
    }
    auto update = tx.Prepare(
        absl::StrCat("UPDATE dispatch_orders SET ", Assignments(kOrderColumns), " WHERE id = ?"));
    Binder b(*update);
    BindOrder(b, routed.id, order);
    b.Int(order.id);
    update->executeUpdate();
    tx.NoteChange(absl::StrCat("dispatch order ", order.id));
  }
  for (Delivery& delivery : routed.deliveries) {
    if (delivery.order_index >= 0) {
      if (delivery.order_index < static_cast<int>(routed.orders.size())) {
        delivery.order_id = routed.orders[delivery.order_index].id;
      }
      delivery.order_index = -1;
    }
    if (delivery.id == 0) {
      delivery.id = InsertDelivery(tx, routed.id, routed.ticket.ticket_id, delivery);
      tx.NoteChange(absl::StrCat("delivery ", delivery.id));
      continue;
    }
    auto it = old_deliveries.find(delivery.id);
    if (it != old_deliveries.end() && *it->second == delivery) continue;
    auto update = tx.Prepare(
        absl::StrCat("UPDATE deliveries SET ", Assignments(kDeliveryColumns), " WHERE id = ?"));
    Binder b(*update);
    BindDelivery(b, routed.id, routed.ticket.ticket_id, delivery);
    b.Int(delivery.id);
    update->executeUpdate();
    tx.NoteChange(absl::StrCat("delivery ", delivery.id));
  }
}

absl::StatusOr<int64_t> ParseId(const std::string& response) {
  int64_t id = 0;
  if (!absl::SimpleAtoi(response, &id)) {
    return absl::InternalError("stored idempotent response is not a routed ticket id");
  }
  return id;
}

// The ticket snapshots of the given routed tickets, by routed id.
absl::flat_hash_map<int64_t, ForwardedTicket> LoadSnapshots(Transaction& tx,
                                                            const std::vector<int64_t>& ids) {
  absl::flat_hash_map<int64_t, ForwardedTicket> snapshots;
  if (ids.empty()) return snapshots;
  auto select =
      tx.Prepare(absl::StrCat("SELECT id, ", kRoutedColumns, " FROM routed_tickets WHERE id IN ",
                              Placeholders(static_cast<int>(ids.size()))));
  Binder b(*select);
  for (int64_t id : ids) b.Int(id);
  std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
  while (rs->next()) snapshots[rs->getInt64("id")] = ReadTicketSnapshot(*rs);
  return snapshots;
}

absl::StatusOr<ReceiveResult> ReadExisting(Transaction& tx, const RoutedTicket& draft) {
  auto select = tx.Prepare("SELECT id FROM routed_tickets WHERE forward_id = ?");
  select->setString(1, draft.forward_id);
  std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
  if (!rs->next()) return absl::NotFoundError("no such forward");
  ASSIGN_OR_RETURN(RoutedTicket first, LoadRouted(tx, rs->getInt64("id"), /*for_update=*/false));
  if (first.ticket.ticket_id != draft.ticket.ticket_id) {
    return absl::FailedPreconditionError(
        absl::StrCat("forward_id ", draft.forward_id, " was received for ticket ",
                     first.ticket.ticket_id, ", not ", draft.ticket.ticket_id));
  }
  return ReceiveResult{std::move(first), true};
}

}  // namespace

absl::StatusOr<ReceiveResult> MySqlRoutingStore::Receive(RoutedTicket draft) {
  absl::StatusOr<ReceiveResult> result =
      common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<ReceiveResult> {
        absl::StatusOr<ReceiveResult> existing = ReadExisting(tx, draft);
        if (existing.ok() || existing.status().code() != absl::StatusCode::kNotFound) {
          return existing;
        }
        RoutedTicket routed = draft;
        auto insert =
            tx.Prepare(absl::StrCat("INSERT INTO routed_tickets (", kRoutedColumns, ") VALUES ",
                                    Placeholders(ColumnCount(kRoutedColumns))));
        Binder b(*insert);
        BindRouted(b, routed);
        insert->executeUpdate();
        routed.id = LastInsertId(tx);
        tx.NoteChange(absl::StrCat("routed ticket ", routed.id));
        InsertHistory(tx, routed.id, routed.history, 0);
        SaveChildren(tx, routed, nullptr);
        return ReceiveResult{std::move(routed), false};
      });
  if (result.ok() || result.status().code() != absl::StatusCode::kAlreadyExists) return result;
  // Another process inserted the same forward between our read and our insert: theirs is the
  // receipt.
  return common::db::RunInTransaction(pool_,
                                      [&](Transaction& tx) { return ReadExisting(tx, draft); });
}

absl::StatusOr<RoutedTicket> MySqlRoutingStore::Get(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) { return LoadRouted(tx, id, /*for_update=*/false); });
}

absl::StatusOr<RoutedTicketPage> MySqlRoutingStore::List(const RoutedTicketFilter& filter,
                                                         int64_t after_id, int page_size) {
  std::vector<std::string> conditions;
  std::vector<std::function<void(Binder&)>> binds;
  if (filter.ticket_id != 0) {
    conditions.push_back("ticket_id = ?");
    binds.push_back([&](Binder& b) { b.Int(filter.ticket_id); });
  }
  if (filter.status.has_value()) {
    conditions.push_back("status = ?");
    binds.push_back([&](Binder& b) { b.Int(static_cast<int>(*filter.status)); });
  }
  if (!filter.origin_unit_id.empty()) {
    conditions.push_back("origin_unit_id = ?");
    binds.push_back([&](Binder& b) { b.String(filter.origin_unit_id); });
  }
  if (after_id > 0) {
    conditions.push_back("id < ?");
    binds.push_back([&](Binder& b) { b.Int(after_id); });
  }
  const std::string sql = absl::StrCat(
      "SELECT id, ", kRoutedColumns, " FROM routed_tickets", conditions.empty() ? "" : " WHERE ",
      absl::StrJoin(conditions, " AND "), " ORDER BY id DESC LIMIT ?");
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<RoutedTicketPage> {
        auto select = tx.Prepare(sql);
        Binder b(*select);
        for (const auto& bind : binds) bind(b);
        b.Int(page_size + 1);
        std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
        RoutedTicketPage page;
        while (rs->next()) {
          if (static_cast<int>(page.routed_tickets.size()) == page_size) {
            page.next_after_id = page.routed_tickets.back().id;
            break;
          }
          page.routed_tickets.push_back(ReadRouted(*rs));
        }
        return page;
      });
}

absl::StatusOr<int64_t> MySqlRoutingStore::RoutedTicketOfOrder(int64_t order_id) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<int64_t> {
    auto select = tx.Prepare("SELECT routed_ticket_id FROM dispatch_orders WHERE id = ?");
    select->setInt64(1, order_id);
    std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
    if (!rs->next()) return absl::NotFoundError(absl::StrCat("no dispatch order ", order_id));
    return rs->getInt64("routed_ticket_id");
  });
}

absl::StatusOr<int64_t> MySqlRoutingStore::RoutedTicketOfDelivery(int64_t delivery_id) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<int64_t> {
    auto select = tx.Prepare("SELECT routed_ticket_id FROM deliveries WHERE id = ?");
    select->setInt64(1, delivery_id);
    std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
    if (!rs->next()) return absl::NotFoundError(absl::StrCat("no delivery ", delivery_id));
    return rs->getInt64("routed_ticket_id");
  });
}

absl::StatusOr<MutationResult> MySqlRoutingStore::Mutate(int64_t id, const MutationOptions& options,
                                                         const RoutedMutation& mutation) {
  if (options.request_key.has_value()) {
    RETURN_IF_ERROR(common::db::ValidateRequestId(options.request_key->request_id));
  }
  const absl::Time now = clock_.Now();
  const std::string scope = absl::StrCat("routing.", options.scope);
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<MutationResult> {
        if (options.request_key.has_value()) {
          ASSIGN_OR_RETURN(absl::optional<std::string> first_response,
                           common::db::ClaimRequest(tx, scope, options.request_key->request_id,
                                                    options.request_key->fingerprint, now));
          if (first_response.has_value()) {
            ASSIGN_OR_RETURN(int64_t first_id, ParseId(*first_response));
            if (first_id != id) {
              return common::RequestIdReused(
                  "was already used for another ticket; use a new request_id");
            }
            ASSIGN_OR_RETURN(RoutedTicket seen, LoadRouted(tx, id, /*for_update=*/false));
            return MutationResult{std::move(seen), true};
          }
        }
        ASSIGN_OR_RETURN(RoutedTicket routed, LoadRouted(tx, id, /*for_update=*/true));
        const RoutedTicket before = routed;
        ASSIGN_OR_RETURN(std::vector<OutboundMessage> messages, mutation(routed));

        auto update = tx.Prepare(absl::StrCat("UPDATE routed_tickets SET ",
                                              Assignments(kRoutedColumns), " WHERE id = ?"));
        Binder b(*update);
        BindRouted(b, routed);
        b.Int(routed.id);
        update->executeUpdate();
        tx.NoteChange(absl::StrCat("routed ticket ", routed.id));
        InsertHistory(tx, routed.id, routed.history, before.history.size());
        SaveChildren(tx, routed, &before);
        for (const OutboundMessage& message : messages) {
          common::db::OutboxMessage outbox;
          outbox.destination = message.destination;
          outbox.kind = message.kind;
          outbox.ordering_key = message.ordering_key;
          outbox.payload = message.payload;
          RETURN_IF_ERROR(common::db::EnqueueOutbox(tx, outbox, now).status());
        }
        if (options.request_key.has_value()) {
          RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, options.request_key->request_id,
                                                     absl::StrCat(routed.id)));
        }
        return MutationResult{std::move(routed), false};
      });
}

absl::StatusOr<OrderPage> MySqlRoutingStore::ListOrders(const OrderFilter& filter, int64_t after_id,
                                                        int page_size) {
  std::vector<std::string> conditions = {"id > ?"};
  std::vector<std::function<void(Binder&)>> binds = {[&](Binder& b) { b.Int(after_id); }};
  if (!filter.unit_id.empty()) {
    conditions.push_back("unit_id = ?");
    binds.push_back([&](Binder& b) { b.String(filter.unit_id); });
  }
  if (filter.kind.has_value()) {
    conditions.push_back("kind = ?");
    binds.push_back([&](Binder& b) { b.Int(static_cast<int>(*filter.kind)); });
  }
  if (filter.status.has_value()) {
    conditions.push_back("status = ?");
    binds.push_back([&](Binder& b) { b.Int(static_cast<int>(*filter.status)); });
  }
  if (filter.open_only) conditions.push_back("status IN (1, 2)");
  if (filter.deadline_before.has_value()) {
    conditions.push_back("deadline_at < ?");
    binds.push_back([&](Binder& b) { b.Time(*filter.deadline_before); });
  }
  const std::string sql = absl::StrCat("SELECT id, ", kOrderColumns, " FROM dispatch_orders WHERE ",
                                       absl::StrJoin(conditions, " AND "), " ORDER BY id LIMIT ?");
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<OrderPage> {
    auto select = tx.Prepare(sql);
    Binder b(*select);
    for (const auto& bind : binds) bind(b);
    b.Int(page_size + 1);
    std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
    OrderPage page;
    std::vector<int64_t> routed_ids;
    std::vector<int64_t> order_ids;
    while (rs->next()) {
      if (static_cast<int>(page.orders.size()) == page_size) {
        page.next_after_id = page.orders.back().order.id;
        break;
      }
      OrderView view;
      view.order = ReadOrder(*rs);
      view.routed_ticket_id = rs->getInt64("routed_ticket_id");
      routed_ids.push_back(view.routed_ticket_id);
      order_ids.push_back(view.order.id);
      page.orders.push_back(std::move(view));
    }
    absl::flat_hash_map<int64_t, ForwardedTicket> snapshots = LoadSnapshots(tx, routed_ids);
    absl::flat_hash_map<int64_t, std::vector<Reminder>> reminders = LoadReminders(tx, order_ids);
    for (OrderView& view : page.orders) {
      view.ticket = snapshots[view.routed_ticket_id];
      auto it = reminders.find(view.order.id);
      if (it != reminders.end()) view.order.reminders = std::move(it->second);
    }
    return page;
  });
}

absl::StatusOr<DeliveryPage> MySqlRoutingStore::ListDeliveries(const DeliveryFilter& filter,
                                                               int64_t after_id, int page_size) {
  std::vector<std::string> conditions = {"id > ?"};
  std::vector<std::function<void(Binder&)>> binds = {[&](Binder& b) { b.Int(after_id); }};
  if (filter.channel.has_value()) {
    conditions.push_back("channel = ?");
    binds.push_back([&](Binder& b) { b.Int(static_cast<int>(*filter.channel)); });
  }
  if (filter.state.has_value()) {
    switch (*filter.state) {
      case DeliveryState::kPending:
        conditions.push_back("status = 1 AND (lease_expires_at IS NULL OR lease_expires_at <= ?)");
        binds.push_back([&](Binder& b) { b.Time(filter.now); });
        break;
      case DeliveryState::kLeased:
        conditions.push_back("status = 1 AND lease_expires_at > ?");
        binds.push_back([&](Binder& b) { b.Time(filter.now); });
        break;
      case DeliveryState::kDelivered:
        conditions.push_back("status = 3");
        break;
      case DeliveryState::kFailed:
        conditions.push_back("status = 4");
        break;
    }
  }
  if (filter.purpose.has_value()) {
    conditions.push_back("purpose = ?");
    binds.push_back([&](Binder& b) { b.Int(static_cast<int>(*filter.purpose)); });
  }
  if (filter.routed_ticket_id != 0) {
    conditions.push_back("routed_ticket_id = ?");
    binds.push_back([&](Binder& b) { b.Int(filter.routed_ticket_id); });
  }
  const std::string sql = absl::StrCat("SELECT id, ", kDeliveryColumns, " FROM deliveries WHERE ",
                                       absl::StrJoin(conditions, " AND "), " ORDER BY id LIMIT ?");
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<DeliveryPage> {
    auto select = tx.Prepare(sql);
    Binder b(*select);
    for (const auto& bind : binds) bind(b);
    b.Int(page_size + 1);
    std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
    DeliveryPage page;
    while (rs->next()) {
      if (static_cast<int>(page.deliveries.size()) == page_size) {
        page.next_after_id = page.deliveries.back().delivery.id;
        break;
      }
      page.deliveries.push_back(ReadDeliveryView(*rs));
    }
    return page;
  });
}

absl::StatusOr<std::vector<DeliveryView>> MySqlRoutingStore::LeaseDeliveries(ReplyChannel channel,
                                                                             absl::Time now,
                                                                             absl::Duration lease,
                                                                             int limit) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<DeliveryView>> {
        auto select = tx.Prepare(absl::StrCat(
            "SELECT id, ", kDeliveryColumns,
            " FROM deliveries WHERE channel = ? AND status = 1 AND (lease_expires_at IS NULL OR "
            "lease_expires_at <= ?) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED"));
        Binder b(*select);
        b.Int(static_cast<int>(channel));
        b.Time(now);
        b.Int(limit);
        std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
        std::vector<DeliveryView> leased;
        while (rs->next()) leased.push_back(ReadDeliveryView(*rs));
        for (DeliveryView& view : leased) {
          LeaseDelivery(view.delivery, now, lease);
          auto update =
              tx.Prepare("UPDATE deliveries SET offers = ?, lease_expires_at = ? WHERE id = ?");
          Binder u(*update);
          u.Int(view.delivery.offers);
          u.OptionalTime(view.delivery.lease_expires_at);
          u.Int(view.delivery.id);
          update->executeUpdate();
          tx.NoteChange(absl::StrCat("delivery ", view.delivery.id));
        }
        return leased;
      });
}

absl::StatusOr<std::vector<ReminderRecord>> MySqlRoutingStore::RemindOverdue(
    absl::Time now, int limit, const ReminderPlanner& planner) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<ReminderRecord>> {
        // SKIP LOCKED: an order another process is reminding about (or a unit is replying to) right
        // now is left to it, so no reminder is ever written twice.
        auto select = tx.Prepare(
            absl::StrCat("SELECT id, ", kOrderColumns,
                         " FROM dispatch_orders WHERE status IN (1, 2) AND deadline_at < ? AND "
                         "(next_reminder_at IS NULL OR next_reminder_at <= ?) ORDER BY id LIMIT ? "
                         "FOR UPDATE SKIP LOCKED"));
        Binder b(*select);
        b.Time(now);
        b.Time(now);
        b.Int(limit);
        std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
        std::vector<OrderView> due;
        std::vector<int64_t> routed_ids;
        while (rs->next()) {
          OrderView view;
          view.order = ReadOrder(*rs);
          view.routed_ticket_id = rs->getInt64("routed_ticket_id");
          routed_ids.push_back(view.routed_ticket_id);
          due.push_back(std::move(view));
        }
        std::vector<ReminderRecord> records;
        if (due.empty()) return records;
        absl::flat_hash_map<int64_t, ForwardedTicket> snapshots = LoadSnapshots(tx, routed_ids);
        for (OrderView& view : due) {
          view.ticket = snapshots[view.routed_ticket_id];
          DispatchOrder& order = view.order;
          ASSIGN_OR_RETURN(ReminderPlan plan, planner(view, order.reminders_sent + 1));
          ReminderRecord record;
          record.newly_overdue = !order.overdue_since.has_value();
          if (record.newly_overdue) order.overdue_since = now;
          record.reminder.sequence = ++order.reminders_sent;
          record.reminder.at = now;
          record.reminder.recipient = plan.recipient;
          order.next_reminder_at = plan.next_reminder_at;
          if (plan.delivery.has_value()) {
            Delivery delivery = *std::move(plan.delivery);
            delivery.order_id = order.id;
            delivery.order_index = -1;
            record.reminder.delivery_id =
                InsertDelivery(tx, view.routed_ticket_id, view.ticket.ticket_id, delivery);
          }
          auto insert = tx.Prepare(
              "INSERT INTO order_reminders (order_id, sequence, at, recipient, delivery_id) "
              "VALUES (?, ?, ?, ?, ?)");
          Binder r(*insert);
          r.Int(order.id);
          r.Int(record.reminder.sequence);
          r.Time(record.reminder.at);
          r.String(record.reminder.recipient);
          r.Int(record.reminder.delivery_id);
          insert->executeUpdate();
          auto update = tx.Prepare(
              "UPDATE dispatch_orders SET overdue_since = ?, reminders_sent = ?, "
              "next_reminder_at = ? WHERE id = ?");
          Binder u(*update);
          u.OptionalTime(order.overdue_since);
          u.Int(order.reminders_sent);
          u.OptionalTime(order.next_reminder_at);
          u.Int(order.id);
          update->executeUpdate();
          record.order = view;
          records.push_back(std::move(record));
        }
        // The reminders just written, in full, for the caller's view of each order.
        std::vector<int64_t> order_ids;
        for (const ReminderRecord& record : records) order_ids.push_back(record.order.order.id);
        absl::flat_hash_map<int64_t, std::vector<Reminder>> reminders =
            LoadReminders(tx, order_ids);
        for (ReminderRecord& record : records) {
          record.order.order.reminders = std::move(reminders[record.order.order.id]);
        }
        return records;
      });
}

absl::StatusOr<std::vector<OpenOrderCount>> MySqlRoutingStore::CountOpenOrders(absl::Time now) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<OpenOrderCount>> {
        auto select = tx.Prepare(
            "SELECT unit_id, kind, deadline_at < ? AS overdue, COUNT(*) AS n FROM dispatch_orders "
            "WHERE status IN (1, 2) GROUP BY unit_id, kind, overdue ORDER BY unit_id, kind, "
            "overdue");
        select->setString(1, FormatSqlTime(now));
        std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
        std::vector<OpenOrderCount> counts;
        while (rs->next()) {
          counts.push_back({StringColumn(*rs, "unit_id"),
                            static_cast<DispatchKind>(rs->getInt("kind")),
                            rs->getInt("overdue") != 0, rs->getInt64("n")});
        }
        return counts;
      });
}

absl::StatusOr<std::vector<WaitingDeliveryCount>> MySqlRoutingStore::CountWaitingDeliveries() {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<WaitingDeliveryCount>> {
        auto select = tx.Prepare(
            "SELECT channel, COUNT(*) AS n FROM deliveries WHERE status = 1 GROUP BY channel "
            "ORDER BY channel");
        std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
        std::vector<WaitingDeliveryCount> counts;
        while (rs->next()) {
          counts.push_back({static_cast<ReplyChannel>(rs->getInt("channel")), rs->getInt64("n")});
        }
        return counts;
      });
}

absl::StatusOr<std::vector<UnitMonthCounts>> MySqlRoutingStore::MonthlyCounts(absl::Time from,
                                                                              absl::Time until,
                                                                              absl::Time now) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<UnitMonthCounts>> {
        std::map<std::string, UnitMonthCounts> units;
        auto unit = [&](const std::string& id) -> UnitMonthCounts& {
          UnitMonthCounts& counts = units[id];
          counts.unit_id = id;
          return counts;
        };
        // closed_at: replied (internal) or acknowledged (telecom).
        auto orders = tx.Prepare(
            "SELECT unit_id, COUNT(*) AS dispatched, "
            "CAST(SUM(status IN (3, 4)) AS SIGNED) AS replied, "
            "CAST(SUM(status IN (3, 4) AND (CASE status WHEN 3 THEN replied_at ELSE "
            "acknowledged_at END) <= deadline_at) AS SIGNED) AS on_time, "
            "CAST(SUM((status IN (3, 4) AND (CASE status WHEN 3 THEN replied_at ELSE "
            "acknowledged_at END) > deadline_at) OR (status IN (1, 2) AND deadline_at < ?)) "
            "AS SIGNED) AS overdue, "
            "CAST(SUM(reminders_sent) AS SIGNED) AS reminders "
            "FROM dispatch_orders WHERE dispatched_at >= ? AND dispatched_at < ? GROUP BY unit_id");
        Binder b(*orders);
        b.Time(now);
        b.Time(from);
        b.Time(until);
        std::unique_ptr<sql::ResultSet> rs(orders->executeQuery());
        while (rs->next()) {
          UnitMonthCounts& counts = unit(StringColumn(*rs, "unit_id"));
          counts.dispatched = rs->getInt64("dispatched");
          counts.replied = rs->getInt64("replied");
          counts.replied_on_time = rs->getInt64("on_time");
          counts.overdue = rs->getInt64("overdue");
          counts.reminders = rs->getInt64("reminders");
        }
        auto decided = tx.Prepare(
            "SELECT decision, CASE decision WHEN 4 THEN origin_unit_id ELSE handling_unit_id END "
            "AS unit_id, COUNT(*) AS n FROM routed_tickets WHERE decision IN (1, 4) AND "
            "decided_at >= ? AND decided_at < ? GROUP BY decision, unit_id");
        Binder d(*decided);
        d.Time(from);
        d.Time(until);
        rs.reset(decided->executeQuery());
        while (rs->next()) {
          UnitMonthCounts& counts = unit(StringColumn(*rs, "unit_id"));
          if (rs->getInt("decision") == static_cast<int>(Decision::kReturn)) {
            counts.returned = rs->getInt64("n");
          } else {
            counts.answered_directly = rs->getInt64("n");
          }
        }
        std::vector<UnitMonthCounts> result;
        for (auto& [id, counts] : units) result.push_back(std::move(counts));
        return result;
      });
}

}  // namespace cs::routing

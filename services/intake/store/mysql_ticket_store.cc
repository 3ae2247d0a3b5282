#include "services/intake/store/mysql_ticket_store.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "common/db/idempotency.h"
#include "common/db/inbox.h"
#include "common/db/outbox.h"
#include "common/db/sql_time.h"
#include "common/db/statement_helpers.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/intake/store/ticket_columns.h"
#include "services/intake/store/ticket_list_query.h"

namespace cs::intake {
namespace {

using common::db::OptionalTimeColumn;
using common::db::Placeholders;
using common::db::RowsOfPlaceholders;
using common::db::StringColumn;
using common::db::TimeColumn;

using common::db::FormatSqlTime;
using common::db::ParseSqlTime;
using common::db::Transaction;

using Binder = common::db::ParameterBinder;

// Working time is kept in microseconds, the resolution of every time the store keeps, so it reads
// back exactly as measured.
void BindOptionalMicros(Binder& b, const absl::optional<absl::Duration>& value) {
  if (value.has_value()) {
    b.Int(absl::ToInt64Microseconds(*value));
  } else {
    b.Null();
  }
}

absl::optional<absl::Duration> OptionalMicrosColumn(sql::ResultSet& rs, const char* column) {
  if (rs.isNull(column)) return absl::nullopt;
  return absl::Microseconds(rs.getInt64(column));
}

void BindTicket(Binder& b, const Ticket& t) {
  const TicketInput& in = t.input;
  b.String(in.unit_id);
  b.Int(static_cast<int>(t.status));
  b.Int(static_cast<int>(in.kind));
  b.Int(static_cast<int>(in.channel));
  b.Int(static_cast<int>(in.reply_channel));
  b.Bool(in.special_request);
  b.String(in.special_request_note);
  b.String(in.problem);
  b.String(in.device_number);
  b.String(in.contact_phone);
  b.String(in.contact_person);
  b.String(in.user_number);
  b.String(in.user_name);
  b.String(in.company);
  b.String(in.address);
  b.String(in.postal_code);
  b.String(in.email);
  b.OptionalTime(in.complained_at);
  b.String(in.handler);
  b.String(in.processor);
  b.String(in.reviewer);
  b.String(in.business_line);
  b.Int(t.overall_serial);
  b.String(t.serial_month);
  b.Int(t.month_serial);
  b.Time(t.received_at);
  b.Time(t.confirm_clock_start);
  b.Time(t.confirm_deadline.at);
  b.String(t.confirm_deadline.calendar_version);
  b.Bool(t.confirm_miss_counted);
  const bool forwarded = t.forward.has_value();
  b.OptionalString(forwarded, forwarded ? t.forward->forward_id : "");
  b.OptionalTime(forwarded ? absl::optional<absl::Time>(t.forward->forwarded_at) : absl::nullopt);
  b.OptionalTime(forwarded ? absl::optional<absl::Time>(t.forward->confirm_deadline.at)
                           : absl::nullopt);
  b.OptionalString(forwarded, forwarded ? t.forward->confirm_deadline.calendar_version : "");
  b.OptionalTime(forwarded ? t.forward->confirmed_at : absl::nullopt);
  b.OptionalString(forwarded && t.forward->confirmed_at.has_value(),
                   forwarded ? t.forward->receipt_id : "");
  BindOptionalMicros(b, forwarded ? t.forward->working_time_to_confirm : absl::nullopt);
  b.Int(static_cast<int>(t.last_outcome));
  b.String(t.handling_department);
  b.OptionalTime(t.handling_deadline);
  b.OptionalTime(t.replied_to_user_at);
  b.Int(static_cast<int>(t.return_reason));
  b.String(t.return_note);
  b.String(absl::StrJoin(t.fields_at_fault, ","));
  b.OptionalTime(t.callback_at);
  b.OptionalTime(t.closed_at);
  b.Time(t.updated_at);
  b.Int(t.version);
  b.Bool(t.confirm_deadline.provisional);
  if (forwarded) {
    b.Bool(t.forward->confirm_deadline.provisional);
  } else {
    b.Null();
  }
}

Ticket ReadTicket(sql::ResultSet& rs) {
  Ticket t;
  t.id = rs.getInt64("id");
  TicketInput& in = t.input;
  in.unit_id = StringColumn(rs, "unit_id");
  t.status = static_cast<TicketStatus>(rs.getInt("status"));
  in.kind = static_cast<TicketKind>(rs.getInt("kind"));
  in.channel = static_cast<Channel>(rs.getInt("channel"));
  in.reply_channel = static_cast<ReplyChannel>(rs.getInt("reply_channel"));
  in.special_request = rs.getBoolean("special_request");
  in.special_request_note = StringColumn(rs, "special_request_note");
  in.problem = StringColumn(rs, "problem");
  in.device_number = StringColumn(rs, "device_number");
  in.contact_phone = StringColumn(rs, "contact_phone");
  in.contact_person = StringColumn(rs, "contact_person");
  in.user_number = StringColumn(rs, "user_number");
  in.user_name = StringColumn(rs, "user_name");
  in.company = StringColumn(rs, "company");
  in.address = StringColumn(rs, "address");
  in.postal_code = StringColumn(rs, "postal_code");
  in.email = StringColumn(rs, "email");
  in.complained_at = OptionalTimeColumn(rs, "complained_at");
  in.handler = StringColumn(rs, "handler");
  in.processor = StringColumn(rs, "processor");
  in.reviewer = StringColumn(rs, "reviewer");
  in.business_line = StringColumn(rs, "business_line");
  t.overall_serial = rs.getInt64("overall_serial");
  t.serial_month = StringColumn(rs, "serial_month");
  t.month_serial = rs.getInt64("month_serial");
  t.received_at = TimeColumn(rs, "received_at");
  t.confirm_clock_start = TimeColumn(rs, "confirm_clock_start");
  t.confirm_deadline = {TimeColumn(rs, "confirm_deadline"),
                        StringColumn(rs, "confirm_deadline_calendar"),
                        rs.getBoolean("confirm_deadline_provisional")};
  t.confirm_miss_counted = rs.getBoolean("confirm_miss_counted");
  if (!rs.isNull("forward_id")) {
    Forward forward;
    forward.forward_id = StringColumn(rs, "forward_id");
    forward.forwarded_at = TimeColumn(rs, "forwarded_at");
    forward.confirm_deadline = {TimeColumn(rs, "forward_deadline"),
                                StringColumn(rs, "forward_deadline_calendar"),
                                !rs.isNull("forward_deadline_provisional") &&
                                    rs.getBoolean("forward_deadline_provisional")};
    forward.confirmed_at = OptionalTimeColumn(rs, "forward_confirmed_at");
    if (!rs.isNull("forward_receipt_id"))
      forward.receipt_id = StringColumn(rs, "forward_receipt_id");
    forward.working_time_to_confirm = OptionalMicrosColumn(rs, "forward_working_time_us");
    t.forward = std::move(forward);
  }
  t.last_outcome = static_cast<OutcomeKind>(rs.getInt("last_outcome"));
  t.handling_department = StringColumn(rs, "handling_department");
  t.handling_deadline = OptionalTimeColumn(rs, "handling_deadline");
  t.replied_to_user_at = OptionalTimeColumn(rs, "replied_to_user_at");
  t.return_reason = static_cast<ReturnReason>(rs.getInt("return_reason"));
  t.return_note = StringColumn(rs, "return_note");
  const std::string fields = StringColumn(rs, "fields_at_fault");
  if (!fields.empty()) t.fields_at_fault = absl::StrSplit(fields, ',');
  t.callback_at = OptionalTimeColumn(rs, "callback_at");
  t.closed_at = OptionalTimeColumn(rs, "closed_at");
  t.updated_at = TimeColumn(rs, "updated_at");
  t.version = rs.getInt64("version");
  return t;
}

void InsertHistory(Transaction& tx, int64_t ticket_id, const std::vector<HistoryEntry>& entries,
                   size_t from) {
  if (from >= entries.size()) return;
  const int rows = static_cast<int>(entries.size() - from);
  sql::PreparedStatement& insert = tx.PrepareCached(absl::StrCat(
      "INSERT INTO ticket_history (ticket_id, sequence, at, actor, event, detail) VALUES ",
      RowsOfPlaceholders(rows, 6)));
  Binder b(insert);
  for (size_t i = from; i < entries.size(); ++i) {
    b.Int(ticket_id);
    b.Int(entries[i].sequence);
    b.Time(entries[i].at);
    b.String(entries[i].actor);
    b.String(entries[i].event);
    b.String(entries[i].detail);
  }
  insert.executeUpdate();
}

void InsertReplies(Transaction& tx, int64_t ticket_id, const std::vector<Reply>& replies,
                   size_t from) {
  if (from >= replies.size()) return;
  const int rows = static_cast<int>(replies.size() - from);
  sql::PreparedStatement& insert = tx.PrepareCached(absl::StrCat(
      "INSERT INTO ticket_replies (ticket_id, sequence, at, channel, replied_by, text) VALUES ",
      RowsOfPlaceholders(rows, 6)));
  Binder b(insert);
  for (size_t i = from; i < replies.size(); ++i) {
    b.Int(ticket_id);
    b.Int(replies[i].sequence);
    b.Time(replies[i].at);
    b.Int(static_cast<int>(replies[i].channel));
    b.String(replies[i].replied_by);
    b.String(replies[i].text);
  }
  insert.executeUpdate();
}

// Loads history entries 2, 3, ... and replies into `ticket`.
void LoadChildren(Transaction& tx, Ticket& ticket) {
  sql::PreparedStatement& history = tx.PrepareCached(
      "SELECT sequence, at, actor, event, detail FROM ticket_history WHERE ticket_id = ? "
      "AND sequence > 1 ORDER BY sequence");
  history.setInt64(1, ticket.id);
  std::unique_ptr<sql::ResultSet> rs(history.executeQuery());
  while (rs->next()) {
    ticket.history.push_back({rs->getInt("sequence"), TimeColumn(*rs, "at"),
                              StringColumn(*rs, "actor"), StringColumn(*rs, "event"),
                              StringColumn(*rs, "detail")});
  }
  sql::PreparedStatement& replies = tx.PrepareCached(
      "SELECT sequence, at, channel, replied_by, text FROM ticket_replies WHERE ticket_id = ? "
      "ORDER BY sequence");
  replies.setInt64(1, ticket.id);
  rs.reset(replies.executeQuery());
  while (rs->next()) {
    ticket.replies.push_back({rs->getInt("sequence"), TimeColumn(*rs, "at"),
                              static_cast<ReplyChannel>(rs->getInt("channel")),
                              StringColumn(*rs, "replied_by"), StringColumn(*rs, "text")});
  }
  if (ticket.forward.has_value()) {
    // Delivery attempts of the current forward live in the outbox row that carries it.
    sql::PreparedStatement& attempts = tx.PrepareCached(
        "SELECT attempts FROM outbox WHERE ordering_key = ? AND kind = 'ReceiveForwardedTicket' "
        "ORDER BY id DESC LIMIT 1");
    attempts.setString(1, absl::StrCat("ticket-", ticket.id));
    rs.reset(attempts.executeQuery());
    if (rs->next()) ticket.forward->attempts = rs->getInt("attempts");
  }
}

// The ticket with its history and replies; NOT_FOUND when absent. `for_update` locks the row.
absl::StatusOr<Ticket> LoadTicket(Transaction& tx, int64_t id, bool for_update) {
  sql::PreparedStatement& select = tx.PrepareCached(
      absl::StrCat("SELECT id, ", kTicketColumns, ", created_by FROM tickets WHERE id = ?",
                   for_update ? " FOR UPDATE" : ""));
  select.setInt64(1, id);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return absl::NotFoundError(absl::StrCat("no ticket ", id));
  Ticket ticket = ReadTicket(*rs);
  // Entry 1 is kept on the ticket row itself (migration 0003).
  ticket.history.push_back(
      {1, ticket.received_at, StringColumn(*rs, "created_by"), std::string(kCreatedEvent), ""});
  LoadChildren(tx, ticket);
  return ticket;
}

absl::Status ReusedRequestId() {
  return common::RequestIdReused("was already used for a different request; use a new request_id");
}

absl::StatusOr<int64_t> ParseTicketId(const std::string& response) {
  int64_t id = 0;
  if (!absl::SimpleAtoi(response, &id)) {
    return absl::InternalError("stored idempotent response is not a ticket id");
  }
  return id;
}

}  // namespace

MySqlTicketStore::MySqlTicketStore(common::db::ConnectionPool& pool, common::Clock& clock,
                                   common::db::CommitQueueOptions create_queue)
    : pool_(pool), clock_(clock) {
  create_queue.transaction.single_statement = true;  // see ApplyCreates
  create_queue.workers = 1;                          // see serial_book.h
  // A serial another intake process took meanwhile is ABORTED and renumbered from the database;
  // with several processes recording for one unit at once that can take a few rounds, and the
  // caller should not see a refusal that the next round would have avoided (measured: 3 rounds
  // were not always enough for two processes × 4 callers on one unit on a loaded 2-core machine).
  create_queue.transaction.max_attempts = std::max(create_queue.transaction.max_attempts, 12);
  create_queue.after_transaction = [this](const absl::Status& outcome) {
    AfterCreateTransaction(outcome);
  };
  create_queue_ = std::make_unique<common::db::CommitQueue<PendingCreate, CreatedId>>(
      pool_,
      [this](Transaction& tx, std::vector<PendingCreate>& batch,
             std::vector<absl::StatusOr<CreatedId>>& results) {
        return ApplyCreates(tx, batch, results);
      },
      create_queue,
      // A create's audit row commits with its ticket (the batch then runs as a transaction: two
      // more round trips per batch, not per ticket); a replay changed nothing.
      [](const CreatedId& created) -> std::optional<std::string> {
        if (created.replayed) return std::nullopt;
        return absl::StrCat("ticket ", created.id);
      });
}

MySqlTicketStore::~MySqlTicketStore() { create_queue_->Stop(); }

void MySqlTicketStore::AfterCreateTransaction(const absl::Status& outcome) {
  std::map<SerialBook::Key, int64_t> written;
  {
    absl::MutexLock lock(&pending_serials_mutex_);
    written.swap(pending_serials_);
  }
  for (const auto& [key, value] : written) {
    if (outcome.ok()) {
      serials_.Committed(key, value);
    } else {
      // Maybe committed, maybe not (a lost COMMIT): read the counter again before numbering.
      serials_.Forget(key);
    }
  }
}

absl::Status MySqlTicketStore::ApplyCreates(Transaction& tx, std::vector<PendingCreate>& batch,
                                            std::vector<absl::StatusOr<CreatedId>>& results) {
  // One INSERT for the whole batch (autocommitted: the queue runs it with single_statement, unless
  // the batch carries audit rows, which commit with it),
  // numbered here from the serial book (serial_book.h). The request ids are not looked up first: a
  // repeat of an answered request is rare, and it makes the INSERT fail on tickets_create_request,
  // which costs this batch a second try split into single requests — and a single request looks its
  // id up after such a failure.
  absl::flat_hash_map<std::string, size_t> first_in_batch;
  std::vector<size_t> fresh;
  std::vector<std::pair<size_t, size_t>> repeats;  // (index, index of the first with that id)
  for (size_t i = 0; i < batch.size(); ++i) {
    auto [it, inserted] = first_in_batch.emplace(batch[i].key.request_id, i);
    if (inserted) {
      fresh.push_back(i);
    } else {
      repeats.emplace_back(i, it->second);
    }
  }
  for (size_t i : fresh) {
    const Ticket& draft = batch[i].draft;
    if (draft.history.size() != 1 || draft.history[0].sequence != 1 ||
        draft.history[0].event != kCreatedEvent || !draft.history[0].detail.empty() ||
        draft.history[0].at != draft.received_at) {
      // Only this entry is kept on the ticket row (migration 0003); anything else would be lost.
      return absl::InternalError("a new ticket's history must be its CREATED entry alone");
    }
  }

  // Serials: the batch's tickets continue each counter in batch order.
  {
    absl::MutexLock lock(&pending_serials_mutex_);
    pending_serials_.clear();  // a retry starts over
  }
  std::map<SerialBook::Key, int64_t> last;  // the last serial handed out so far, per counter
  for (size_t i : fresh) {
    const Ticket& draft = batch[i].draft;
    for (SerialBook::Key key : {SerialBook::Key{draft.input.unit_id, "overall"},
                                SerialBook::Key{draft.input.unit_id, draft.serial_month}}) {
      if (last.count(key) > 0) continue;
      absl::optional<int64_t> known = serials_.LastCommitted(key);
      if (!known.has_value()) known = LastStoredSerial(tx, key);
      last[key] = *known;
    }
  }
  for (size_t i : fresh) {
    Ticket& draft = batch[i].draft;
    draft.overall_serial = ++last[{draft.input.unit_id, "overall"}];
    draft.month_serial = ++last[{draft.input.unit_id, draft.serial_month}];
  }

  sql::PreparedStatement& insert = tx.PrepareCached(
      absl::StrCat("INSERT INTO tickets (", kTicketColumns,
                   ", create_request_id, create_fingerprint, created_by) VALUES ",
                   RowsOfPlaceholders(static_cast<int>(fresh.size()), kTicketColumnCount + 3),
                   " RETURNING id, create_request_id"));
  Binder b(insert);
  for (size_t i : fresh) {
    BindTicket(b, batch[i].draft);
    b.String(batch[i].key.request_id);
    b.String(batch[i].key.fingerprint);
    b.String(batch[i].draft.history[0].actor);
  }
  std::unique_ptr<sql::ResultSet> rs;
  try {
    rs.reset(insert.executeQuery());
  } catch (const sql::SQLException& e) {
    const bool duplicate = e.getErrorCode() == 1062;
    if (duplicate && absl::StrContains(e.what(), "tickets_create_request")) {
      if (fresh.size() > 1) {
        return absl::AlreadyExistsError("a request_id of this batch was answered before");
      }
      results[fresh[0]] = AnswerBefore(tx, batch[fresh[0]].key);
    } else {
      // Nothing was written. A serial taken by another process (or any other failure): what this
      // process knew of these counters may be behind, so they are read again on the next try.
      for (const auto& [key, value] : last) serials_.Forget(key);
      if (duplicate) {
        return absl::AbortedError(
            "another process took one of these serial numbers; numbering again");
      }
      throw;
    }
  }
  if (rs != nullptr) {
    // Written; the book moves on once the transaction has committed (AfterCreateTransaction).
    {
      absl::MutexLock lock(&pending_serials_mutex_);
      pending_serials_ = last;
    }
    absl::flat_hash_map<std::string, int64_t> id_of;
    while (rs->next()) id_of[StringColumn(*rs, "create_request_id")] = rs->getInt64("id");
    for (size_t i : fresh) {
      Ticket& draft = batch[i].draft;
      draft.id = id_of.at(batch[i].key.request_id);
      results[i] = CreatedId{draft.id, false, draft};
    }
  }

  // A request id repeated inside the batch gets the first one's answer.
  for (const auto& [index, first] : repeats) {
    if (!results[first].ok()) {
      // The first was refused as a reuse of an answered request_id; this body may be the one
      // that was answered.
      results[index] = batch[index].key.fingerprint == batch[first].key.fingerprint
                           ? results[first]
                           : AnswerBefore(tx, batch[index].key);
    } else if (batch[index].key.fingerprint != batch[first].key.fingerprint) {
      results[index] = ReusedRequestId();
    } else {
      results[index] = CreatedId{results[first]->id, true, {}};
    }
  }
  return absl::OkStatus();
}

int64_t MySqlTicketStore::LastStoredSerial(Transaction& tx, const SerialBook::Key& key) {
  const bool overall = key.second == "overall";
  sql::PreparedStatement& select = tx.PrepareCached(
      overall ? "SELECT COALESCE(MAX(overall_serial), 0) AS last FROM tickets WHERE unit_id = ?"
              : "SELECT COALESCE(MAX(month_serial), 0) AS last FROM tickets "
                "WHERE unit_id = ? AND serial_month = ?");
  select.setString(1, key.first);
  if (!overall) select.setString(2, key.second);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  rs->next();
  return rs->getInt64("last");
}

absl::StatusOr<MySqlTicketStore::CreatedId> MySqlTicketStore::AnswerBefore(Transaction& tx,
                                                                           const RequestKey& key) {
  sql::PreparedStatement& select =
      tx.PrepareCached("SELECT id, create_fingerprint FROM tickets WHERE create_request_id = ?");
  select.setString(1, key.request_id);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) {
    return absl::InternalError("request_id reported as a duplicate but no ticket carries it");
  }
  if (StringColumn(*rs, "create_fingerprint") != key.fingerprint) return ReusedRequestId();
  return CreatedId{rs->getInt64("id"), true, {}};
}

absl::StatusOr<CreateResult> MySqlTicketStore::Create(Ticket draft, const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  return Answer(create_queue_->Submit({std::move(draft), key}));
}

void MySqlTicketStore::CreateAsync(Ticket draft, const RequestKey& key, CreateDone done) {
  if (absl::Status valid = common::db::ValidateRequestId(key.request_id); !valid.ok()) {
    done(std::move(valid));
    return;
  }
  create_queue_->SubmitAsync({std::move(draft), key},
                             [this, done = std::move(done)](absl::StatusOr<CreatedId> created) {
                               // A replay reads the first ticket back here, on the queue's
                               // answering thread: retries are rare, and one indexed read costs
                               // less than handing the answer to yet another thread.
                               done(Answer(std::move(created)));
                             });
}

absl::StatusOr<CreateResult> MySqlTicketStore::Answer(absl::StatusOr<CreatedId> created) {
  if (!created.ok()) return created.status();
  if (!created->replayed) return CreateResult{std::move(created->ticket), false};
  ASSIGN_OR_RETURN(Ticket existing, Get(created->id));
  return CreateResult{std::move(existing), true};
}

absl::StatusOr<Ticket> MySqlTicketStore::Get(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) { return LoadTicket(tx, id, /*for_update=*/false); });
}

absl::StatusOr<TicketPage> MySqlTicketStore::List(const TicketFilter& filter, int64_t after_id,
                                                  int page_size) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<TicketPage> {
    absl::optional<TicketListCursor> after;
    if (after_id > 0) {
      sql::PreparedStatement& where =
          tx.PrepareCached("SELECT received_at FROM tickets WHERE id = ?");
      where.setInt64(1, after_id);
      std::unique_ptr<sql::ResultSet> found(where.executeQuery());
      if (!found->next()) return PageAfterUnknownTicket(after_id);
      after = TicketListCursor{TimeColumn(*found, "received_at"), after_id};
    }
    const TicketListQuery query = BuildTicketListQuery(filter, after, page_size + 1);
    sql::PreparedStatement& select = tx.PrepareCached(query.sql);
    Binder b(select);
    query.bind(b);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    TicketPage page;
    while (rs->next()) {
      if (static_cast<int>(page.tickets.size()) == page_size) {
        page.next_after_id = page.tickets.back().id;
        break;
      }
      page.tickets.push_back(ReadTicket(*rs));
    }
    return page;
  });
}

absl::StatusOr<MutationResult> MySqlTicketStore::Mutate(int64_t id, const MutationOptions& options,
                                                        const TicketMutation& mutation) {
  if (options.request_key.has_value()) {
    RETURN_IF_ERROR(common::db::ValidateRequestId(options.request_key->request_id));
  }
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<MutationResult> {
        if (!options.inbox_message_id.empty()) {
          ASSIGN_OR_RETURN(bool first, common::db::MarkProcessed(tx, options.inbox_message_id,
                                                                 options.inbox_source, now));
          if (!first) {
            ASSIGN_OR_RETURN(Ticket seen, LoadTicket(tx, id, false));
            return MutationResult{std::move(seen), true};
          }
        }
        const std::string scope = absl::StrCat("intake.", options.scope);
        if (options.request_key.has_value()) {
          ASSIGN_OR_RETURN(absl::optional<std::string> first_response,
                           common::db::ClaimRequest(tx, scope, options.request_key->request_id,
                                                    options.request_key->fingerprint, now));
          if (first_response.has_value()) {
            ASSIGN_OR_RETURN(int64_t first_id, ParseTicketId(*first_response));
            if (first_id != id) {
              return common::RequestIdReused(
                  "was already used for another ticket; use a new request_id");
            }
            ASSIGN_OR_RETURN(Ticket seen, LoadTicket(tx, id, false));
            return MutationResult{std::move(seen), true};
          }
        }
        ASSIGN_OR_RETURN(Ticket ticket, LoadTicket(tx, id, /*for_update=*/true));
        const absl::optional<Forward> forward_before = ticket.forward;
        const size_t history_before = ticket.history.size();
        const size_t replies_before = ticket.replies.size();
        ASSIGN_OR_RETURN(std::vector<OutboundMessage> messages, mutation(ticket));

        sql::PreparedStatement& update = tx.PrepareCached(absl::StrCat(
            "UPDATE tickets SET ", absl::StrReplaceAll(kTicketColumns, {{",", " = ?,"}}),
            " = ? WHERE id = ?"));
        Binder b(update);
        BindTicket(b, ticket);
        b.Int(ticket.id);
        update.executeUpdate();
        InsertHistory(tx, ticket.id, ticket.history, history_before);
        InsertReplies(tx, ticket.id, ticket.replies, replies_before);
        if (ticket.forward.has_value()) {
          const Forward& f = *ticket.forward;
          sql::PreparedStatement& upsert = tx.PrepareCached(
              "INSERT INTO ticket_forwards (forward_id, ticket_id, forwarded_at, deadline, "
              "deadline_calendar, deadline_provisional, confirmed_at, receipt_id, working_time_us) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON DUPLICATE KEY UPDATE confirmed_at = VALUES(confirmed_at), "
              "receipt_id = VALUES(receipt_id), working_time_us = VALUES(working_time_us)");
          Binder fb(upsert);
          fb.String(f.forward_id);
          fb.Int(ticket.id);
          fb.Time(f.forwarded_at);
          fb.Time(f.confirm_deadline.at);
          fb.String(f.confirm_deadline.calendar_version);
          fb.Bool(f.confirm_deadline.provisional);
          fb.OptionalTime(f.confirmed_at);
          fb.OptionalString(f.confirmed_at.has_value(), f.receipt_id);
          BindOptionalMicros(fb, f.working_time_to_confirm);
          upsert.executeUpdate();
        }
        tx.NoteChange(absl::StrCat("ticket ", ticket.id));
        // A forward made or confirmed by this change is named too: it is what the caller acted on.
        if (ticket.forward.has_value() &&
            (!forward_before.has_value() ||
             forward_before->forward_id != ticket.forward->forward_id ||
             forward_before->confirmed_at != ticket.forward->confirmed_at)) {
          tx.NoteChange(absl::StrCat("forward ", ticket.forward->forward_id));
        }
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
                                                     absl::StrCat(ticket.id)));
        }
        return MutationResult{std::move(ticket), false};
      });
}

absl::StatusOr<std::vector<AwaitingConfirmationCount>> MySqlTicketStore::CountAwaitingConfirmation(
    absl::Time now) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<AwaitingConfirmationCount>> {
        sql::PreparedStatement& select = tx.PrepareCached(
            "SELECT unit_id, status = 2 AS forwarding, confirm_deadline < ? AS passed, "
            "COUNT(*) AS n FROM tickets WHERE status IN (1, 2, 6) "
            "GROUP BY unit_id, forwarding, passed ORDER BY unit_id, forwarding, passed");
        select.setString(1, FormatSqlTime(now));
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        std::vector<AwaitingConfirmationCount> counts;
        while (rs->next()) {
          counts.push_back({StringColumn(*rs, "unit_id"), rs->getInt("forwarding") != 0,
                            rs->getInt("passed") != 0, rs->getInt64("n")});
        }
        return counts;
      });
}

absl::StatusOr<std::vector<MissedConfirmation>> MySqlTicketStore::ClaimNewlyMissedConfirmations(
    absl::Time now, int limit) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<MissedConfirmation>> {
        sql::PreparedStatement& select = tx.PrepareCached(
            "SELECT id, unit_id, special_request FROM tickets WHERE status IN (1, 2, 6) AND "
            "confirm_deadline < ? AND confirm_miss_counted = FALSE ORDER BY id LIMIT ? "
            "FOR UPDATE SKIP LOCKED");
        select.setString(1, FormatSqlTime(now));
        select.setInt(2, limit);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        std::vector<MissedConfirmation> missed;
        while (rs->next()) {
          missed.push_back({rs->getInt64("id"), StringColumn(*rs, "unit_id"),
                            rs->getBoolean("special_request")});
        }
        if (missed.empty()) return missed;
        sql::PreparedStatement& update = tx.PrepareCached(
            absl::StrCat("UPDATE tickets SET confirm_miss_counted = TRUE WHERE id IN ",
                         Placeholders(static_cast<int>(missed.size()))));
        Binder b(update);
        for (const MissedConfirmation& miss : missed) b.Int(miss.ticket_id);
        update.executeUpdate();
        return missed;
      });
}

absl::StatusOr<ForwardingCounts> MySqlTicketStore::CountForwarding(const std::string& unit_id,
                                                                   absl::Time from,
                                                                   absl::Time until,
                                                                   absl::Time as_of) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<ForwardingCounts> {
        // One statement, so one consistent read. A ticket's first forward is the row of
        // ticket_forwards no other row of the ticket precedes (by forwarded_at, then forward_id);
        // a comparison with a NULL confirmed_at is NULL, which SUM skips.
        sql::PreparedStatement& select = tx.PrepareCached(
            "SELECT "
            "(SELECT COUNT(*) FROM tickets WHERE unit_id = ? AND received_at >= ? "
            "AND received_at < ?) AS recorded, "
            "(SELECT COUNT(*) FROM tickets WHERE unit_id = ? AND closed_at >= ? "
            "AND closed_at < ?) AS closed, "
            "COUNT(*) AS forwarded, "
            "COALESCE(SUM(f.confirmed_at <= f.deadline), 0) AS on_time, "
            "COALESCE(SUM(f.confirmed_at > f.deadline), 0) AS late, "
            "COALESCE(SUM(f.confirmed_at IS NULL AND f.deadline < ?), 0) AS unconfirmed_passed, "
            "COALESCE(SUM(f.confirmed_at IS NULL AND f.deadline >= ?), 0) AS unconfirmed_open, "
            "COALESCE(SUM(t.special_request <> 0), 0) AS special, "
            "COALESCE(SUM(t.special_request <> 0 AND f.confirmed_at <= f.deadline), 0) "
            "AS special_on_time "
            "FROM tickets t JOIN ticket_forwards f ON f.ticket_id = t.id "
            "WHERE t.unit_id = ? AND f.forwarded_at >= ? AND f.forwarded_at < ? "
            "AND NOT EXISTS (SELECT 1 FROM ticket_forwards e WHERE e.ticket_id = f.ticket_id "
            "AND (e.forwarded_at < f.forwarded_at "
            "OR (e.forwarded_at = f.forwarded_at AND e.forward_id < f.forward_id)))");
        Binder b(select);
        for (int i = 0; i < 2; ++i) {
          b.String(unit_id);
          b.Time(from);
          b.Time(until);
        }
        b.Time(as_of);
        b.Time(as_of);
        b.String(unit_id);
        b.Time(from);
        b.Time(until);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        ForwardingCounts counts;
        if (!rs->next()) return counts;
        counts.recorded = rs->getInt64("recorded");
        counts.closed = rs->getInt64("closed");
        counts.forwarded = rs->getInt64("forwarded");
        counts.confirmed_on_time = rs->getInt64("on_time");
        counts.confirmed_late = rs->getInt64("late");
        counts.unconfirmed_deadline_passed = rs->getInt64("unconfirmed_passed");
        counts.unconfirmed_deadline_not_passed = rs->getInt64("unconfirmed_open");
        counts.special_requests = rs->getInt64("special");
        counts.special_requests_confirmed_on_time = rs->getInt64("special_on_time");
        return counts;
      });
}

}  // namespace cs::intake

#include "services/assessment/store/scorecard_store_mysql.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/status_macros.h"
#include "services/assessment/store/assessment_mysql_support.h"

namespace cs::assessment {
namespace {

using common::db::OptionalTimeColumn;
using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;
using mysql_internal::OptionalDoubleColumn;
using mysql_internal::OptionalIntColumn;

// A scorecard's key columns, as bound: month text, set, unit.
struct CardKey {
  std::string month;
  std::string set_name;
  std::string unit_id;
};

void BindKey(Binder& b, const CardKey& key) {
  b.String(key.month);
  b.String(key.set_name);
  b.String(key.unit_id);
}

constexpr absl::string_view kSelectCards =
    "SELECT month, set_name, unit_id, set_title, complete, total_hundredths, summary, summary_en, "
    "revision, feedback_text, feedback_by, feedback_at FROM scorecards";

constexpr absl::string_view kIndicatorColumns =
    "month, set_name, unit_id, position, indicator_id, name, name_en, clause, source, rule, "
    "weight, target_percent, deduction_percent_per_finding, input_present, input_indicator_id, "
    "input_numerator, input_denominator, input_findings, input_source, input_rpc, input_read_at, "
    "input_note, missing_present, missing_indicator_id, missing_source, missing_rpc, "
    "missing_tried_at, missing_error, figure_percent, nothing_to_count, points_hundredths, "
    "explanation, explanation_en";

constexpr absl::string_view kMissingColumns =
    "month, set_name, unit_id, position, indicator_id, name, name_en, source, error";

// The header of one row; indicators and missing are read apart.
StoredScorecard ReadHeader(sql::ResultSet& rs) {
  StoredScorecard stored;
  Scorecard& card = stored.scorecard;
  card.unit_id = StringColumn(rs, "unit_id");
  absl::CivilMonth month;
  if (!absl::ParseCivilTime(StringColumn(rs, "month"), &month)) {
    throw sql::SQLException("corrupt month in column month", "HY000", 0);
  }
  card.month = month;
  card.set_name = StringColumn(rs, "set_name");
  card.set_title = StringColumn(rs, "set_title");
  card.complete = rs.getBoolean("complete");
  card.total_hundredths = OptionalIntColumn(rs, "total_hundredths");
  card.summary = StringColumn(rs, "summary");
  card.summary_en = StringColumn(rs, "summary_en");
  stored.revision = rs.getInt64("revision");
  if (!rs.isNull("feedback_at")) {
    stored.feedback =
        ScorecardFeedback{StringColumn(rs, "feedback_text"), StringColumn(rs, "feedback_by"),
                          TimeColumn(rs, "feedback_at")};
  }
  return stored;
}

ScoredIndicator ReadIndicator(sql::ResultSet& rs) {
  ScoredIndicator s;
  s.indicator_id = StringColumn(rs, "indicator_id");
  s.name = StringColumn(rs, "name");
  s.name_en = StringColumn(rs, "name_en");
  s.clause = StringColumn(rs, "clause");
  s.source = StringColumn(rs, "source");
  s.rule = static_cast<ScoringRule>(rs.getInt("rule"));
  s.weight = rs.getInt("weight");
  s.target_percent = static_cast<double>(rs.getDouble("target_percent"));
  s.deduction_percent_per_finding =
      static_cast<double>(rs.getDouble("deduction_percent_per_finding"));
  if (rs.getBoolean("input_present")) {
    IndicatorInput in;
    in.indicator_id = StringColumn(rs, "input_indicator_id");
    in.numerator = static_cast<double>(rs.getDouble("input_numerator"));
    in.denominator = static_cast<double>(rs.getDouble("input_denominator"));
    in.findings = rs.getInt64("input_findings");
    in.source = StringColumn(rs, "input_source");
    in.rpc = StringColumn(rs, "input_rpc");
    in.read_at = OptionalTimeColumn(rs, "input_read_at").value_or(absl::UnixEpoch());
    in.note = StringColumn(rs, "input_note");
    s.input = std::move(in);
  }
  if (rs.getBoolean("missing_present")) {
    MissingInput m;
    m.indicator_id = StringColumn(rs, "missing_indicator_id");
    m.source = StringColumn(rs, "missing_source");
    m.rpc = StringColumn(rs, "missing_rpc");
    m.tried_at = OptionalTimeColumn(rs, "missing_tried_at").value_or(absl::UnixEpoch());
    m.error = StringColumn(rs, "missing_error");
    s.missing = std::move(m);
  }
  s.figure_percent = OptionalDoubleColumn(rs, "figure_percent");
  s.nothing_to_count = rs.getBoolean("nothing_to_count");
  s.points_hundredths = OptionalIntColumn(rs, "points_hundredths");
  s.explanation = StringColumn(rs, "explanation");
  s.explanation_en = StringColumn(rs, "explanation_en");
  return s;
}

// The scorecards `where` selects (bound by `bind`, the same for the child tables, whose columns
// are named alike), each whole, by unit id.
template <typename Bind>
std::vector<StoredScorecard> LoadCards(Transaction& tx, absl::string_view where, bool for_update,
                                       Bind bind) {
  std::vector<StoredScorecard> cards;
  std::map<std::string, size_t> index;  // by unit id (month and set are one per call)
  {
    sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(
        kSelectCards, " ", where, " ORDER BY unit_id", for_update ? " FOR UPDATE" : ""));
    bind(select);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    while (rs->next()) {
      cards.push_back(ReadHeader(*rs));
      index[cards.back().scorecard.unit_id] = cards.size() - 1;
    }
  }
  if (cards.empty()) return cards;
  {
    sql::PreparedStatement& select =
        tx.PrepareCached(absl::StrCat("SELECT ", kIndicatorColumns, " FROM scorecard_indicators ",
                                      where, " ORDER BY unit_id, position"));
    bind(select);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    while (rs->next()) {
      auto it = index.find(StringColumn(*rs, "unit_id"));
      if (it != index.end()) cards[it->second].scorecard.indicators.push_back(ReadIndicator(*rs));
    }
  }
  sql::PreparedStatement& select =
      tx.PrepareCached(absl::StrCat("SELECT ", kMissingColumns, " FROM scorecard_missing ", where,
                                    " ORDER BY unit_id, position"));
  bind(select);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  while (rs->next()) {
    auto it = index.find(StringColumn(*rs, "unit_id"));
    if (it == index.end()) continue;
    cards[it->second].scorecard.missing.push_back(
        {StringColumn(*rs, "indicator_id"), StringColumn(*rs, "name"), StringColumn(*rs, "name_en"),
         StringColumn(*rs, "source"), StringColumn(*rs, "error")});
  }
  return cards;
}

absl::optional<StoredScorecard> LoadCard(Transaction& tx, const CardKey& key, bool for_update) {
  std::vector<StoredScorecard> cards =
      LoadCards(tx, "WHERE month = ? AND set_name = ? AND unit_id = ?", for_update,
                [&key](sql::PreparedStatement& s) {
                  Binder b(s);
                  BindKey(b, key);
                });
  if (cards.empty()) return absl::nullopt;
  return std::move(cards.front());
}

// Writes the scorecard's indicators and missing indicators (none may be stored for its key).
void InsertChildren(Transaction& tx, const CardKey& key, const Scorecard& card) {
  sql::PreparedStatement& indicator = tx.PrepareCached(
      absl::StrCat("INSERT INTO scorecard_indicators (", kIndicatorColumns, ") VALUES ",
                   common::db::Placeholders(common::db::ColumnCount(kIndicatorColumns))));
  for (size_t i = 0; i < card.indicators.size(); ++i) {
    const ScoredIndicator& s = card.indicators[i];
    Binder b(indicator);
    BindKey(b, key);
    b.Int(static_cast<int64_t>(i));
    b.String(s.indicator_id);
    b.String(s.name);
    b.String(s.name_en);
    b.String(s.clause);
    b.String(s.source);
    b.Int(static_cast<int>(s.rule));
    b.Int(s.weight);
    b.Double(s.target_percent);
    b.Double(s.deduction_percent_per_finding);
    const IndicatorInput in = s.input.value_or(IndicatorInput{});
    b.Bool(s.input.has_value());
    b.String(in.indicator_id);
    b.Double(in.numerator);
    b.Double(in.denominator);
    b.Int(in.findings);
    b.String(in.source);
    b.String(in.rpc);
    b.OptionalTime(s.input.has_value() ? absl::optional<absl::Time>(in.read_at) : absl::nullopt);
    b.String(in.note);
    const MissingInput m = s.missing.value_or(MissingInput{});
    b.Bool(s.missing.has_value());
    b.String(m.indicator_id);
    b.String(m.source);
    b.String(m.rpc);
    b.OptionalTime(s.missing.has_value() ? absl::optional<absl::Time>(m.tried_at) : absl::nullopt);
    b.String(m.error);
    b.OptionalDouble(s.figure_percent);
    b.Bool(s.nothing_to_count);
    b.OptionalInt(s.points_hundredths);
    b.String(s.explanation);
    b.String(s.explanation_en);
    indicator.executeUpdate();
  }
  sql::PreparedStatement& missing = tx.PrepareCached(
      absl::StrCat("INSERT INTO scorecard_missing (", kMissingColumns, ") VALUES ",
                   common::db::Placeholders(common::db::ColumnCount(kMissingColumns))));
  for (size_t i = 0; i < card.missing.size(); ++i) {
    const MissingIndicator& m = card.missing[i];
    Binder b(missing);
    BindKey(b, key);
    b.Int(static_cast<int64_t>(i));
    b.String(m.indicator_id);
    b.String(m.name);
    b.String(m.name_en);
    b.String(m.source);
    b.String(m.error);
    missing.executeUpdate();
  }
}

void DeleteChildren(Transaction& tx, const CardKey& key) {
  for (absl::string_view table : {"scorecard_indicators", "scorecard_missing"}) {
    sql::PreparedStatement& del = tx.PrepareCached(
        absl::StrCat("DELETE FROM ", table, " WHERE month = ? AND set_name = ? AND unit_id = ?"));
    Binder b(del);
    BindKey(b, key);
    del.executeUpdate();
  }
}

// The shape of every keyed write of the scorecard of (unit, month, set), in one transaction on
// `pool`: checks the key, unit and set; claims the key, replaying a repeat (INVALID_ARGUMENT naming
// request_id when it was answered for another scorecard); else `write` gets the stored scorecard
// under its lock (nullopt when none) and returns what it stored, and the key's response is
// recorded.
absl::StatusOr<ScorecardResult> KeyedWrite(
    common::db::ConnectionPool& pool, absl::Time now, absl::string_view scope,
    const RequestKey& key, const std::string& unit_id, absl::CivilMonth month,
    const std::string& set_name,
    const std::function<absl::StatusOr<StoredScorecard>(Transaction&, const CardKey&,
                                                        absl::optional<StoredScorecard>)>& write) {
  RETURN_IF_ERROR(CheckScorecardKey(key, unit_id, set_name));
  const std::string response = ScorecardResponse(unit_id, month, set_name);
  const CardKey card{MonthText(month), set_name, unit_id};
  return common::db::RunInTransaction(
      pool, [&](Transaction& tx) -> absl::StatusOr<ScorecardResult> {
        ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                         common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint, now));
        if (replay.has_value()) {
          if (*replay != response) return RequestIdForAnother("scorecard");
          absl::optional<StoredScorecard> current = LoadCard(tx, card, false);
          if (!current.has_value()) return absl::InternalError("the replayed scorecard is missing");
          return ScorecardResult{*std::move(current), true};
        }
        ASSIGN_OR_RETURN(StoredScorecard stored,
                         write(tx, card, LoadCard(tx, card, /*for_update=*/true)));
        tx.NoteChange(absl::StrCat("scorecard ", card.unit_id, " ", card.month, " ", card.set_name,
                                   " r", stored.revision));
        RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, key.request_id, response));
        return ScorecardResult{std::move(stored), false};
      });
}

}  // namespace

absl::StatusOr<ScorecardResult> MySqlScorecardStore::Save(const Scorecard& scorecard,
                                                          const RequestKey& key) {
  return KeyedWrite(
      pool_, clock_.Now(), kSaveScorecardScope, key, scorecard.unit_id, scorecard.month,
      scorecard.set_name,
      [&](Transaction& tx, const CardKey& card,
          absl::optional<StoredScorecard> loaded) -> absl::StatusOr<StoredScorecard> {
        if (loaded.has_value()) return ScorecardStoredAlready(scorecard);
        sql::PreparedStatement& insert = tx.PrepareCached(
            "INSERT INTO scorecards (month, set_name, unit_id, set_title, complete, "
            "total_hundredths, summary, summary_en, revision, feedback_text, feedback_by, "
            "feedback_at) VALUES (?,?,?,?,?,?,?,?,1,NULL,NULL,NULL)");
        Binder b(insert);
        BindKey(b, card);
        b.String(scorecard.set_title);
        b.Bool(scorecard.complete);
        b.OptionalInt(scorecard.total_hundredths);
        b.String(scorecard.summary);
        b.String(scorecard.summary_en);
        try {
          insert.executeUpdate();
        } catch (const sql::SQLException& e) {
          // Two first computations at once: the second fails on the primary key; the same rule.
          if (e.getErrorCode() != mysql_internal::kDuplicateKey) throw;
          return ScorecardStoredAlready(scorecard);
        }
        InsertChildren(tx, card, scorecard);
        return StoredScorecard{scorecard, 1, absl::nullopt};
      });
}

absl::StatusOr<absl::optional<StoredScorecard>> MySqlScorecardStore::Get(
    const std::string& unit_id, absl::CivilMonth month, const std::string& set_name) {
  const CardKey card{MonthText(month), set_name, unit_id};
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<absl::optional<StoredScorecard>> {
        return LoadCard(tx, card, false);
      });
}

absl::StatusOr<std::vector<StoredScorecard>> MySqlScorecardStore::ListForMonth(
    absl::CivilMonth month, const std::string& set_name) {
  const std::string month_text = MonthText(month);
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<StoredScorecard>> {
        return LoadCards(tx, "WHERE month = ? AND set_name = ?", false,
                         [&](sql::PreparedStatement& s) {
                           Binder b(s);
                           b.String(month_text);
                           b.String(set_name);
                         });
      });
}

absl::StatusOr<ScorecardResult> MySqlScorecardStore::Replace(const Scorecard& scorecard,
                                                             const RequestKey& key) {
  return KeyedWrite(
      pool_, clock_.Now(), kReplaceScorecardScope, key, scorecard.unit_id, scorecard.month,
      scorecard.set_name,
      [&](Transaction& tx, const CardKey& card,
          absl::optional<StoredScorecard> loaded) -> absl::StatusOr<StoredScorecard> {
        if (!loaded.has_value()) {
          return NoScorecard(scorecard.unit_id, scorecard.month, scorecard.set_name);
        }
        sql::PreparedStatement& update = tx.PrepareCached(
            "UPDATE scorecards SET set_title = ?, complete = ?, total_hundredths = ?, "
            "summary = ?, summary_en = ?, revision = ? "
            "WHERE month = ? AND set_name = ? AND unit_id = ?");
        Binder b(update);
        b.String(scorecard.set_title);
        b.Bool(scorecard.complete);
        b.OptionalInt(scorecard.total_hundredths);
        b.String(scorecard.summary);
        b.String(scorecard.summary_en);
        b.Int(loaded->revision + 1);
        BindKey(b, card);
        update.executeUpdate();
        DeleteChildren(tx, card);
        InsertChildren(tx, card, scorecard);
        return StoredScorecard{scorecard, loaded->revision + 1, std::move(loaded->feedback)};
      });
}

absl::StatusOr<ScorecardResult> MySqlScorecardStore::RecordFeedback(
    const std::string& unit_id, absl::CivilMonth month, const std::string& set_name,
    const std::string& feedback, const std::string& by, absl::Time at, const RequestKey& key) {
  return KeyedWrite(
      pool_, clock_.Now(), kScorecardFeedbackScope, key, unit_id, month, set_name,
      [&](Transaction& tx, const CardKey& card,
          absl::optional<StoredScorecard> loaded) -> absl::StatusOr<StoredScorecard> {
        if (!loaded.has_value()) return NoScorecard(unit_id, month, set_name);
        sql::PreparedStatement& update = tx.PrepareCached(
            "UPDATE scorecards SET feedback_text = ?, feedback_by = ?, feedback_at = ? "
            "WHERE month = ? AND set_name = ? AND unit_id = ?");
        Binder b(update);
        b.String(feedback);
        b.String(by);
        b.Time(at);
        BindKey(b, card);
        update.executeUpdate();
        loaded->feedback = ScorecardFeedback{feedback, by, at};
        return *std::move(loaded);
      });
}

}  // namespace cs::assessment

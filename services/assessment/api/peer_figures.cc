#include "services/assessment/api/peer_figures.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"
#include "common/time/report_month.h"

namespace cs::assessment {
namespace {

using ::cs::common::QuotedValue;

// A peer's instant in a note: seconds, UTC.
std::string NoteTime(const google::protobuf::Timestamp& timestamp) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(timestamp.seconds()),
                          absl::UTCTimeZone());
}

IndicatorInput PercentInput(const IndicatorDefinition& indicator, absl::string_view rpc,
                            int64_t numerator, int64_t denominator, absl::Time read_at,
                            std::string note) {
  IndicatorInput input;
  input.indicator_id = indicator.id;
  input.numerator = static_cast<double>(numerator);
  input.denominator = static_cast<double>(denominator);
  input.source = std::string(SourceService(indicator.source));
  input.rpc = std::string(rpc);
  input.read_at = read_at;
  input.note = std::move(note);
  return input;
}

absl::Status WrongSource(const IndicatorDefinition& indicator, absl::string_view rpc) {
  return common::InvalidField("source", absl::StrCat("indicator ", QuotedValue(indicator.id),
                                                     " is of ", SourceService(indicator.source),
                                                     "; ", rpc, " carries no figure of it"));
}

absl::Status Inconsistent(absl::string_view service, absl::string_view what) {
  return absl::InternalError(absl::StrCat(service, " answered inconsistent figures: ", what));
}

// The answer must be about the unit and month asked for.
absl::Status CheckAbout(absl::string_view service, absl::string_view answered_unit,
                        absl::string_view answered_month, absl::string_view unit_id,
                        absl::CivilMonth month) {
  const std::string asked_month = common::FormatMonth(month);
  if (answered_unit == unit_id && answered_month == asked_month) return absl::OkStatus();
  return absl::InternalError(
      absl::StrCat(service, " answered about unit ", QuotedValue(answered_unit), " and month ",
                   QuotedValue(answered_month), ", not unit ", QuotedValue(unit_id), " and month ",
                   QuotedValue(asked_month)));
}

// OK when no count is negative.
template <typename... Counts>
absl::Status CheckNotNegative(absl::string_view service, Counts... counts) {
  if (((counts < 0) || ...)) return Inconsistent(service, "a negative count");
  return absl::OkStatus();
}

std::string Plural(int64_t count, absl::string_view one, absl::string_view many) {
  return absl::StrCat(count, " ", count == 1 ? one : many);
}

}  // namespace

absl::string_view PeerRpcOf(IndicatorSource source) {
  switch (source) {
    case IndicatorSource::kIntakeForwardingOnTime:
      return kIntakeForwardingStatisticsRpc;
    case IndicatorSource::kRoutingDispatchOnTime:
      return kRoutingMonthlyStatisticsRpc;
    case IndicatorSource::kArchiveMonthlyReportOnTime:
      return kArchiveMonthlyReportsRpc;
    case IndicatorSource::kArchiveCompleteness:
      return kArchiveCompletenessRpc;
    case IndicatorSource::kHotlineConnectionRate:
    case IndicatorSource::kHotlinePhraseUse:
    case IndicatorSource::kHotlineReportOnTime:
      return kHotlineMonthlyStatisticsRpc;
    case IndicatorSource::kChannelFilingsAccurate:
    case IndicatorSource::kChannelChecksOnSchedule:
    case IndicatorSource::kChannelFaultsRepairedInTime:
    case IndicatorSource::kChannelReportOnTime:
      return kChannelMonthlyStatisticsRpc;
    case IndicatorSource::kRectificationOnTime:
    case IndicatorSource::kMaintenanceNoticeOnTime:
    case IndicatorSource::kLaunchReviewed:
    case IndicatorSource::kSatisfaction:
    case IndicatorSource::kSpecialTasksOnTime:
    case IndicatorSource::kPartnerFindings:
      return "";
  }
  return "";
}

std::string PeerErrorText(const absl::Status& status) {
  const std::string code = absl::StatusCodeToString(status.code());
  if (status.message().empty()) return code;
  return absl::StrCat(code, ": ", status.message());
}

MissingInput MissingPeerInput(const IndicatorDefinition& indicator, absl::string_view rpc,
                              absl::Time tried_at, const absl::Status& error) {
  MissingInput missing;
  missing.indicator_id = indicator.id;
  missing.source = std::string(SourceService(indicator.source));
  missing.rpc = std::string(rpc);
  missing.tried_at = tried_at;
  missing.error = PeerErrorText(error);
  return missing;
}

absl::StatusOr<IndicatorInput> InputFromForwardingStatistics(
    const IndicatorDefinition& indicator, absl::string_view unit_id, absl::CivilMonth month,
    const cs::intake::v1::MonthlyForwardingStatistics& answer, absl::Time read_at) {
  if (indicator.source != IndicatorSource::kIntakeForwardingOnTime) {
    return WrongSource(indicator, kIntakeForwardingStatisticsRpc);
  }
  constexpr absl::string_view kService = kSourceIntake;
  if (absl::Status about = CheckAbout(kService, answer.unit_id(), answer.month(), unit_id, month);
      !about.ok()) {
    return about;
  }
  const int64_t on_time = answer.confirmed_on_time();
  const int64_t late = answer.confirmed_late();
  const int64_t passed = answer.unconfirmed_deadline_passed();
  const int64_t pending = answer.unconfirmed_deadline_not_passed();
  if (absl::Status counts =
          CheckNotNegative(kService, answer.forwarded(), on_time, late, passed, pending,
                           answer.special_requests(), answer.special_requests_confirmed_on_time());
      !counts.ok()) {
    return counts;
  }
  if (on_time + late + passed + pending != answer.forwarded()) {
    return Inconsistent(kService, "forwarded is not the sum of its confirmed and unconfirmed");
  }
  if (answer.special_requests_confirmed_on_time() > answer.special_requests() ||
      answer.special_requests() > answer.forwarded()) {
    return Inconsistent(kService, "special requests exceed their whole");
  }
  const int64_t judged = on_time + late + passed;
  std::string note =
      absl::StrCat(on_time, " of ", judged, " first forwards confirmed within their deadline (",
                   late, " confirmed late, ", passed, " unconfirmed past it)");
  if (pending > 0) {
    absl::StrAppend(&note, "; ", Plural(pending, "forward", "forwards"),
                    " still within the deadline not counted");
  }
  if (answer.has_as_of()) absl::StrAppend(&note, "; as of ", NoteTime(answer.as_of()));
  return PercentInput(indicator, kIntakeForwardingStatisticsRpc, on_time, judged, read_at,
                      std::move(note));
}

absl::StatusOr<IndicatorInput> InputFromRoutingStatistics(
    const IndicatorDefinition& indicator, absl::string_view unit_id, absl::CivilMonth month,
    const cs::routing::v1::MonthlyStatistics& answer, absl::Time read_at) {
  if (indicator.source != IndicatorSource::kRoutingDispatchOnTime) {
    return WrongSource(indicator, kRoutingMonthlyStatisticsRpc);
  }
  constexpr absl::string_view kService = kSourceRouting;
  // The month first: an answer with no entry says nothing else about itself.
  if (absl::Status about = CheckAbout(kService, unit_id, answer.month(), unit_id, month);
      !about.ok()) {
    return about;
  }
  const cs::routing::v1::UnitMonthlyStatistics* entry = nullptr;
  for (const cs::routing::v1::UnitMonthlyStatistics& unit : answer.units()) {
    if (absl::Status about = CheckAbout(kService, unit.unit_id(), answer.month(), unit_id, month);
        !about.ok()) {
      return about;
    }
    if (entry != nullptr) return Inconsistent(kService, "the unit's entry twice");
    entry = &unit;
  }
  if (entry == nullptr) {
    return absl::InternalError(
        absl::StrCat(kService, " answered no entry for unit ", QuotedValue(unit_id)));
  }
  const int64_t dispatched = entry->dispatched();
  const int64_t on_time = entry->replied_on_time();
  const int64_t overdue = entry->overdue();
  if (absl::Status counts =
          CheckNotNegative(kService, dispatched, entry->replied(), on_time, overdue);
      !counts.ok()) {
    return counts;
  }
  if (on_time > entry->replied() || entry->replied() > dispatched ||
      on_time + overdue > dispatched) {
    return Inconsistent(kService, "replied on time and overdue exceed the orders dispatched");
  }
  const int64_t open_in_limit = dispatched - on_time - overdue;
  std::string note = absl::StrCat("snapshot: ", on_time, " of ", on_time + overdue,
                                  " judged orders replied within their limit (", overdue,
                                  " replied late or open past it)");
  if (open_in_limit > 0) {
    absl::StrAppend(&note, "; ", Plural(open_in_limit, "order", "orders"),
                    " still open within the limit not counted");
  }
  return PercentInput(indicator, kRoutingMonthlyStatisticsRpc, on_time, on_time + overdue, read_at,
                      std::move(note));
}

absl::StatusOr<IndicatorInput> InputFromMonthlyReports(
    const IndicatorDefinition& indicator, absl::string_view unit_id, absl::CivilMonth month,
    const cs::archive::v1::ListMonthlyReportsResponse& answer, absl::Time read_at) {
  if (indicator.source != IndicatorSource::kArchiveMonthlyReportOnTime) {
    return WrongSource(indicator, kArchiveMonthlyReportsRpc);
  }
  constexpr absl::string_view kService = kSourceArchive;
  const cs::archive::v1::MonthlyReportStatus* report = nullptr;
  for (const cs::archive::v1::MonthlyReportStatus& candidate : answer.reports()) {
    if (absl::Status about =
            CheckAbout(kService, candidate.unit_id(), candidate.month(), unit_id, month);
        !about.ok()) {
      return about;
    }
    if (report != nullptr) return Inconsistent(kService, "the unit's report twice");
    report = &candidate;
  }
  if (report == nullptr) {
    return absl::NotFoundError(absl::StrCat(kService, " lists no monthly report of unit ",
                                            QuotedValue(unit_id), " on ",
                                            common::FormatMonth(month)));
  }
  const std::string due = report->due().has_at() ? NoteTime(report->due().at()) : "unknown";
  if (report->submitted()) {
    const std::string at = NoteTime(report->submitted_at());
    if (report->on_time()) {
      return PercentInput(indicator, kArchiveMonthlyReportsRpc, 1, 1, read_at,
                          absl::StrCat("submitted on time at ", at, " (due ", due, ")"));
    }
    return PercentInput(indicator, kArchiveMonthlyReportsRpc, 0, 1, read_at,
                        absl::StrCat("submitted late at ", at, " (due ", due, ")"));
  }
  if (report->on_time()) return Inconsistent(kService, "a report on time but not submitted");
  if (report->overdue()) {
    return PercentInput(indicator, kArchiveMonthlyReportsRpc, 0, 1, read_at,
                        absl::StrCat("not submitted, due ", due));
  }
  return absl::FailedPreconditionError(
      absl::StrCat("the monthly report of unit ", QuotedValue(unit_id), " on ",
                   common::FormatMonth(month), " is not due until ", due, ": no figure yet"));
}

absl::StatusOr<IndicatorInput> InputFromArchiveCompleteness(
    const IndicatorDefinition& indicator, absl::string_view unit_id, absl::CivilMonth month,
    const cs::archive::v1::ArchiveCompleteness& answer,
    const cs::intake::v1::MonthlyForwardingStatistics& intake, absl::Time read_at) {
  if (indicator.source != IndicatorSource::kArchiveCompleteness) {
    return WrongSource(indicator, kArchiveCompletenessRpc);
  }
  if (absl::Status about =
          CheckAbout(kSourceArchive, answer.unit_id(), answer.month(), unit_id, month);
      !about.ok()) {
    return about;
  }
  if (absl::Status about =
          CheckAbout(kSourceIntake, intake.unit_id(), intake.month(), unit_id, month);
      !about.ok()) {
    return about;
  }
  const int64_t archived = answer.archived_closed_in_month();
  const int64_t closed = intake.closed();
  if (absl::Status counts =
          CheckNotNegative(kSourceArchive, archived, answer.missing_serials_total());
      !counts.ok()) {
    return counts;
  }
  if (absl::Status counts = CheckNotNegative(kSourceIntake, closed); !counts.ok()) return counts;
  std::string note =
      absl::StrCat(archived, " archived of ", closed, " tickets intake closed in the month");
  if (archived > closed) {
    absl::StrAppend(&note, " (more archived than intake counted: every closed ticket archived)");
  }
  if (answer.missing_serials_total() > 0) {
    absl::StrAppend(&note, "; ", Plural(answer.missing_serials_total(), "serial", "serials"),
                    " missing from the archive");
  }
  if (answer.has_as_of()) absl::StrAppend(&note, "; archive as of ", NoteTime(answer.as_of()));
  return PercentInput(indicator, kArchiveCompletenessRpc, std::min(archived, closed), closed,
                      read_at, std::move(note));
}

absl::StatusOr<IndicatorInput> InputFromHotlineStatistics(
    const IndicatorDefinition& indicator, absl::string_view unit_id, absl::CivilMonth month,
    const cs::hotline::v1::MonthlyStatistics& answer, absl::Time read_at) {
  constexpr absl::string_view kRpc = kHotlineMonthlyStatisticsRpc;
  constexpr absl::string_view kService = kSourceHotlineRegistry;
  if (SourceService(indicator.source) != kService) return WrongSource(indicator, kRpc);
  if (absl::Status about = CheckAbout(kService, answer.unit_id(), answer.month(), unit_id, month);
      !about.ok()) {
    return about;
  }
  int64_t offered = 0;
  int64_t answered = 0;
  int64_t scored = 0;
  int64_t every_phrase = 0;
  int64_t on_time = 0;
  int64_t overdue = 0;
  for (const cs::hotline::v1::HotlineMonth& hotline : answer.hotlines()) {
    const std::string named = absl::StrCat("hotline ", QuotedValue(hotline.hotline_id()));
    if (absl::Status counts =
            CheckNotNegative(kService, hotline.offered(), hotline.answered(),
                             hotline.calls_scored(), hotline.calls_using_every_phrase());
        !counts.ok()) {
      return counts;
    }
    if (hotline.answered() > hotline.offered()) {
      return Inconsistent(kService, absl::StrCat(named, " answered more calls than were offered"));
    }
    if (hotline.calls_using_every_phrase() > hotline.calls_scored()) {
      return Inconsistent(kService,
                          absl::StrCat(named, " has more calls using every phrase than scored"));
    }
    // The percent is the registry's ratio of the counts (100 with none scored): a percent the
    // counts do not give is a registry that sends no counts, or a wrong one. NaN fails the test.
    const double ratio = hotline.calls_scored() == 0
                             ? 100.0
                             : static_cast<double>(hotline.calls_using_every_phrase()) * 100.0 /
                                   static_cast<double>(hotline.calls_scored());
    if (!(std::abs(hotline.phrase_use_percent() - ratio) <= 1e-6)) {
      return Inconsistent(kService,
                          absl::StrCat(named, " has a phrase use of ", hotline.phrase_use_percent(),
                                       "% that is not ", hotline.calls_using_every_phrase(), " of ",
                                       hotline.calls_scored(), " scored calls"));
    }
    if (hotline.report_submitted_on_time() && hotline.report_overdue()) {
      return Inconsistent(kService, absl::StrCat(named, " has a report both on time and overdue"));
    }
    offered += hotline.offered();
    answered += hotline.answered();
    scored += hotline.calls_scored();
    every_phrase += hotline.calls_using_every_phrase();
    if (hotline.report_submitted_on_time()) ++on_time;
    if (hotline.report_overdue()) ++overdue;
  }
  const int64_t hotlines = answer.hotlines_size();
  switch (indicator.source) {
    case IndicatorSource::kHotlineConnectionRate:
      return PercentInput(
          indicator, kRpc, answered, offered, read_at,
          absl::StrCat(answered, " answered of ", offered, " calls offered within the hours, ",
                       Plural(hotlines, "hotline", "hotlines")));
    case IndicatorSource::kHotlinePhraseUse:
      return PercentInput(
          indicator, kRpc, every_phrase, scored, read_at,
          absl::StrCat(every_phrase, " of ", scored, " scored calls used every required phrase, ",
                       Plural(hotlines, "hotline", "hotlines")));
    case IndicatorSource::kHotlineReportOnTime:
      if (const int64_t not_due = hotlines - on_time - overdue; not_due > 0) {
        return absl::FailedPreconditionError(
            absl::StrCat("the monthly report of ", Plural(not_due, "hotline", "hotlines"),
                         " of unit ", QuotedValue(unit_id), " on ", common::FormatMonth(month),
                         " is neither submitted on time nor overdue (not due yet): no figure yet"));
      }
      return PercentInput(indicator, kRpc, on_time, hotlines, read_at,
                          absl::StrCat(on_time, " of ", Plural(hotlines, "hotline", "hotlines"),
                                       " active in the month reported on time (", overdue,
                                       " overdue: late or not submitted)"));
    default:
      return WrongSource(indicator, kRpc);
  }
}

absl::StatusOr<IndicatorInput> InputFromChannelStatistics(
    const IndicatorDefinition& indicator, absl::string_view unit_id, absl::CivilMonth month,
    const cs::channel::v1::MonthlyStatistics& answer, absl::Time read_at) {
  constexpr absl::string_view kRpc = kChannelMonthlyStatisticsRpc;
  constexpr absl::string_view kService = kSourceChannelRegistry;
  if (SourceService(indicator.source) != kService) return WrongSource(indicator, kRpc);
  if (absl::Status about = CheckAbout(kService, answer.unit_id(), answer.month(), unit_id, month);
      !about.ok()) {
    return about;
  }
  if (absl::Status counts =
          CheckNotNegative(kService, answer.channels_in_use(),
                           answer.filings_complete_and_accurate(), answer.unfiled_channels());
      !counts.ok()) {
    return counts;
  }
  if (answer.filings_complete_and_accurate() > answer.channels_in_use()) {
    return Inconsistent(kService, "more accurate filings than channels in use");
  }
  int64_t checks_made = 0;
  int64_t checks_missed = 0;
  int64_t repaired_in_time = 0;
  int64_t faults_overdue = 0;
  int64_t on_time = 0;
  int64_t overdue = 0;
  for (const cs::channel::v1::ChannelMonth& channel : answer.channels()) {
    const std::string named = absl::StrCat("channel ", QuotedValue(channel.channel_id()));
    if (absl::Status counts = CheckNotNegative(
            kService, channel.checks_made(), channel.checks_missed(), channel.faults_repaired(),
            channel.faults_repaired_in_time(), channel.faults_overdue());
        !counts.ok()) {
      return counts;
    }
    if (channel.faults_repaired_in_time() > channel.faults_repaired()) {
      return Inconsistent(kService,
                          absl::StrCat(named, " repaired more faults in time than in all"));
    }
    if (channel.report_submitted_on_time() && channel.report_overdue()) {
      return Inconsistent(kService, absl::StrCat(named, " has a report both on time and overdue"));
    }
    checks_made += channel.checks_made();
    checks_missed += channel.checks_missed();
    repaired_in_time += channel.faults_repaired_in_time();
    faults_overdue += channel.faults_overdue();
    if (channel.report_submitted_on_time()) ++on_time;
    if (channel.report_overdue()) ++overdue;
  }
  const int64_t channels = answer.channels_size();
  switch (indicator.source) {
    case IndicatorSource::kChannelFilingsAccurate: {
      const int64_t in_use = answer.channels_in_use() + answer.unfiled_channels();
      return PercentInput(indicator, kRpc, answer.filings_complete_and_accurate(), in_use, read_at,
                          absl::StrCat(answer.filings_complete_and_accurate(),
                                       " filed, acknowledged and without "
                                       "open finding of ",
                                       answer.channels_in_use(), " channels in use and ",
                                       answer.unfiled_channels(), " reported unfiled"));
    }
    case IndicatorSource::kChannelChecksOnSchedule:
      return PercentInput(indicator, kRpc, checks_made, checks_made + checks_missed, read_at,
                          absl::StrCat(checks_made, " checks made, ", checks_missed, " missed, ",
                                       Plural(channels, "channel", "channels")));
    case IndicatorSource::kChannelFaultsRepairedInTime:
      // Each fault judged once: in time in the month of its repair, overdue in the month of its
      // due time (cs.channel.v1.ChannelMonth.faults_overdue); faults_repaired also holds late
      // repairs judged in an earlier month, so it is no denominator.
      return PercentInput(indicator, kRpc, repaired_in_time, repaired_in_time + faults_overdue,
                          read_at,
                          absl::StrCat(repaired_in_time, " of ", repaired_in_time + faults_overdue,
                                       " judged faults repaired within their limit (",
                                       Plural(faults_overdue, "fault", "faults"),
                                       " due in the month not repaired by it)"));
    case IndicatorSource::kChannelReportOnTime:
      if (const int64_t not_due = channels - on_time - overdue; not_due > 0) {
        return absl::FailedPreconditionError(
            absl::StrCat("the monthly report of ", Plural(not_due, "channel", "channels"),
                         " of unit ", QuotedValue(unit_id), " on ", common::FormatMonth(month),
                         " is neither submitted on time nor overdue (not due yet): no figure yet"));
      }
      return PercentInput(
          indicator, kRpc, on_time, channels, read_at,
          absl::StrCat(on_time, " of ", Plural(channels, "channel", "channels"),
                       " in use reported on time (", overdue, " overdue: late or not submitted)"));
    default:
      return WrongSource(indicator, kRpc);
  }
}

}  // namespace cs::assessment

// How the answers of the five other services become the scorecard's inputs (SPEC S5, S6; M 7.17;
// issue 15): one pure function per answer kind, each turning the answer into the IndicatorInput of
// one indicator whose figure it carries, with the source service, the RPC and the instant read.
// GrpcPeerFigureReader (peer_figure_reader.h) makes the calls; nothing here opens a channel.
//
// What each figure counts (cs.config.v1.IndicatorSource says what it should count):
//   kIntakeForwardingOnTime       confirmed_on_time of the unit's tickets first forwarded in the
//                                 month whose confirmation deadline has passed (confirmed on time
//                                 + confirmed late + unconfirmed past the deadline); tickets still
//                                 within their deadline are not judged yet and only noted.
//   kRoutingDispatchOnTime        a snapshot (open orders move): replied_on_time of the orders
//                                 dispatched to the unit in the month that are judged — replied on
//                                 time + overdue (replied late or open past their limit); orders
//                                 still open within their limit are only noted.
//   kArchiveMonthlyReportOnTime   the unit's one report on the month: 1 of 1 submitted on time,
//                                 0 of 1 submitted late or overdue; not yet due is no figure.
//   kArchiveCompleteness          the archive's records of the unit's tickets closed in the month
//                                 (GetArchiveCompleteness.archived_closed_in_month) of intake's
//                                 count of them (GetMonthlyForwardingStatistics.closed); more
//                                 archived than intake counts (a ticket closed between the reads)
//                                 is every closed ticket archived, and noted.
//   kHotlineConnectionRate        answered of offered calls, the unit's hotlines summed (A2 7.5).
//   kHotlinePhraseUse             calls that used every required phrase of the calls scored, the
//                                 unit's hotlines summed (A2 7.10.1); a hotline whose
//                                 phrase_use_percent is not its counts' ratio is inconsistent.
//   kHotlineReportOnTime          hotlines whose report on the month was submitted on time, of
//                                 the unit's hotlines active in the month (the others overdue:
//                                 late or not submitted); any report neither on time nor overdue
//                                 is not due yet: no figure, as for the archive's report.
//   kChannelFilingsAccurate       filings_complete_and_accurate of the channels in use, the unfiled
//                                 channels reported in the month counted as in use and not filed.
//   kChannelChecksOnSchedule      checks made of checks made + checks missed, channels summed.
//   kChannelFaultsRepairedInTime  faults repaired in time in the month of faults repaired in time
//                                 + faults_overdue (due in the month, not repaired by then:
//                                 repaired late or still open), channels summed: each fault judged
//                                 once, a late repair not again in the month it comes.
//   kChannelReportOnTime          channels whose report on the month was submitted on time, of the
//                                 unit's channels in use in the month (the others overdue); any
//                                 report neither on time nor overdue is not due yet: no figure.
// Nothing to count is 0 of 0 (full weight, ScoringRule::kPercentOfTarget).
//
// An answer about another unit or month, or one whose counts contradict each other (negative, a
// part above its whole), is INTERNAL naming the service and what is wrong: the peer's fault, never
// a figure. Pure functions; thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_API_PEER_FIGURES_H_
#define CS_SERVICES_ASSESSMENT_API_PEER_FIGURES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "cs/archive/v1/archive.pb.h"
#include "cs/channel/v1/channel.pb.h"
#include "cs/hotline/v1/hotline.pb.h"
#include "cs/intake/v1/intake.pb.h"
#include "cs/routing/v1/routing.pb.h"
#include "services/assessment/domain/indicator_definitions.h"
#include "services/assessment/domain/scorecard.h"

namespace cs::assessment {

// The RPCs the figures come from, as gRPC names them on the wire ("/package.Service/Method"): what
// IndicatorInput::rpc and MissingInput::rpc hold.
inline constexpr absl::string_view kIntakeForwardingStatisticsRpc =
    "/cs.intake.v1.IntakeService/GetMonthlyForwardingStatistics";
inline constexpr absl::string_view kRoutingMonthlyStatisticsRpc =
    "/cs.routing.v1.RoutingService/GetMonthlyStatistics";
inline constexpr absl::string_view kArchiveMonthlyReportsRpc =
    "/cs.archive.v1.ArchiveService/ListMonthlyReports";
inline constexpr absl::string_view kArchiveCompletenessRpc =
    "/cs.archive.v1.ArchiveService/GetArchiveCompleteness";
inline constexpr absl::string_view kHotlineMonthlyStatisticsRpc =
    "/cs.hotline.v1.HotlineRegistryService/GetMonthlyStatistics";
inline constexpr absl::string_view kChannelMonthlyStatisticsRpc =
    "/cs.channel.v1.ChannelRegistryService/GetMonthlyStatistics";

// The RPC whose answer carries `source`'s figure (for kArchiveCompleteness the archive's; it also
// needs intake's kIntakeForwardingStatisticsRpc). Empty for the assessment's own sources.
absl::string_view PeerRpcOf(IndicatorSource source);

// A failed call as MissingInput::error shows it: "CODE: message", e.g.
// "UNAVAILABLE: failed to connect to all addresses" ("CODE" alone when there is no message).
std::string PeerErrorText(const absl::Status& status);

// `indicator` missing because `rpc` failed with `error` (not OK) at `tried_at`.
MissingInput MissingPeerInput(const IndicatorDefinition& indicator, absl::string_view rpc,
                              absl::Time tried_at, const absl::Status& error);

// Each function below gives the input of `indicator` for `unit_id`'s `month` from one answer read
// at `read_at`. INVALID_ARGUMENT naming "source" when the answer does not carry `indicator`'s
// source; INTERNAL when the answer is about another unit or month or is inconsistent.

// kIntakeForwardingOnTime.
absl::StatusOr<IndicatorInput> InputFromForwardingStatistics(
    const IndicatorDefinition& indicator, absl::string_view unit_id, absl::CivilMonth month,
    const cs::intake::v1::MonthlyForwardingStatistics& answer, absl::Time read_at);

// kRoutingDispatchOnTime, from an answer asked for `unit_id` alone: it must hold exactly that
// unit's entry.
absl::StatusOr<IndicatorInput> InputFromRoutingStatistics(
    const IndicatorDefinition& indicator, absl::string_view unit_id, absl::CivilMonth month,
    const cs::routing::v1::MonthlyStatistics& answer, absl::Time read_at);

// kArchiveMonthlyReportOnTime, from an answer asked for `unit_id` alone. NOT_FOUND when it lists no
// report of the unit (the archive does not count it as a reporting unit); FAILED_PRECONDITION when
// the report is neither submitted nor overdue (not yet due: no figure yet).
absl::StatusOr<IndicatorInput> InputFromMonthlyReports(
    const IndicatorDefinition& indicator, absl::string_view unit_id, absl::CivilMonth month,
    const cs::archive::v1::ListMonthlyReportsResponse& answer, absl::Time read_at);

// kArchiveCompleteness, from the archive's answer and intake's (for the tickets closed in the
// month). read_at is the archive's.
absl::StatusOr<IndicatorInput> InputFromArchiveCompleteness(
    const IndicatorDefinition& indicator, absl::string_view unit_id, absl::CivilMonth month,
    const cs::archive::v1::ArchiveCompleteness& answer,
    const cs::intake::v1::MonthlyForwardingStatistics& intake, absl::Time read_at);

// kHotlineConnectionRate, kHotlinePhraseUse or kHotlineReportOnTime. FAILED_PRECONDITION for
// kHotlineReportOnTime when a hotline's report is not due yet.
absl::StatusOr<IndicatorInput> InputFromHotlineStatistics(
    const IndicatorDefinition& indicator, absl::string_view unit_id, absl::CivilMonth month,
    const cs::hotline::v1::MonthlyStatistics& answer, absl::Time read_at);

// kChannelFilingsAccurate, kChannelChecksOnSchedule, kChannelFaultsRepairedInTime or
// kChannelReportOnTime. FAILED_PRECONDITION for kChannelReportOnTime when a channel's report is
// not due yet.
absl::StatusOr<IndicatorInput> InputFromChannelStatistics(
    const IndicatorDefinition& indicator, absl::string_view unit_id, absl::CivilMonth month,
    const cs::channel::v1::MonthlyStatistics& answer, absl::Time read_at);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_API_PEER_FIGURES_H_

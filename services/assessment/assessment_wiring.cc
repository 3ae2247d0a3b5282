#include "services/assessment/assessment_wiring.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/config/sla_targets_file.h"
#include "common/config/units_file.h"
#include "common/db/common_schema.h"
#include "common/db/connection_pool.h"
#include "common/server/background_work.h"
#include "common/server/service_database.h"
#include "common/status/status_macros.h"
#include "common/time/period_config.h"
#include "services/assessment/api/assessment_grpc_service.h"
#include "services/assessment/api/assessment_metrics.h"
#include "services/assessment/api/peer_figure_reader.h"
#include "services/assessment/config/indicator_definitions_from_proto.h"
#include "services/assessment/config/indicators_file.h"
#include "services/assessment/core/notice_core.h"
#include "services/assessment/core/record_core.h"
#include "services/assessment/core/scorecard_core.h"
#include "services/assessment/store/assessment_notice_migrations.h"
#include "services/assessment/store/assessment_notice_stores_mysql.h"
#include "services/assessment/store/assessment_record_stores_mysql.h"

namespace cs::assessment {
namespace {

absl::Status ValidateOptions(const AssessmentWiringOptions& options) {
  common::FieldViolations violations;
  if (options.sweep_interval <= absl::ZeroDuration()) {
    violations.Add("sweep_interval", "must be positive");
  }
  if (options.peer_deadline <= absl::ZeroDuration()) {
    violations.Add("peer_deadline", "must be positive");
  }
  if (options.notice_reopen_working_days < 1) {
    violations.Add("notice_reopen_working_days", "must be 1 or more");
  }
  return violations.ToStatus("invalid flags");
}

// Both runs of the sweep, the second even when the first failed: a database error on the notices
// must not keep the month's scorecards from being computed.
absl::Status SweepBoth(NoticeCore& notices, ScorecardCore& scorecards) {
  const absl::Status deemed = notices.Sweep();
  const absl::Status scored = scorecards.Sweep();
  return deemed.ok() ? scored : deemed;
}

}  // namespace

common::WireFunction AssessmentWiring(AssessmentWiringOptions options) {
  return [options = std::move(options)](common::ServiceEnvironment& env) -> absl::Status {
    RETURN_IF_ERROR(ValidateOptions(options));
    // Data files: a bad one stops the start with its file, line and field.
    ASSIGN_OR_RETURN(common::UnitDirectory units_value,
                     common::config::LoadUnitDirectory(env.ConfigPath("units.textproto")));
    auto* units = env.Keep(std::make_unique<common::UnitDirectory>(std::move(units_value)));
    // The calendar in force, kept in step with its file while the process runs: reply deadlines,
    // deemed receipts and the month's last report due use it.
    ASSIGN_OR_RETURN(const common::CalendarHolder* calendars, env.Calendars());
    ASSIGN_OR_RETURN(cs::config::v1::SlaTargets sla,
                     common::config::LoadSlaTargets(env.ConfigPath("sla_targets.textproto")));
    ASSIGN_OR_RETURN(cs::config::v1::AssessmentIndicators indicator_file,
                     LoadAssessmentIndicators(env.ConfigPath("assessment_indicators.textproto")));
    ASSIGN_OR_RETURN(IndicatorDefinitions definitions_value,
                     IndicatorDefinitionsFromProto(indicator_file));
    auto* definitions =
        env.Keep(std::make_unique<IndicatorDefinitions>(std::move(definitions_value)));

    NoticeSettings notice_settings;
    ASSIGN_OR_RETURN(notice_settings.rectification, common::PeriodFromProto(sla.rectification()));
    ASSIGN_OR_RETURN(notice_settings.planned_work_notice,
                     common::PeriodFromProto(sla.planned_work_notice()));
    notice_settings.receipt_grace = options.notice_receipt_grace;
    notice_settings.reopen_period = {common::PeriodUnit::kWorkingDays,
                                     options.notice_reopen_working_days};
    RETURN_IF_ERROR(ValidateNoticeSettings(notice_settings));
    ScorecardSettings scorecard_settings;
    scorecard_settings.monthly_report_due_working_day = sla.monthly_report_due_working_day();
    RETURN_IF_ERROR(ValidateScorecardSettings(scorecard_settings));

    // The database: the schema (with --migration_user when given, which then grants the
    // service's account its rights: audit_log append-only), then the service's pool.
    ASSIGN_OR_RETURN(common::db::ConnectionPool * pool,
                     common::OpenServiceDatabase(
                         env, {&common::db::common_schema::Migrations(), &schema::Migrations()}));
    // Idempotency keys follow the real clock even on a test clock, as every service's do;
    // business times come from the cores' clock.
    auto* notice_stores =
        env.Keep(std::make_unique<MySqlAssessmentNoticeStores>(*pool, common::Clock::Real()));
    auto* record_stores =
        env.Keep(std::make_unique<MySqlAssessmentRecordStores>(*pool, common::Clock::Real()));

    ASSIGN_OR_RETURN(std::unique_ptr<AssessmentMetrics> metrics_value,
                     AssessmentMetrics::Create(env.metrics(), *units, *definitions));
    auto* metrics = env.Keep(std::move(metrics_value));
    PeerFigureReaderOptions reader_options;
    reader_options.deadline = options.peer_deadline;
    reader_options.service_token = options.service_token;
    auto* peers = env.Keep(std::make_unique<GrpcPeerFigureReader>(
        options.peers, env.options().peer_channels, std::move(reader_options), env.clock()));

    auto* notices = env.Keep(std::make_unique<NoticeCore>(
        notice_stores->stores(), record_stores->partners(), *units, *calendars,
        std::move(notice_settings), env.clock(), *metrics));
    auto* records = env.Keep(std::make_unique<RecordCore>(
        record_stores->stores(), *units, calendars->Get().current().time_zone(), env.clock()));
    auto* scorecards = env.Keep(std::make_unique<ScorecardCore>(
        notice_stores->stores(), record_stores->stores(), *definitions, *units, *calendars,
        scorecard_settings, env.clock(), *peers, *metrics));

    // No outbox: the sweep (worker assessment_sweep), and the housekeeping of the idempotency
    // keys.
    common::BackgroundWork background;
    background.service = "assessment";
    background.sweep = [notices, scorecards] { return SweepBoth(*notices, *scorecards); };
    background.sweep_interval = options.sweep_interval;
    RETURN_IF_ERROR(common::StartBackgroundWork(env, *pool, std::move(background)));
    env.AddService(std::make_unique<AssessmentGrpcService>(*notices, *records, *scorecards,
                                                           env.authenticator()));
    return absl::OkStatus();
  };
}

}  // namespace cs::assessment

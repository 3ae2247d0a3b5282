#include "tools/csctl/command_table.h"

namespace cs::tools::csctl {
namespace {

constexpr Target kIntake = Target::kIntake;
constexpr Target kRouting = Target::kRouting;
constexpr Target kHotline = Target::kHotlineRegistry;
constexpr Target kChannel = Target::kChannelRegistry;
constexpr Target kAssessment = Target::kAssessment;
constexpr Target kArchive = Target::kArchive;
constexpr Target kChosen = Target::kChosen;

constexpr char kIntakeService[] = "cs.intake.v1.IntakeService/";
constexpr char kRoutingService[] = "cs.routing.v1.RoutingService/";
constexpr char kHotlineService[] = "cs.hotline.v1.HotlineRegistryService/";
constexpr char kChannelService[] = "cs.channel.v1.ChannelRegistryService/";
constexpr char kAssessmentService[] = "cs.assessment.v1.AssessmentService/";
constexpr char kArchiveService[] = "cs.archive.v1.ArchiveService/";

CommandSpec Command(std::string group, std::string verb, Target target, std::string method,
                    std::vector<std::string> positionals, std::string summary,
                    std::vector<std::string> columns = {}, std::string raw_text_field = "") {
  CommandSpec spec;
  spec.group = std::move(group);
  spec.verb = std::move(verb);
  spec.target = target;
  spec.method = std::move(method);
  spec.positionals = std::move(positionals);
  spec.summary = std::move(summary);
  spec.columns = std::move(columns);
  spec.raw_text_field = std::move(raw_text_field);
  return spec;
}

std::vector<CommandSpec> BuildCommands() {
  const std::string in = kIntakeService;
  const std::string ro = kRoutingService;
  const std::string ho = kHotlineService;
  const std::string ch = kChannelService;
  const std::string as = kAssessmentService;
  const std::string ar = kArchiveService;
  const std::vector<std::string> ticket_columns = {"ticket_id",  "status",      "input.unit_id",
                                                   "input.kind", "received_at", "input.problem"};
  const std::vector<std::string> record_columns = {"record_id",  "ticket_id", "unit_id",
                                                   "kind",       "closed_at", "retain_until",
                                                   "legal_hold", "destroyed"};
  return {
      // --- intake (SPEC §1)
      Command("ticket", "create", kIntake, in + "CreateTicket", {},
              "record a ticket at your unit (I1, I3, I6, I7); set fields with --ticket.<field>"),
      Command("ticket", "get", kIntake, in + "GetTicket", {"ticket_id"}, "read one ticket"),
      Command("ticket", "list", kIntake, in + "ListTickets", {},
              "list tickets, newest first (filters: --unit_id, --status, --kind, …)",
              ticket_columns),
      Command("ticket", "update", kIntake, in + "UpdateTicket", {"ticket_id"},
              "change the fields named in --update_mask while RECORDED or RETURNED"),
      Command("ticket", "forward", kIntake, in + "ForwardTicket", {"ticket_id"},
              "forward to the designated unit (A5 6.2); refused naming missing elements (I2)"),
      Command("ticket", "close", kIntake, in + "CloseTicket", {"ticket_id"},
              "close after the reply, or answer a returned/incomplete ticket with --reply_text"),
      Command("ticket", "form", kIntake, in + "RenderTicketForm", {"ticket_id"},
              "the ticket as form F4 in plain text", {}, "text"),
      Command("ticket", "stats", kIntake, in + "GetMonthlyForwardingStatistics",
              {"unit_id", "month"}, "a unit's forwarding figures of a month YYYY-MM (I5)"),
      // --- routing (SPEC §2)
      Command(
          "route", "list", kRouting, ro + "ListRoutedTickets", {},
          "tickets received by the designated unit",
          {"routed_ticket_id", "status", "ticket.origin_unit_id", "received_at", "ticket.problem"}),
      Command("route", "get", kRouting, ro + "GetRoutedTicket", {"routed_ticket_id"},
              "one routed ticket, with the catalog's suggestion (R5)"),
      Command("route", "decide", kRouting, ro + "DecideTicket", {"routed_ticket_id"},
              "--decision=DIRECT_REPLY|INTERNAL_DISPATCH|ESCALATE_TO_TELECOM|RETURN (R1–R4)"),
      Command("route", "preview", kRouting, ro + "PreviewReply", {},
              "render an A6 reply format without storing it (R7)", {}, "text"),
      Command("route", "stats", kRouting, ro + "GetMonthlyStatistics", {"unit_id", "month"},
              "per unit: dispatched, replied, on time, overdue, returned (R6)"),
      Command("order", "list", kRouting, ro + "ListDispatchOrders", {},
              "dispatch orders (filters: --unit_id, --status, --open_only, --overdue_only)",
              {"order_id", "kind", "unit_id", "status", "deadline.at", "overdue", "ticket_id"}),
      Command("order", "get", kRouting, ro + "GetDispatchOrder", {"order_id"},
              "one dispatch order with its deadline"),
      Command("order", "accept", kRouting, ro + "AcceptDispatchOrder", {"order_id"},
              "take an order dispatched to your unit"),
      Command("order", "reply", kRouting, ro + "ReplyToDispatchOrder", {"order_id"},
              "send the handling result (--handling_result)"),
      Command("order", "ack-escalation", kRouting, ro + "AcknowledgeEscalation", {"order_id"},
              "the telecom company acknowledged an escalation (--telecom_reference)"),
      Command("delivery", "list", kRouting, ro + "ListDeliveries", {},
              "replies on their way to users",
              {"delivery_id", "ticket_id", "channel", "state", "created_at", "recipient"}),
      Command("delivery", "get", kRouting, ro + "GetDelivery", {"delivery_id"}, "one delivery"),
      // --- archive (SPEC §6): every read carries --reason and is access-logged (V3)
      Command("archive", "get", kArchive, ar + "GetRecord", {"record_id"},
              "read a record (--reason required, access-logged, V3)"),
      Command("archive", "search", kArchive, ar + "SearchRecords", {},
              "search records (--reason required; filters --unit_id, --closed_month, …)",
              record_columns),
      Command("archive", "form", kArchive, ar + "ExportRecordForm", {"record_id"},
              "a record as form F4 (--reason required, V6)", {}, "text"),
      Command("archive", "csv", kArchive, ar + "ExportMonthCsv", {"unit_id", "month"},
              "a unit's month as CSV (--reason required, V6)", {}, "csv"),
      Command("archive", "hold", kArchive, ar + "SetLegalHold", {"record_id"},
              "hold (--hold) or release (--hold=false) a record, with --reason"),
      Command("archive", "due", kArchive, ar + "ListDueForDestruction", {},
              "expired, unheld records (--reason required)", record_columns),
      Command("archive", "destroy", kArchive, ar + "DestroyRecord", {"record_id"},
              "destroy an expired record; a certificate remains (V4)"),
      Command("archive", "stats", kArchive, ar + "GetMonthlyStatistics", {"unit_id", "month"},
              "a unit's classified statistics of a month (V5)"),
      Command("archive", "report", kArchive, ar + "SubmitMonthlyReport", {"unit_id", "month"},
              "submit the month's statistics report with --analysis (V5)"),
      Command("archive", "reports", kArchive, ar + "ListMonthlyReports", {},
              "monthly reports and whether they were on time (V5)",
              {"unit_id", "month", "due", "submitted", "on_time", "overdue"}),
      Command("archive", "correct", kArchive, ar + "CorrectRecord", {"record_id"},
              "a correction as a new version (--request for the ticket, --reason)"),
      Command("archive", "access-log", kArchive, ar + "ListAccessLog", {},
              "the append-only access log (--reason required)",
              {"id", "at", "user", "action", "target", "outcome"}),
      Command("archive", "retention", kArchive, ar + "GetRetentionPolicy", {},
              "retention per unit (V2)"),
      Command("archive", "set-retention", kArchive, ar + "SetUnitRetention", {"unit_id"},
              "a unit's retention, never under 2 years (--retention.years=N, V2)"),
      Command("archive", "completeness", kArchive, ar + "GetArchiveCompleteness",
              {"unit_id", "month"}, "records archived of the tickets closed in a month (A1 7.4.2)"),
      // --- hotline registry (SPEC §3)
      Command("hotline", "register", kHotline, ho + "RegisterHotline", {},
              "file form F1 (H1); fields --form.<field>"),
      Command("hotline", "sign", kHotline, ho + "SignForm", {"hotline_id"},
              "the manager signs F1 (--form=REGISTRATION) or an F2 (--form=CHANGE --change_id)"),
      Command("hotline", "approve", kHotline, ho + "DecideRegistration", {"hotline_id"},
              "approve (--approve) or reject (--approve=false --reason) a registration"),
      Command("hotline", "get", kHotline, ho + "GetHotline", {"hotline_id"}, "one hotline"),
      Command("hotline", "list", kHotline, ho + "ListHotlines", {}, "hotlines",
              {"hotline_id", "unit_id", "state", "number", "service_hours"}),
      Command("hotline", "change", kHotline, ho + "FileChange", {"hotline_id"},
              "file change form F2 (H2, H3); fields --form.<field>"),
      Command("hotline", "decide-change", kHotline, ho + "DecideChange",
              {"hotline_id", "change_id"}, "agree (--approve) or disagree with a change"),
      Command("hotline", "transition", kHotline, ho + "ListNumberTransitions", {},
              "old numbers on a prompt or transfer (H3)",
              {"hotline_id", "unit_id", "old_number", "new_number", "kind", "ends_at"}),
      Command("hotline", "notice", kHotline, ho + "IssueNotice", {},
              "a department-wide number change or cancellation (H4)"),
      Command("hotline", "ingest", kHotline, ho + "IngestCallRecords", {},
              "call records (--request-file with repeated records {…}) (H6)"),
      Command("hotline", "report", kHotline, ho + "GetOperatingReport", {"hotline_id", "month"},
              "one hotline's month: connection rate, phrase use, due date (H6)"),
      Command("hotline", "submit-report", kHotline, ho + "SubmitOperatingReport",
              {"hotline_id", "month"}, "submit the operating report of a finished month"),
      Command("hotline", "staff", kHotline, ho + "ListStaff", {}, "a unit's hotline staff (H7)",
              {"staff_number", "name", "unit_id", "fully_trained"}),
      Command("hotline", "staff-add", kHotline, ho + "RegisterStaff", {},
              "register a staff member (--staff.staff_number, --staff.name)"),
      Command("hotline", "training", kHotline, ho + "RecordTraining", {"staff_number"},
              "record a training (--training.topic, H7)"),
      Command("hotline", "roster", kHotline, ho + "SetDutyRoster", {},
              "a day's shifts; untrained staff refused (H7)"),
      Command("hotline", "score", kHotline, ho + "ScoreCall", {"hotline_id", "call_id"},
              "score a transcript against A4's phrases (--request-file with turns, H8)"),
      Command("hotline", "mandarin", kHotline, ho + "RecordMandarinReview",
              {"hotline_id", "call_id"}, "a reviewer's mark on standard Mandarin (A2 7.9)"),
      Command("hotline", "form", kHotline, ho + "RenderRegistrationForm", {"hotline_id"},
              "form F1 as plain text", {}, "text"),
      Command("hotline", "change-form", kHotline, ho + "RenderChangeForm",
              {"hotline_id", "change_id"}, "form F2 as plain text", {}, "text"),
      Command("hotline", "stats", kHotline, ho + "GetMonthlyStatistics", {"unit_id", "month"},
              "a unit's hotline figures of a month"),
      // --- channel registry (SPEC §4)
      Command("channel", "file", kChannel, ch + "FileChannel", {},
              "file form F3 (C1); fields --form.<field>"),
      Command("channel", "ack", kChannel, ch + "AcknowledgeFiling", {"channel_id"},
              "报备 received: FILED → ACKNOWLEDGED"),
      Command("channel", "inaccurate", kChannel, ch + "MarkFilingInaccurate", {"channel_id"},
              "a finding on a filing (--finding)"),
      Command("channel", "correct", kChannel, ch + "CorrectFiling", {"channel_id"},
              "a new version of the whole form"),
      Command("channel", "retire", kChannel, ch + "RetireChannel", {"channel_id"},
              "the unit no longer runs it (--reason)"),
      Command("channel", "get", kChannel, ch + "GetChannel", {"channel_id"}, "one channel"),
      Command("channel", "list", kChannel, ch + "ListChannels", {}, "channels",
              {"channel_id", "unit_id", "state", "form.kind", "form.address", "next_check_due",
               "check_overdue"}),
      Command("channel", "unfiled", kChannel, ch + "ListUnfiledChannels", {},
              "channels found in use but not filed",
              {"report_id", "unit_id", "kind", "address", "reported_at", "filed_as_channel_id"}),
      Command("channel", "report-unfiled", kChannel, ch + "ReportUnfiledChannel", {},
              "report a channel in use but not filed (A3 7.7.1)"),
      Command("channel", "fault", kChannel, ch + "OpenFault", {"channel_id"},
              "open a fault (--description, C2)"),
      Command("channel", "repair", kChannel, ch + "CloseFault", {"fault_id"},
              "close a fault (--repaired_at, --repair_note)"),
      Command("channel", "faults", kChannel, ch + "ListFaults", {}, "faults",
              {"fault_id", "channel_id", "unit_id", "opened_at", "repair_due", "repaired_at",
               "overdue"}),
      Command("channel", "publication", kChannel, ch + "RecordPublication", {"channel_id"},
              "the items the channel publishes (C3, C4)"),
      Command("channel", "checklist", kChannel, ch + "GetPublicationChecklist", {"channel_id"},
              "what the channel still has to publish"),
      Command("channel", "check", kChannel, ch + "RecordCheck", {"channel_id"},
              "a check by assigned staff (--checked_by, --new_complaints, C5)"),
      Command("channel", "schedule", kChannel, ch + "GetCheckSchedule", {"channel_id"},
              "when the next checks are due (C5)"),
      Command("channel", "usage", kChannel, ch + "RecordUsageSample", {"channel_id"},
              "a mailbox usage sample (--sample.used, --sample.capacity, C6)"),
      Command("channel", "capacity", kChannel, ch + "GetCapacityForecast", {"channel_id"},
              "the mailbox's capacity forecast (C6)"),
      Command("channel", "assistance", kChannel, ch + "RequestCapacityAssistance", {"channel_id"},
              "the written request for the superiors' help (--text)"),
      Command("channel", "report", kChannel, ch + "GetMonthlyReport", {"channel_id", "month"},
              "the channel's month (C7)"),
      Command("channel", "submit-report", kChannel, ch + "SubmitMonthlyReport",
              {"channel_id", "month"}, "submit the channel's monthly report (C7)"),
      Command("channel", "form", kChannel, ch + "RenderFilingForm", {"channel_id"},
              "form F3 as plain text", {}, "text"),
      Command("channel", "stats", kChannel, ch + "GetMonthlyStatistics", {"unit_id", "month"},
              "a unit's channel figures of a month"),
      // --- assessment (SPEC §5)
      Command("notice", "issue", kAssessment, as + "IssueRectificationNotice", {"unit_id"},
              "a rectification notice to a unit (--finding, --clause, --evidence, S1)"),
      Command("notice", "ack", kAssessment, as + "AcknowledgeNotice", {"notice_id"},
              "the unit received the notice; the reply is due in 5 working days"),
      Command("notice", "reply", kAssessment, as + "ReplyToNotice", {"notice_id"},
              "the measures taken, signed by the unit's manager (--measures)"),
      Command("notice", "verify", kAssessment, as + "VerifyRectification", {"notice_id"},
              "passed (--passed) or failed and reopened (--passed=false --note)"),
      Command("notice", "get", kAssessment, as + "GetRectificationNotice", {"notice_id"},
              "one notice with its replies and verifications"),
      Command("notice", "list", kAssessment, as + "ListRectificationNotices", {},
              "notices (filters --unit_id, --state, --overdue_only)",
              {"notice_id", "unit_id", "state", "issued_at", "reply_due.at", "finding"}),
      Command("notice", "form", kAssessment, as + "RenderRectificationNotice", {"notice_id"},
              "the notice as plain text", {}, "text"),
      Command("notice", "raise", kAssessment, as + "RaiseNoticeFromFinding", {"source_id"},
              "a late maintenance notice (MN-…) or launch (LR-…) made a rectification notice"),
      Command("maintenance", "file", kAssessment, as + "FileMaintenanceNotice", {},
              "foreseeable work affecting users, ≥ 72 h ahead (--notice.<field>, S2)"),
      Command("maintenance", "approve", kAssessment, as + "RecordSuperiorApproval", {"notice_id"},
              "the superior's approval of work affecting important users (M 5.1.4)"),
      Command(
          "maintenance", "list", kAssessment, as + "ListMaintenanceNotices", {},
          "maintenance notices (--unit_id, --late_only)",
          {"notice_id", "unit_id", "kind", "starts_at", "users_notified_at", "late", "emergency"}),
      Command("launch", "submit", kAssessment, as + "SubmitLaunchReview", {},
              "a change of customer-facing content before launch (--review.<field>, S3)"),
      Command("launch", "accept", kAssessment, as + "AcceptLaunchReview", {"review_id"},
              "accepted by the CS center (--window_training_needed)"),
      Command("launch", "training", kAssessment, as + "RecordWindowTraining", {"review_id"},
              "the window training given (--done_at)"),
      Command("launch", "record", kAssessment, as + "RecordLaunch", {"review_id"},
              "the launch itself (--launched_at)"),
      Command("survey", "record", kAssessment, as + "RecordSurvey", {},
              "a satisfaction survey summary (--survey.<field>, S4)"),
      Command("survey", "list", kAssessment, as + "ListSurveys", {}, "survey summaries",
              {"survey_id", "unit_id", "method", "period", "sample_size", "score"}),
      Command("partner", "register", kAssessment, as + "RegisterPartner", {},
              "a partner or agent with its service standard (--partner.<field>, S7)"),
      Command("partner", "list", kAssessment, as + "ListPartners", {}, "partners and agents",
              {"partner_id", "unit_id", "name", "kind", "meets_company_standard", "active"}),
      Command("task", "assign", kAssessment, as + "AssignTask", {},
              "a special task with a due date (--task.<field>, M 7.15)"),
      Command("task", "complete", kAssessment, as + "CompleteTask", {"task_id"},
              "done, with --quality_ok"),
      Command("task", "attendance", kAssessment, as + "RecordAttendance", {},
              "attendance at case studies and training (--attendance.<field>, M 7.16)"),
      Command("scorecard", "", kAssessment, as + "GetScorecard", {"unit_id", "month"},
              "a unit's scorecard of a month: every indicator, its input and points (S5)"),
      Command("scorecard", "compute", kAssessment, as + "ComputeScorecard", {"unit_id", "month"},
              "compute (or recompute) a unit's scorecard once the month's reports are due"),
      Command("scorecard", "summary", kAssessment, as + "GetScorecardSummary", {"month"},
              "every unit's scorecard of the month (M 7.17.1)",
              {"unit_id", "complete", "total", "computed_at", "feedback_at"}),
      Command("scorecard", "feedback", kAssessment, as + "RecordFeedback", {"unit_id", "month"},
              "the office's feedback on a unit's scorecard (--feedback)"),
      // --- shared administration, served by several services (--service chooses)
      Command("calendar", "show", kChosen, "cs.common.v1.CalendarAdmin/GetCalendar", {},
              "the calendar a service computes deadlines with (--service, default intake)"),
      Command("calendar", "reload", kChosen, "cs.common.v1.CalendarAdmin/ReloadCalendar", {},
              "make a service read its calendar file now (--service)"),
      Command("outbox", "dead-letters", kChosen, "cs.common.v1.OutboxAdmin/ListDeadLetters", {},
              "messages the receiver refused for good (--service=intake|routing)",
              {"message_id", "destination", "kind", "attempts", "dead_lettered_at", "last_error"}),
      Command("outbox", "retry", kChosen, "cs.common.v1.OutboxAdmin/RetryDeadLetter",
              {"message_id"}, "send a dead letter again after the cause is fixed (--service)"),
  };
}

}  // namespace

absl::string_view TargetName(Target target) {
  switch (target) {
    case Target::kIntake:
      return "intake";
    case Target::kRouting:
      return "routing";
    case Target::kHotlineRegistry:
      return "hotline-registry";
    case Target::kChannelRegistry:
      return "channel-registry";
    case Target::kAssessment:
      return "assessment";
    case Target::kArchive:
      return "archive";
    case Target::kChosen:
      return "--service";
  }
  return "?";
}

absl::string_view DefaultAddress(Target target) {
  switch (target) {
    case Target::kIntake:
      return "localhost:50051";
    case Target::kRouting:
      return "localhost:50052";
    case Target::kHotlineRegistry:
      return "localhost:50053";
    case Target::kChannelRegistry:
      return "localhost:50054";
    case Target::kAssessment:
      return "localhost:50055";
    case Target::kArchive:
      return "localhost:50056";
    case Target::kChosen:
      return "";
  }
  return "";
}

const std::vector<Target>& AllServices() {
  static const auto* const kServices = new std::vector<Target>{
      Target::kIntake,          Target::kRouting,    Target::kHotlineRegistry,
      Target::kChannelRegistry, Target::kAssessment, Target::kArchive};
  return *kServices;
}

const std::vector<CommandSpec>& Commands() {
  static const auto* const kCommands = new std::vector<CommandSpec>(BuildCommands());
  return *kCommands;
}

const CommandSpec* FindCommand(absl::string_view group, absl::string_view verb) {
  for (const CommandSpec& command : Commands()) {
    if (command.group == group && command.verb == verb) return &command;
  }
  return nullptr;
}

bool IsGroup(absl::string_view group) {
  if (group == "health" || group == "calendar") return true;
  for (const CommandSpec& command : Commands()) {
    if (command.group == group) return true;
  }
  return false;
}

}  // namespace cs::tools::csctl

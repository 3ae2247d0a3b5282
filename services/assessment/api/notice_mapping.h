// Conversions between the wire types of cs.assessment.v1 for the notices (SPEC S1–S3, S7:
// RectificationNotice, MaintenanceNotice, LaunchReview and their requests) and the assessment
// service's domain values. Reading a request collects every value the wire cannot carry into the
// domain (a timestamp out of range, a partner id that is not "PA-<n>", an enum number the proto
// does not define in a filter, a required timestamp the domain has no name for) as
// INVALID_ARGUMENT naming each field with its request path ("notice.starts_at"); what the values
// mean is the core's and the domain's to judge, under the same paths. Writing copies every field
// the wire has. The request key of a call is common::RequestKeyOf. Pure functions;
// thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_API_NOTICE_MAPPING_H_
#define CS_SERVICES_ASSESSMENT_API_NOTICE_MAPPING_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "cs/assessment/v1/assessment.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/assessment/core/notice_core.h"
#include "services/assessment/domain/launch_review.h"
#include "services/assessment/domain/maintenance.h"
#include "services/assessment/domain/rectification.h"
#include "services/assessment/store/launch_review_store.h"
#include "services/assessment/store/maintenance_store.h"
#include "services/assessment/store/notice_store.h"

namespace cs::assessment {

// --- wire -> domain -----------------------------------------------------------------------------

// The draft of IssueRectificationNotice: unit, finding, clause, evidence as given; partner_id
// "PA-<n>" or empty (none). INVALID_ARGUMENT naming partner_id otherwise.
absl::StatusOr<NoticeDraft> FromProto(const v1::IssueRectificationNoticeRequest& request);

// The filter of ListRectificationNotices (paging is the caller's): unit as given, state a number
// of NoticeState (INVALID_ARGUMENT naming state otherwise), overdue_only.
absl::StatusOr<NoticeQuery> FromProto(const v1::ListRectificationNoticesRequest& request);

// What the unit files under "notice". The fields the service sets (notice_id, filed_at,
// filed_by, late, superior_approval, raised_notice_id) are ignored; an unset starts_at, ends_at or
// users_notified_at reaches the domain as unset, which names it ("notice.starts_at is required");
// one out of range is INVALID_ARGUMENT naming it here. Emergency work needs its emergency_reason
// (the domain names "notice.emergency_reason" when it is missing).
absl::StatusOr<MaintenanceForm> FromProto(const v1::FileMaintenanceNoticeRequest& request);

// The approval as recorded: reference and approved_by as given (empty approved_by: the core's
// kSuperiorAuthority); approved_at unset: the time of recording; out of range: INVALID_ARGUMENT
// naming approved_at.
absl::StatusOr<SuperiorApprovalInput> FromProto(const v1::RecordSuperiorApprovalRequest& request);

// The filter of ListMaintenanceNotices: unit as given, late_only.
MaintenanceFilter FromProto(const v1::ListMaintenanceNoticesRequest& request);

// The review under "review": unit, change, window_training_needed as given; planned_launch
// required (INVALID_ARGUMENT naming review.planned_launch when unset or out of range). The
// fields the service sets are ignored.
absl::StatusOr<LaunchReviewForm> FromProto(const v1::SubmitLaunchReviewRequest& request);

// The launch instant of RecordLaunch: nullopt when unset (now); INVALID_ARGUMENT naming
// launched_at when out of range.
absl::StatusOr<absl::optional<absl::Time>> LaunchedAtFromProto(
    const v1::RecordLaunchRequest& request);

NoticeState FromProto(v1::NoticeState state);
MaintenanceKind FromProto(v1::WorkKind kind);

// --- domain -> wire -----------------------------------------------------------------------------

v1::NoticeState ToProto(NoticeState state);
v1::WorkKind ToProto(MaintenanceKind kind);
// raised_from is the notice's source_id; partner_id "PA-<n>" when one is named.
v1::RectificationNotice ToProto(const RectificationNotice& notice);
// raised_notice_id "RN-<n>" once a notice was raised from the filing's finding.
v1::MaintenanceNotice ToProto(const MaintenanceRecord& record);
// finding: the launch was a finding (launch_finding set).
v1::LaunchReview ToProto(const LaunchReview& review);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_API_NOTICE_MAPPING_H_

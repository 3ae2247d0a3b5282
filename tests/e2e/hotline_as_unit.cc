#include "tests/e2e/hotline_as_unit.h"

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/grpc/client_auth.h"
#include "grpcpp/client_context.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {

using cs::hotline::v1::HotlineRegistryService;

cs::hotline::v1::RegistrationForm BroadbandHotlineForm(absl::string_view number,
                                                       absl::Time established_on) {
  cs::hotline::v1::RegistrationForm form;
  form.set_unit_id("broadband");
  form.set_number(std::string(number));
  form.mutable_service_hours()->set_around_the_clock(true);
  *form.mutable_established_on() = common::ToProtoTimestamp(established_on);
  form.set_audience("宽带用户");
  form.set_description("宽带故障报修与业务咨询");
  form.set_charges("免费");
  form.set_staffing("12 人, 两班");
  form.mutable_contact_a()->set_person("张三");
  form.mutable_contact_a()->set_phone("021-5888 0001");
  form.mutable_contact_b()->set_person("李四");
  form.mutable_contact_b()->set_phone("13800000002");
  form.set_handler("王五");
  return form;
}

namespace {

absl::Status Refused(absl::string_view step, const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(step, ": ", status.error_message()));
}

}  // namespace

absl::StatusOr<cs::hotline::v1::Hotline> RegisterApprovedHotline(
    HotlineRegistryService::Stub& stub, const cs::hotline::v1::RegistrationForm& form,
    absl::string_view request_id) {
  cs::hotline::v1::RegisterHotlineRequest registration;
  registration.set_request_id(std::string(request_id));
  *registration.mutable_form() = form;
  cs::hotline::v1::Hotline filed;
  if (grpc::Status status = CallAs(stub, &HotlineRegistryService::Stub::RegisterHotline,
                                   kBroadbandStaffToken, registration, &filed);
      !status.ok()) {
    return Refused("RegisterHotline", status);
  }
  cs::hotline::v1::SignFormRequest sign;
  sign.set_hotline_id(filed.hotline_id());
  sign.set_form(cs::hotline::v1::FORM_KIND_REGISTRATION);
  cs::hotline::v1::Hotline signed_hotline;
  if (grpc::Status status = CallAs(stub, &HotlineRegistryService::Stub::SignForm,
                                   kBroadbandManagerToken, sign, &signed_hotline);
      !status.ok()) {
    return Refused("SignForm", status);
  }
  cs::hotline::v1::DecideRegistrationRequest approve;
  approve.set_hotline_id(filed.hotline_id());
  approve.set_approve(true);
  cs::hotline::v1::Hotline approved;
  if (grpc::Status status = CallAs(stub, &HotlineRegistryService::Stub::DecideRegistration,
                                   kCsCenterToken, approve, &approved);
      !status.ok()) {
    return Refused("DecideRegistration", status);
  }
  return approved;
}

cs::hotline::v1::IngestCallRecordsRequest CallRecords(absl::string_view hotline_id,
                                                      absl::string_view call_id_prefix,
                                                      absl::Time first_offered_at,
                                                      absl::Duration spacing, int offered,
                                                      int answered) {
  cs::hotline::v1::IngestCallRecordsRequest records;
  for (int i = 0; i < offered; ++i) {
    cs::hotline::v1::CallRecord* record = records.add_records();
    record->set_hotline_id(std::string(hotline_id));
    record->set_call_id(absl::StrCat(call_id_prefix, i));
    *record->mutable_offered_at() = common::ToProtoTimestamp(first_offered_at + i * spacing);
    record->set_outcome(i < answered ? cs::hotline::v1::CALL_OUTCOME_ANSWERED
                                     : cs::hotline::v1::CALL_OUTCOME_ABANDONED);
  }
  return records;
}

absl::StatusOr<cs::hotline::v1::IngestCallRecordsResponse> StreamCallRecords(
    HotlineRegistryService::Stub& stub, const cs::hotline::v1::IngestCallRecordsRequest& records) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  common::AttachBearerToken(context, kBroadbandStaffToken);
  cs::hotline::v1::IngestCallRecordsResponse ingested;
  auto writer = stub.IngestCallRecords(&context, &ingested);
  const bool written = writer->Write(records);
  writer->WritesDone();
  const grpc::Status finished = writer->Finish();
  if (!finished.ok()) return Refused("IngestCallRecords", finished);
  if (!written) return absl::UnavailableError("IngestCallRecords: the stream closed early");
  return ingested;
}

}  // namespace cs::e2e

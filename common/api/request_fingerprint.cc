#include "common/api/request_fingerprint.h"

#include <memory>

#include "common/hash/sha256.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace cs::common {

std::string RequestFingerprint(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return Sha256Hex(bytes);
}

std::string FilterFingerprint(const google::protobuf::Message& request,
                              std::initializer_list<absl::string_view> also_ignore) {
  std::unique_ptr<google::protobuf::Message> filter_only(request.New());
  filter_only->CopyFrom(request);
  auto clear = [&](absl::string_view name) {
    if (const google::protobuf::FieldDescriptor* field =
            request.GetDescriptor()->FindFieldByName(std::string(name))) {
      filter_only->GetReflection()->ClearField(filter_only.get(), field);
    }
  };
  clear("page");
  for (absl::string_view name : also_ignore) clear(name);
  return RequestFingerprint(*filter_only);
}

db::RequestKey RequestKeyOf(const std::string& request_id,
                            const google::protobuf::Message& request) {
  return {request_id, RequestFingerprint(request)};
}

}  // namespace cs::common

#include "tests/e2e/bad_input_requests.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "common/api/paging.h"
#include "google/protobuf/message.h"

namespace cs::e2e {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::MessageFactory;
using ::google::protobuf::Reflection;

constexpr absl::string_view kTimestamp = "google.protobuf.Timestamp";
// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range google.protobuf.Timestamp allows.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;

// Where the bad value goes: `field` of the request (`parent` null) or of its field `parent`.
struct Target {
  const FieldDescriptor* parent = nullptr;
  const FieldDescriptor* field = nullptr;
};

std::string PathOf(const Target& target) {
  if (target.parent == nullptr) return std::string(target.field->name());
  return absl::StrCat(target.parent->name(), ".", target.field->name());
}

std::string Varint(uint64_t value) {
  std::string out;
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
  return out;
}

std::string Tag(int number, int wire_type) {
  return Varint((static_cast<uint64_t>(number) << 3) | static_cast<uint64_t>(wire_type));
}

std::string LengthDelimited(int number, absl::string_view payload) {
  return absl::StrCat(Tag(number, 2), Varint(payload.size()), payload);
}

// The encoding of `field_bytes` (fields of the message `target.field` belongs to) inside the
// request.
std::string Wrapped(const Target& target, const std::string& field_bytes) {
  if (target.parent == nullptr) return field_bytes;
  return LengthDelimited(target.parent->number(), field_bytes);
}

// The message `target.field` is set in (the first element of a repeated one), made present
// inside `root`.
Message& Holder(Message& root, const Target& target) {
  if (target.parent == nullptr) return root;
  const Reflection& reflection = *root.GetReflection();
  if (!target.parent->is_repeated()) return *reflection.MutableMessage(&root, target.parent);
  if (reflection.FieldSize(root, target.parent) > 0) {
    return *reflection.MutableRepeatedMessage(&root, target.parent, 0);
  }
  return *reflection.AddMessage(&root, target.parent);
}

// A copy of `base` whose request_id and message_id (unless `target` is one of them) no other
// body has.
std::unique_ptr<Message> CopyOf(const Message& base, const Target& target) {
  static std::atomic<int64_t> next{0};
  static const int64_t run = absl::ToUnixMicros(absl::Now());
  std::unique_ptr<Message> copy(base.New());
  copy->CopyFrom(base);
  for (const char* name : {"request_id", "message_id"}) {
    const FieldDescriptor* id = copy->GetDescriptor()->FindFieldByName(name);
    if (id == nullptr || id == target.field || id->cpp_type() != FieldDescriptor::CPPTYPE_STRING ||
        id->is_repeated()) {
      continue;
    }
    copy->GetReflection()->SetString(copy.get(), id,
                                     absl::StrCat("bad-input-", run, "-", next.fetch_add(1)));
  }
  return copy;
}

using Setter = std::function<void(Message&, const FieldDescriptor&)>;

BadRequest Built(const Message& base, const Target& target, absl::string_view what,
                 const Setter& set) {
  std::unique_ptr<Message> root = CopyOf(base, target);
  Message& holder = Holder(*root, target);
  holder.GetReflection()->ClearField(&holder, target.field);
  set(holder, *target.field);
  return {absl::StrCat(PathOf(target), "=", what), root->SerializeAsString()};
}

// `base` followed by `field_bytes` (fields of the message `target.field` belongs to): the last
// value of a singular field wins, a sub-message merges, a repeated field gains an element.
BadRequest Appended(const Message& base, const Target& target, absl::string_view what,
                    const std::string& field_bytes) {
  return {absl::StrCat(PathOf(target), "=", what),
          absl::StrCat(CopyOf(base, target)->SerializeAsString(), Wrapped(target, field_bytes))};
}

void SetString(Message& message, const FieldDescriptor& field, const std::string& value) {
  const Reflection& reflection = *message.GetReflection();
  field.is_repeated() ? reflection.AddString(&message, &field, value)
                      : reflection.SetString(&message, &field, value);
}

// Sets a numeric field of C++ type `T` (by its reflection setters) to `value`.
template <typename T>
Setter Number(T value) {
  return [value](Message& message, const FieldDescriptor& field) {
    const Reflection& reflection = *message.GetReflection();
    if constexpr (std::is_same_v<T, int32_t>) {
      field.is_repeated() ? reflection.AddInt32(&message, &field, value)
                          : reflection.SetInt32(&message, &field, value);
    } else if constexpr (std::is_same_v<T, int64_t>) {
      field.is_repeated() ? reflection.AddInt64(&message, &field, value)
                          : reflection.SetInt64(&message, &field, value);
    } else if constexpr (std::is_same_v<T, uint32_t>) {
      field.is_repeated() ? reflection.AddUInt32(&message, &field, value)
                          : reflection.SetUInt32(&message, &field, value);
    } else if constexpr (std::is_same_v<T, uint64_t>) {
      field.is_repeated() ? reflection.AddUInt64(&message, &field, value)
                          : reflection.SetUInt64(&message, &field, value);
    } else if constexpr (std::is_same_v<T, float>) {
      field.is_repeated() ? reflection.AddFloat(&message, &field, value)
                          : reflection.SetFloat(&message, &field, value);
    } else {
      field.is_repeated() ? reflection.AddDouble(&message, &field, value)
                          : reflection.SetDouble(&message, &field, value);
    }
  };
}

Setter TimestampOf(int64_t seconds, int32_t nanos) {
  return [seconds, nanos](Message& message, const FieldDescriptor& field) {
    const Reflection& reflection = *message.GetReflection();
    Message& timestamp = field.is_repeated() ? *reflection.AddMessage(&message, &field)
                                             : *reflection.MutableMessage(&message, &field);
    const Descriptor& type = *timestamp.GetDescriptor();
    timestamp.GetReflection()->SetInt64(&timestamp, type.FindFieldByName("seconds"), seconds);
    timestamp.GetReflection()->SetInt32(&timestamp, type.FindFieldByName("nanos"), nanos);
  };
}

template <typename T>
void AddNumbers(const Message& request, const Target& target, std::vector<BadRequest>& out) {
  out.push_back(Built(request, target, "-1", Number<T>(static_cast<T>(-1))));
  out.push_back(Built(request, target, "max", Number<T>(std::numeric_limits<T>::max())));
}

template <typename T>
void AddFloats(const Message& request, const Target& target, std::vector<BadRequest>& out) {
  out.push_back(Built(request, target, "NaN", Number<T>(std::numeric_limits<T>::quiet_NaN())));
  out.push_back(Built(request, target, "inf", Number<T>(std::numeric_limits<T>::infinity())));
  out.push_back(Built(request, target, "lowest", Number<T>(std::numeric_limits<T>::lowest())));
}

void AddVariants(const Message& request, const Target& target, std::vector<BadRequest>& out) {
  const FieldDescriptor& field = *target.field;
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      const std::string mebibyte(1 << 20, 'x');
      auto text = [&](absl::string_view what, const std::string& value) {
        out.push_back(Built(request, target, what, [&value](Message& m, const FieldDescriptor& f) {
          SetString(m, f, value);
        }));
      };
      text("1MiB", mebibyte);
      if (field.type() == FieldDescriptor::TYPE_BYTES) break;
      // A serializer would refuse (or at least complain about) invalid UTF-8: written by hand.
      out.push_back(Appended(request, target, "invalid-utf8",
                             LengthDelimited(field.number(), "ok\xff\xfe\xc0\x80")));
      text("sql-quote", "'; DROP TABLE x; --");
      text("sql-backslash", "\\");
      text("sql-like", "%_");
      if (field.name() == "page_token") {
        text("garbage-token", "a garbage token");
        text("foreign-token", common::EncodePageToken(42, "the filter of another listing"));
        text("foreign-key-token", common::EncodeKeyPageToken("zz", "another listing"));
      }
      break;
    }
    case FieldDescriptor::CPPTYPE_INT32:
      AddNumbers<int32_t>(request, target, out);
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      AddNumbers<int64_t>(request, target, out);
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      out.push_back(Built(request, target, "max", Number<uint32_t>(UINT32_MAX)));
      break;
    case FieldDescriptor::CPPTYPE_UINT64:
      out.push_back(Built(request, target, "max", Number<uint64_t>(UINT64_MAX)));
      break;
    case FieldDescriptor::CPPTYPE_FLOAT:
      AddFloats<float>(request, target, out);
      break;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      AddFloats<double>(request, target, out);
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      // An open enum keeps an unknown number; written by hand so closed ones get it too.
      out.push_back(
          Appended(request, target, "enum-999", absl::StrCat(Tag(field.number(), 0), Varint(999))));
      break;
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (field.message_type()->full_name() != kTimestamp) break;
      out.push_back(Built(request, target, "year-1", TimestampOf(kMinTimestampSeconds, 0)));
      out.push_back(Built(request, target, "year-9999", TimestampOf(kMaxTimestampSeconds, 0)));
      out.push_back(
          Built(request, target, "before-year-1", TimestampOf(kMinTimestampSeconds - 1, 0)));
      out.push_back(
          Built(request, target, "after-year-9999", TimestampOf(kMaxTimestampSeconds + 1, 0)));
      out.push_back(Built(request, target, "int64-max-seconds", TimestampOf(INT64_MAX, 0)));
      out.push_back(Built(request, target, "nanos-1e9", TimestampOf(0, 1000000000)));
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      break;
  }
}

// Sets `field` of `message` (its one element, when repeated) to a plausible value; descends one
// level into a message field when `descend`.
void Fill(Message& message, const FieldDescriptor& field, absl::string_view unit_id, int64_t now,
          bool descend) {
  const Reflection& reflection = *message.GetReflection();
  const bool repeated = field.is_repeated();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      const std::string value(
          field.name() == "unit_id" || absl::EndsWith(field.name(), "_unit_id") ? unit_id : "e2e");
      repeated ? reflection.AddString(&message, &field, value)
               : reflection.SetString(&message, &field, value);
      break;
    }
    case FieldDescriptor::CPPTYPE_INT32:
      Number<int32_t>(1)(message, field);
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      Number<int64_t>(1)(message, field);
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      Number<uint32_t>(1)(message, field);
      break;
    case FieldDescriptor::CPPTYPE_UINT64:
      Number<uint64_t>(1)(message, field);
      break;
    case FieldDescriptor::CPPTYPE_FLOAT:
      Number<float>(1)(message, field);
      break;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      Number<double>(1)(message, field);
      break;
    case FieldDescriptor::CPPTYPE_BOOL:
      repeated ? reflection.AddBool(&message, &field, true)
               : reflection.SetBool(&message, &field, true);
      break;
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto& type = *field.enum_type();
      const int value = type.value(type.value_count() > 1 ? 1 : 0)->number();
      repeated ? reflection.AddEnumValue(&message, &field, value)
               : reflection.SetEnumValue(&message, &field, value);
      break;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      if (field.message_type()->full_name() == kTimestamp) {
        TimestampOf(now, 0)(message, field);
        break;
      }
      if (!descend) break;
      Message& sub = repeated ? *reflection.AddMessage(&message, &field)
                              : *reflection.MutableMessage(&message, &field);
      const Descriptor& type = *field.message_type();
      for (int i = 0; i < type.field_count(); ++i) {
        Fill(sub, *type.field(i), unit_id, now, /*descend=*/false);
      }
      break;
    }
  }
}

}  // namespace

std::unique_ptr<Message> FilledRequest(const Descriptor& request, absl::string_view unit_id,
                                       int64_t now) {
  std::unique_ptr<Message> filled(
      MessageFactory::generated_factory()->GetPrototype(&request)->New());
  for (int i = 0; i < request.field_count(); ++i) {
    Fill(*filled, *request.field(i), unit_id, now, /*descend=*/true);
  }
  return filled;
}

std::vector<BadRequest> BadRequestsFor(const Message& base) {
  const Descriptor& request = *base.GetDescriptor();
  std::vector<BadRequest> out;
  out.push_back({"(base)", CopyOf(base, {})->SerializeAsString()});
  for (int i = 0; i < request.field_count(); ++i) {
    const FieldDescriptor* field = request.field(i);
    AddVariants(base, {nullptr, field}, out);
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
        field->message_type()->full_name() == kTimestamp) {
      continue;
    }
    const Descriptor& sub = *field->message_type();
    for (int j = 0; j < sub.field_count(); ++j) AddVariants(base, {field, sub.field(j)}, out);
  }
  return out;
}

std::string OversizeBody(size_t bytes) {
  return LengthDelimited(536870911, std::string(bytes, 'x'));
}

}  // namespace cs::e2e

// The ChannelStore contract (channel_store.h) as a typed test suite: filings kept whole with every
// form version and idempotent (C1), listing by unit, state, kind and address, changes saved under
// the channel's lock with optimistic versions and request ids, history and form versions
// append-only, the unit's open unfiled reports marked filed when a channel is filed or corrected at
// their address (C1, A3 7.7.1), and the channels whose check is overdue (C5). Instantiated with the
// other store contracts; see channel_store_contract_fixture.h.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_CONTRACT_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_CONTRACT_H_

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/channel-registry/store/channel_store_contract_fixture.h"

namespace cs::channel::testing {

template <typename T>
class ChannelStoreContractTest : public ChannelStoreContract<T> {};

TYPED_TEST_SUITE_P(ChannelStoreContractTest);

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// A channel with every field the store keeps set: acknowledged, a corrected second form version, a
// corrected finding and an open one, a publication, checks and history.
inline OnlineChannel CompleteChannel() {
  OnlineChannel c = Filed("broadband", "https://bbs.example.cn/留言簿");
  const absl::Time t = ShanghaiTime(2026, 3, 5, 9, 30);
  c.form_versions[0].kind = ChannelKind::kGuestbook;
  FilingForm second = c.form_versions[0];
  second.filed_at = t;
  second.implementation = "留言簿";
  second.purposes = {ChannelPurpose::kOrdering, ChannelPurpose::kQuery};
  second.staffing = Staffing::kRotating;
  second.assigned_staff = {"甲", "乙", "丙 "};
  second.languages = {"zh", "en"};
  second.foreign_use_heavy = true;
  second.remarks = "备注 with ASCII and 中文";
  second.contact.email = "";
  c.form_versions.push_back(second);
  c.state = ChannelState::kInaccurate;
  c.service_time = {false, 3};
  c.acknowledged_at = t - absl::Hours(2);
  c.acknowledged_by = "cs-center-1";
  c.findings = {{"地址有误", "cs-center-1", t - absl::Hours(1), t},
                {"容量不实", "cs-center-2", t + absl::Hours(1), absl::nullopt}};
  c.publication = {{PublishedItem::kBusinessFunction, PublishedItem::kStandardContract},
                   true,
                   t + absl::Hours(2)};
  c.last_checked_at = t + absl::Hours(3);
  c.next_check_due = t + absl::Hours(6);
  Record(c, t - absl::Hours(2), "ACKNOWLEDGED");
  Record(c, t, "CORRECTED", "version 2");
  Record(c, t + absl::Hours(1), "MARKED_INACCURATE", "容量不实");
  c.version = 7;  // the store's: 1
  c.id = 99;      // the store's
  return c;
}

// A correction: a new form version at `address`, the channel FILED again, a CORRECTED entry.
inline ChannelMutation CorrectTo(const std::string& address, absl::Time at) {
  return [address, at](OnlineChannel& c) -> absl::Status {
    FilingForm form = c.form();
    form.address = address;
    form.filed_at = at;
    c.form_versions.push_back(form);
    c.state = ChannelState::kFiled;
    Record(c, at, "CORRECTED", address);
    return absl::OkStatus();
  };
}

TYPED_TEST_P(ChannelStoreContractTest, C1_CreateKeepsEveryFieldAndAssignsIds) {
  ChannelStore& store = this->channels();
  const OnlineChannel draft = CompleteChannel();
  ASSERT_OK_AND_ASSIGN(CreateChannelResult created, store.Create(draft, Key("r-1")));
  EXPECT_FALSE(created.replayed);
  EXPECT_GT(created.channel.id, 0);
  EXPECT_EQ(created.channel.version, 1);
  EXPECT_THAT(created.filed_reports, IsEmpty());
  OnlineChannel expected = draft;
  expected.id = created.channel.id;
  expected.version = 1;
  ExpectSameChannel(created.channel, expected);
  ASSERT_OK_AND_ASSIGN(OnlineChannel read, store.Get(created.channel.id));
  ExpectSameChannel(read, expected);
  // Ids are "CN-<n>", one after the other.
  const int64_t second = this->Create();
  EXPECT_GT(second, created.channel.id);
  EXPECT_THAT(store.Get(second + 1000),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatChannelId(second + 1000))));
  OnlineChannel formless = Filed();
  formless.form_versions.clear();
  EXPECT_THAT(store.Create(formless, Key("r-formless")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("form_versions")));
}

TYPED_TEST_P(ChannelStoreContractTest, C1_CreateIsIdempotentByRequestId) {
  ChannelStore& store = this->channels();
  ASSERT_OK_AND_ASSIGN(CreateChannelResult first, store.Create(Filed(), Key("x", "a")));
  ASSERT_OK_AND_ASSIGN(CreateChannelResult again, store.Create(Filed(), Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  ExpectSameChannel(again.channel, first.channel);
  EXPECT_THAT(store.Create(Filed("other"), Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // Byte for byte: "x" and "x " are two requests.
  ASSERT_OK_AND_ASSIGN(CreateChannelResult spaced, store.Create(Filed(), Key("x ", "a")));
  EXPECT_FALSE(spaced.replayed);
  EXPECT_NE(spaced.channel.id, first.channel.id);
  EXPECT_THAT(store.Create(Filed(), Key("", "a")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Create(Filed(), Key(std::string(65, 'x'), "a")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  ASSERT_OK_AND_ASSIGN(ChannelPage page, store.List({}, 0, 10));
  EXPECT_THAT(page.channels, SizeIs(2));
}

TYPED_TEST_P(ChannelStoreContractTest, C1_ListFiltersAndPages) {
  ChannelStore& store = this->channels();
  const int64_t a = this->Create(Filed("broadband", "a@example.cn"));
  OnlineChannel guestbook = Filed("broadband", "https://example.cn/gb");
  guestbook.form_versions[0].kind = ChannelKind::kGuestbook;
  guestbook.state = ChannelState::kAcknowledged;
  const int64_t b = this->Create(guestbook);
  const int64_t c = this->Create(Filed("mobile", "a@example.cn"));
  const int64_t d = this->Create(Filed("broadband", "a@example.cn "));

  auto ids = [&](const ChannelFilter& filter) {
    std::vector<int64_t> listed;
    auto page = store.List(filter, 0, 100);
    EXPECT_TRUE(page.ok()) << page.status();
    if (page.ok()) {
      for (const OnlineChannel& ch : page->channels) listed.push_back(ch.id);
      EXPECT_EQ(page->next_after_id, 0);
    }
    return listed;
  };
  EXPECT_EQ(ids({}), (std::vector<int64_t>{a, b, c, d}));
  EXPECT_EQ(ids({"broadband", {}, {}, ""}), (std::vector<int64_t>{a, b, d}));
  EXPECT_EQ(ids({"", ChannelState::kAcknowledged, {}, ""}), (std::vector<int64_t>{b}));
  EXPECT_EQ(ids({"", {}, ChannelKind::kEmail, ""}), (std::vector<int64_t>{a, c, d}));
  EXPECT_EQ(ids({"", {}, {}, "a@example.cn"}), (std::vector<int64_t>{a, c}));
  EXPECT_EQ(ids({"broadband", {}, ChannelKind::kEmail, "a@example.cn "}),
            (std::vector<int64_t>{d}));

  ASSERT_OK_AND_ASSIGN(ChannelPage first, store.List({}, 0, 3));
  ASSERT_THAT(first.channels, SizeIs(3));
  EXPECT_EQ(first.next_after_id, c);
  ExpectSameChannel(first.channels[1], *store.Get(b));
  ASSERT_OK_AND_ASSIGN(ChannelPage rest, store.List({}, first.next_after_id, 3));
  ASSERT_THAT(rest.channels, SizeIs(1));
  EXPECT_EQ(rest.channels[0].id, d);
  EXPECT_EQ(rest.next_after_id, 0);
  EXPECT_THAT(store.List({}, 0, 0),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_size")));
}

TYPED_TEST_P(ChannelStoreContractTest, C1_MutateSavesTheChangeAndMovesTheVersion) {
  ChannelStore& store = this->channels();
  const int64_t id = this->Create();
  const absl::Time t = ShanghaiTime(2026, 3, 6, 10, 0);
  ASSERT_OK_AND_ASSIGN(MutationResult acknowledged, store.Mutate(id, {}, [&](OnlineChannel& c) {
    c.state = ChannelState::kAcknowledged;
    c.acknowledged_at = t;
    c.acknowledged_by = "cs-center-1";
    c.findings.push_back({"地址有误", "cs-center-1", t, absl::nullopt});
    c.publication = {{PublishedItem::kCharges}, true, t};
    c.last_checked_at = t;
    c.next_check_due = t + absl::Hours(12);
    Record(c, t, "ACKNOWLEDGED");
    c.id = 999;      // cannot move
    c.version = 50;  // the store's: loaded + 1
    return absl::OkStatus();
  }));
  EXPECT_FALSE(acknowledged.replayed);
  EXPECT_EQ(acknowledged.channel.id, id);
  EXPECT_EQ(acknowledged.channel.version, 2);
  ASSERT_OK_AND_ASSIGN(OnlineChannel read, store.Get(id));
  ExpectSameChannel(read, acknowledged.channel);
  EXPECT_EQ(read.acknowledged_by, "cs-center-1");

  // A correction adds a form version; the finding is answered in place.
  ASSERT_OK_AND_ASSIGN(MutationResult corrected,
                       store.Mutate(id, {}, [&](OnlineChannel& c) -> absl::Status {
                         c.findings[0].corrected_at = t + absl::Hours(1);
                         return CorrectTo("new@example.cn", t + absl::Hours(1))(c);
                       }));
  EXPECT_EQ(corrected.channel.version, 3);
  ASSERT_OK_AND_ASSIGN(read, store.Get(id));
  ExpectSameChannel(read, corrected.channel);
  ASSERT_THAT(read.form_versions, SizeIs(2));
  EXPECT_EQ(read.form_versions[0].address, "webmaster@broadband.example.cn");
  EXPECT_EQ(read.form().address, "new@example.cn");
  ASSERT_OK_AND_ASSIGN(ChannelPage by_address, store.List({"", {}, {}, "new@example.cn"}, 0, 10));
  EXPECT_THAT(by_address.channels, SizeIs(1));

  // History and filed form versions are append-only: what was stored is not rewritten.
  ASSERT_OK_AND_ASSIGN(MutationResult third, store.Mutate(id, {}, [&](OnlineChannel& c) {
    c.history[0].detail = "rewritten";
    c.form_versions[0].remarks = "rewritten";
    c.findings.clear();
    Record(c, t + absl::Hours(2), "PUBLICATION_RECORDED");
    return absl::OkStatus();
  }));
  ASSERT_OK_AND_ASSIGN(read, store.Get(id));
  EXPECT_EQ(read.history[0].detail, "");
  EXPECT_EQ(read.form_versions[0].remarks, "");
  EXPECT_THAT(read.findings, IsEmpty());
  EXPECT_THAT(read.history, SizeIs(4));
  ExpectSameChannel(read, third.channel);

  // …but the current version's languages are replaced in place (RecordPublication), an earlier
  // version's are not.
  ASSERT_OK_AND_ASSIGN(MutationResult languages, store.Mutate(id, {}, [&](OnlineChannel& c) {
    c.form_versions[0].languages = {"fr"};
    c.form_versions.back().languages = {"zh", "en"};
    Record(c, t + absl::Hours(3), "PUBLICATION_RECORDED");
    return absl::OkStatus();
  }));
  ASSERT_OK_AND_ASSIGN(read, store.Get(id));
  EXPECT_THAT(read.form_versions[0].languages, ElementsAre("zh"));
  EXPECT_THAT(read.form().languages, ElementsAre("zh", "en"));
  ExpectSameChannel(read, languages.channel);

  // A form version cannot be removed.
  EXPECT_THAT(store.Mutate(id, {},
                           [](OnlineChannel& c) {
                             c.form_versions.pop_back();
                             return absl::OkStatus();
                           }),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("form_versions")));
  EXPECT_THAT(store.Mutate(id + 1000, {}, [](OnlineChannel&) { return absl::OkStatus(); }),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatChannelId(id + 1000))));
  ASSERT_OK_AND_ASSIGN(OnlineChannel after, store.Get(id));
  EXPECT_EQ(after.version, 5);
}

TYPED_TEST_P(ChannelStoreContractTest, C1_AMutationErrorLeavesNothingWritten) {
  ChannelStore& store = this->channels();
  const int64_t id = this->Create();
  ASSERT_OK_AND_ASSIGN(OnlineChannel before, store.Get(id));
  MutationOptions keyed{Key("m-1"), "RetireChannel", absl::nullopt};
  EXPECT_THAT(store.Mutate(id, keyed,
                           [](OnlineChannel& c) {
                             c.state = ChannelState::kRetired;
                             Record(c, absl::Now(), "RETIRED");
                             return absl::FailedPreconditionError("refused by the domain");
                           }),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("refused by the domain")));
  ASSERT_OK_AND_ASSIGN(OnlineChannel after, store.Get(id));
  ExpectSameChannel(after, before);
  // The request key was not used up: the retry runs.
  ASSERT_OK_AND_ASSIGN(MutationResult retried, store.Mutate(id, keyed, [](OnlineChannel& c) {
    c.state = ChannelState::kRetired;
    return absl::OkStatus();
  }));
  EXPECT_FALSE(retried.replayed);
  EXPECT_EQ(retried.channel.state, ChannelState::kRetired);
}

TYPED_TEST_P(ChannelStoreContractTest, C1_AStaleExpectedVersionIsAbortedAndChangesNothing) {
  ChannelStore& store = this->channels();
  const int64_t id = this->Create();
  ASSERT_THAT(store.Mutate(id, {}, [](OnlineChannel&) { return absl::OkStatus(); }), IsOk());
  bool ran = false;
  MutationOptions stale{Key("v-1"), "AcknowledgeFiling", 1};
  EXPECT_THAT(store.Mutate(id, stale,
                           [&](OnlineChannel& c) {
                             ran = true;
                             c.state = ChannelState::kAcknowledged;
                             return absl::OkStatus();
                           }),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("version 2")));
  EXPECT_FALSE(ran);
  ASSERT_OK_AND_ASSIGN(OnlineChannel read, store.Get(id));
  EXPECT_EQ(read.version, 2);
  EXPECT_EQ(read.state, ChannelState::kFiled);
  // The current version applies, under the same request id (it was not used up).
  MutationOptions current{Key("v-1"), "AcknowledgeFiling", 2};
  ASSERT_OK_AND_ASSIGN(MutationResult applied, store.Mutate(id, current, [](OnlineChannel& c) {
    c.state = ChannelState::kAcknowledged;
    return absl::OkStatus();
  }));
  EXPECT_EQ(applied.channel.version, 3);
}

TYPED_TEST_P(ChannelStoreContractTest, C1_MutateIsIdempotentByRequestId) {
  ChannelStore& store = this->channels();
  const int64_t id = this->Create();
  const int64_t other = this->Create();
  int runs = 0;
  auto acknowledge = [&](OnlineChannel& c) {
    ++runs;
    c.state = ChannelState::kAcknowledged;
    Record(c, ShanghaiTime(2026, 3, 7, 9, 0), "ACKNOWLEDGED");
    return absl::OkStatus();
  };
  MutationOptions options{Key("ack-1", "a"), "AcknowledgeFiling", absl::nullopt};
  ASSERT_OK_AND_ASSIGN(MutationResult first, store.Mutate(id, options, acknowledge));
  ASSERT_OK_AND_ASSIGN(MutationResult again, store.Mutate(id, options, acknowledge));
  EXPECT_EQ(runs, 1);
  EXPECT_TRUE(again.replayed);
  ExpectSameChannel(again.channel, first.channel);
  EXPECT_THAT(
      store.Mutate(id, {Key("ack-1", "b"), "AcknowledgeFiling", absl::nullopt}, acknowledge),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Mutate(other, options, acknowledge),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // Another method's scope is another id space; a key needs a scope.
  ASSERT_OK_AND_ASSIGN(
      MutationResult retired,
      store.Mutate(id, {Key("ack-1", "b"), "RetireChannel", absl::nullopt}, [](OnlineChannel& c) {
        c.state = ChannelState::kRetired;
        return absl::OkStatus();
      }));
  EXPECT_FALSE(retired.replayed);
  EXPECT_THAT(store.Mutate(id, {Key("ack-2"), "", absl::nullopt}, acknowledge),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(store.Mutate(id, {Key("x "), "AcknowledgeFiling", absl::nullopt}, acknowledge),
              IsOk());
  EXPECT_EQ(runs, 2);
}

TYPED_TEST_P(ChannelStoreContractTest, C1_FilingMarksTheUnitsOpenUnfiledReportsAtTheAddress) {
  ChannelStore& store = this->channels();
  const std::string gb = "https://broadband.example.cn/gb";
  ASSERT_OK_AND_ASSIGN(CreateUnfiledResult r1,
                       store.CreateUnfiled(Unfiled("broadband", gb), Key("uf-1")));
  ASSERT_OK_AND_ASSIGN(CreateUnfiledResult r2,
                       store.CreateUnfiled(Unfiled("broadband", gb), Key("uf-2")));
  ASSERT_OK_AND_ASSIGN(CreateUnfiledResult other_unit,
                       store.CreateUnfiled(Unfiled("mobile", gb), Key("uf-3")));
  ASSERT_OK_AND_ASSIGN(CreateUnfiledResult spaced,
                       store.CreateUnfiled(Unfiled("broadband", gb + " "), Key("uf-4")));
  ASSERT_OK_AND_ASSIGN(CreateUnfiledResult later,
                       store.CreateUnfiled(Unfiled("broadband", "later@example.cn"), Key("uf-5")));

  const absl::Time filed = ShanghaiTime(2026, 3, 10, 9, 0);
  ASSERT_OK_AND_ASSIGN(CreateChannelResult created,
                       store.Create(Filed("broadband", gb, filed), Key("file-1")));
  ASSERT_THAT(created.filed_reports, SizeIs(2));
  EXPECT_EQ(created.filed_reports[0].id, r1.report.id);
  EXPECT_EQ(created.filed_reports[1].id, r2.report.id);
  for (int64_t id : {r1.report.id, r2.report.id}) {
    ASSERT_OK_AND_ASSIGN(UnfiledChannel report, store.GetUnfiled(id));
    EXPECT_EQ(report.filed_as_channel_id, created.channel.id);
    EXPECT_EQ(report.filed_at, filed);
  }
  for (int64_t id : {other_unit.report.id, spaced.report.id, later.report.id}) {
    ASSERT_OK_AND_ASSIGN(UnfiledChannel report, store.GetUnfiled(id));
    EXPECT_EQ(report.filed_as_channel_id, 0) << id;
    EXPECT_FALSE(report.filed_at.has_value()) << id;
  }
  // A replay marks nothing again and reports nothing.
  ASSERT_OK_AND_ASSIGN(CreateChannelResult replayed,
                       store.Create(Filed("broadband", gb, filed), Key("file-1")));
  EXPECT_TRUE(replayed.replayed);
  EXPECT_THAT(replayed.filed_reports, IsEmpty());
  // A second channel at the address finds no open report left.
  ASSERT_OK_AND_ASSIGN(CreateChannelResult second,
                       store.Create(Filed("broadband", gb, filed), Key("file-2")));
  EXPECT_THAT(second.filed_reports, IsEmpty());

  // A correction to the address of an open report files it; a change without a new form version
  // does not.
  const int64_t id = this->Create(Filed("broadband", "old@example.cn"));
  ASSERT_OK_AND_ASSIGN(MutationResult untouched, store.Mutate(id, {}, [](OnlineChannel& c) {
    c.form_versions.back().address = "later@example.cn";  // not a new version: ignored
    return absl::OkStatus();
  }));
  EXPECT_THAT(untouched.filed_reports, IsEmpty());
  const absl::Time corrected_at = ShanghaiTime(2026, 3, 12, 9, 0);
  ASSERT_OK_AND_ASSIGN(MutationResult corrected,
                       store.Mutate(id, {}, CorrectTo("later@example.cn", corrected_at)));
  ASSERT_THAT(corrected.filed_reports, SizeIs(1));
  EXPECT_EQ(corrected.filed_reports[0].id, later.report.id);
  EXPECT_EQ(corrected.filed_reports[0].filed_as_channel_id, id);
  ASSERT_OK_AND_ASSIGN(UnfiledChannel report, store.GetUnfiled(later.report.id));
  EXPECT_EQ(report.filed_as_channel_id, id);
  EXPECT_EQ(report.filed_at, corrected_at);
}

TYPED_TEST_P(ChannelStoreContractTest, C1_UnfiledReportsAreIdempotentAndPaged) {
  ChannelStore& store = this->channels();
  const UnfiledChannel draft = Unfiled("broadband", "gb-1");
  ASSERT_OK_AND_ASSIGN(CreateUnfiledResult first, store.CreateUnfiled(draft, Key("x", "a")));
  EXPECT_FALSE(first.replayed);
  EXPECT_GT(first.report.id, 0);
  UnfiledChannel expected = draft;
  expected.id = first.report.id;
  EXPECT_EQ(first.report, expected);
  ASSERT_OK_AND_ASSIGN(UnfiledChannel read, store.GetUnfiled(first.report.id));
  EXPECT_EQ(read, expected);
  ASSERT_OK_AND_ASSIGN(CreateUnfiledResult again, store.CreateUnfiled(draft, Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.report, expected);
  EXPECT_THAT(store.CreateUnfiled(draft, Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  ASSERT_OK_AND_ASSIGN(CreateUnfiledResult spaced, store.CreateUnfiled(draft, Key("x ", "a")));
  EXPECT_NE(spaced.report.id, first.report.id);
  EXPECT_THAT(
      store.GetUnfiled(first.report.id + 1000),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatUnfiledId(first.report.id + 1000))));

  ASSERT_OK_AND_ASSIGN(CreateUnfiledResult mobile,
                       store.CreateUnfiled(Unfiled("mobile", "gb-2"), Key("m")));
  this->Create(Filed("broadband", "gb-1"));  // files both broadband reports
  ASSERT_OK_AND_ASSIGN(CreateUnfiledResult open,
                       store.CreateUnfiled(Unfiled("broadband", "gb-3"), Key("o")));

  ASSERT_OK_AND_ASSIGN(UnfiledPage all, store.ListUnfiled("", false, 0, 2));
  ASSERT_THAT(all.reports, SizeIs(2));
  EXPECT_EQ(all.reports[0].id, first.report.id);
  EXPECT_EQ(all.next_after_id, spaced.report.id);
  ASSERT_OK_AND_ASSIGN(UnfiledPage rest, store.ListUnfiled("", false, all.next_after_id, 2));
  ASSERT_THAT(rest.reports, SizeIs(2));
  EXPECT_EQ(rest.reports[0].id, mobile.report.id);
  EXPECT_EQ(rest.reports[1].id, open.report.id);
  EXPECT_EQ(rest.next_after_id, 0);
  ASSERT_OK_AND_ASSIGN(UnfiledPage broadband_open, store.ListUnfiled("broadband", true, 0, 10));
  ASSERT_THAT(broadband_open.reports, SizeIs(1));
  EXPECT_EQ(broadband_open.reports[0].id, open.report.id);
  ASSERT_OK_AND_ASSIGN(UnfiledPage every_open, store.ListUnfiled("", true, 0, 10));
  EXPECT_THAT(every_open.reports, SizeIs(2));
  EXPECT_THAT(store.ListUnfiled("", false, 0, 0),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_size")));
}

TYPED_TEST_P(ChannelStoreContractTest, C5_ListCheckOverdueFindsChannelsNotRetiredPastTheirDue) {
  ChannelStore& store = this->channels();
  const absl::Time now = ShanghaiTime(2026, 3, 10, 12, 0);
  auto due_at = [&](absl::optional<absl::Time> due, ChannelState state) {
    OnlineChannel c = Filed();
    c.next_check_due = due;
    c.state = state;
    return this->Create(c);
  };
  const int64_t late = due_at(now - absl::Hours(1), ChannelState::kAcknowledged);
  const int64_t later = due_at(now - absl::Hours(3), ChannelState::kFiled);
  due_at(now, ChannelState::kAcknowledged);  // due now: not yet overdue
  due_at(now + absl::Hours(1), ChannelState::kAcknowledged);
  due_at(now - absl::Hours(5), ChannelState::kRetired);
  due_at(absl::nullopt, ChannelState::kAcknowledged);
  const int64_t same = due_at(now - absl::Hours(1), ChannelState::kInaccurate);

  ASSERT_OK_AND_ASSIGN(std::vector<OnlineChannel> overdue, store.ListCheckOverdue(now, 10));
  std::vector<int64_t> ids;
  for (const OnlineChannel& c : overdue) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<int64_t>{later, late, same}));
  ASSERT_OK_AND_ASSIGN(overdue, store.ListCheckOverdue(now, 1));
  ASSERT_THAT(overdue, SizeIs(1));
  ExpectSameChannel(overdue[0], *store.Get(later));
  EXPECT_THAT(store.ListCheckOverdue(now, 0),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("limit")));

  // Once checked (next due moved), it is no longer overdue.
  ASSERT_THAT(store.Mutate(later, {},
                           [&](OnlineChannel& c) {
                             c.last_checked_at = now;
                             c.next_check_due = now + absl::Hours(12);
                             return absl::OkStatus();
                           }),
              IsOk());
  ASSERT_OK_AND_ASSIGN(overdue, store.ListCheckOverdue(now, 10));
  EXPECT_THAT(overdue, SizeIs(2));
}

REGISTER_TYPED_TEST_SUITE_P(ChannelStoreContractTest, C1_CreateKeepsEveryFieldAndAssignsIds,
                            C1_CreateIsIdempotentByRequestId, C1_ListFiltersAndPages,
                            C1_MutateSavesTheChangeAndMovesTheVersion,
                            C1_AMutationErrorLeavesNothingWritten,
                            C1_AStaleExpectedVersionIsAbortedAndChangesNothing,
                            C1_MutateIsIdempotentByRequestId,
                            C1_FilingMarksTheUnitsOpenUnfiledReportsAtTheAddress,
                            C1_UnfiledReportsAreIdempotentAndPaged,
                            C5_ListCheckOverdueFindsChannelsNotRetiredPastTheirDue);

}  // namespace cs::channel::testing

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_CONTRACT_H_

#include "formats/record_changes.h"

#include <gtest/gtest.h>

#include <string>

namespace valuemark::formats {
namespace {

using Changes = std::vector<FieldChange>;

TEST(RecordChanges, FieldsInWordsWithOldAndNewValues) {
  const auto c = DiffRecords(
      R"({"id":"o1","name":"Acme","legal_structure":"cic","size_band":"small",
          "membership":{"status":"none","expiry":null},"updated_at":"2026-01-01T00:00:00Z",
          "version":3,"lead_user_id":"u1"})",
      R"({"id":"o1","name":"Acme Ltd","legal_structure":"cic","size_band":"very_large",
          "membership":{"status":"active","expiry":"2027-12-04"},
          "updated_at":"2026-02-01T00:00:00Z","version":4,"lead_user_id":"u2"})");
  EXPECT_EQ(c.items, (Changes{{"Name", "Acme", "Acme Ltd"},
                              {"Size band", "Small", "Very large"},
                              {"Membership › Status", "None", "Active"},
                              {"Membership › Expiry", "", "4 Dec 2027"}}));
  EXPECT_EQ(c.more, 0);
}

TEST(RecordChanges, MoneyBooleansAndListsOfValues) {
  const auto c = DiffRecords(R"({"fee_pence":75000,"public":false,"areas":["Leeds","York"]})",
                             R"({"fee_pence":90050,"public":true,"areas":["Leeds"]})");
  EXPECT_EQ(c.items, (Changes{{"Fee", "£750.00", "£900.50"},
                              {"Public", "no", "yes"},
                              {"Areas", "Leeds, York", "Leeds"}}));
}

TEST(RecordChanges, AnObjectInPlaceOfNullIsListedFieldByFieldNeverAsJson) {
  const auto c = DiffRecords(R"({"pre_audit":null})",
                             R"({"pre_audit":{"done_on":"2026-11-29","findings":"Ad hoc"}})");
  EXPECT_EQ(c.items, (Changes{{"Pre audit › Done on", "", "29 Nov 2026"},
                              {"Pre audit › Findings", "", "Ad hoc"}}));
  const auto back = DiffRecords(R"({"pre_audit":{"findings":"Ad hoc"}})", R"({"pre_audit":null})");
  EXPECT_EQ(back.items, (Changes{{"Pre audit › Findings", "Ad hoc", ""}}));
}

TEST(RecordChanges, ListElementsAreMatchedByIdAndNamedByName) {
  const auto c = DiffRecords(
      R"({"outcomes":[{"id":"a","name":"Wellbeing","deadweight":0.2},
                      {"id":"b","name":"Jobs","deadweight":0.1},
                      {"id":"c","name":"Skills"}]})",
      R"({"outcomes":[{"id":"b","name":"Jobs","deadweight":0.1},
                      {"id":"a","name":"Wellbeing","deadweight":0.25},
                      {"id":"d","name":"Housing"}]})");
  EXPECT_EQ(c.items, (Changes{{"Outcomes › Wellbeing › Deadweight", "0.2", "0.25"},
                              {"Outcomes", "", "Housing"},
                              {"Outcomes", "Skills", ""}}));
}

TEST(RecordChanges, ListElementsWithoutANameAreNamedByTheirRoleOrBody) {
  const auto c = DiffRecords(R"({"sign_offs":[],"state":"draft"})",
                             R"({"sign_offs":[{"role":"senior_leader","user_id":"u1"}],
                                 "state":"submitted"})");
  EXPECT_EQ(c.items,
            (Changes{{"Sign offs", "", "Senior leader"}, {"State", "Draft", "Submitted"}}));
}

TEST(RecordChanges, SecretsAndIdentifiersAreNeverShown) {
  const auto c = DiffRecords(
      R"({"password_hash":"x","token":"a","user_id":"u1","digest":"d","terms_accepted_by":null,
          "terms_version":null})",
      R"({"password_hash":"y","token":"b","user_id":"u2","digest":"e","terms_accepted_by":"u9",
          "terms_version":"svmc-terms-v1"})");
  EXPECT_TRUE(c.empty());
}

TEST(RecordChanges, TypedTextIsShownAsTypedAndADeadlineIsKept) {
  const auto c = DiffRecords(
      R"({"payment_reference":"","name":"Old","respond_by":""})",
      R"({"payment_reference":"2026-12-01T00:00:00Z cheque 4471","name":"0a1b2c3d4e5f60718293",
          "respond_by":"2030-03-26"})");
  EXPECT_EQ(c.items, (Changes{{"Payment reference", "", "2026-12-01T00:00:00Z cheque 4471"},
                              {"Name", "Old", "0a1b2c3d4e5f60718293"},
                              {"Respond by", "", "26 Mar 2030"}}));
  const auto words = DiffRecords(R"({"reference":"a"})", R"({"reference":"bacs_from_harbour"})");
  EXPECT_EQ(words.items, (Changes{{"Reference", "a", "bacs_from_harbour"}}));
}

TEST(RecordChanges, NothingForTextThatIsNotAnObject) {
  EXPECT_TRUE(DiffRecords("", R"({"a":1})").empty());
  EXPECT_TRUE(DiffRecords("[1]", "[2]").empty());
  EXPECT_TRUE(DiffRecords("{not json", R"({"a":1})").empty());
  EXPECT_TRUE(DiffRecords(R"({"a":1})", R"({"a":1})").empty());
}

TEST(RecordChanges, LongValuesAreCutAndManyChangesCounted) {
  std::string before = "{";
  std::string after = "{";
  for (int i = 0; i < kMaxChanges + 5; ++i) {
    before += (i ? "," : "") + fmt::format(R"("f{}":{})", i, i);
    after += (i ? "," : "") + fmt::format(R"("f{}":{})", i, i + 1);
  }
  const auto c = DiffRecords(before + "}", after + "}");
  EXPECT_EQ(c.items.size(), static_cast<size_t>(kMaxChanges));
  EXPECT_EQ(c.more, 5);

  const std::string long_text(300, 'x');
  const auto cut = DiffRecords(R"({"notes":""})", R"({"notes":")" + long_text + "\"}");
  ASSERT_EQ(cut.items.size(), 1u);
  EXPECT_EQ(cut.items[0].after, std::string(kMaxValueChars, 'x') + "…");
}

TEST(RecordChanges, TheStoredFormReadsBack) {
  RecordChanges c;
  c.items = {{"Name", "A \"quoted\" name", "B"}, {"Outcomes", "", "Housing"}};
  c.more = 2;
  const std::string stored = WriteRecordChanges(c);
  const auto back = ReadRecordChanges(stored);
  EXPECT_EQ(back.items, c.items);
  EXPECT_EQ(back.more, 2);
  EXPECT_EQ(WriteRecordChanges({}), "");
  EXPECT_TRUE(ReadRecordChanges("").empty());
  EXPECT_TRUE(ReadRecordChanges("{\"items\":[{\"field\":1}]}").empty());
}

}  // namespace
}  // namespace valuemark::formats

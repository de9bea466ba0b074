#include "core/directory.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

Taxonomy Small() {
  Taxonomy t;
  t.version = 2;
  t.themes = {{"food", 7, "Food", {2}}, {"jobs", 0, "Jobs", {8}}, {"old", 3, "Old", {}, true}};
  t.areas = {{"wales", 9, "Wales", {}}, {"uk_wide", 12, "Across the UK", {}}};
  t.legal_forms = {{"cic", 2, "Community interest company", {}}};
  return t;
}

TEST(Directory, TheTaxonomyIsChecked) {
  EXPECT_TRUE(CheckTaxonomy(Small()));
  Taxonomy t = Small();
  t.themes[1].bit = 7;
  EXPECT_EQ(CheckTaxonomy(t).error().fields.at(0).path, "themes[1].bit");
  t = Small();
  t.areas[0].code = "Wales!";
  EXPECT_EQ(CheckTaxonomy(t).error().fields.at(0).path, "areas[0].code");
  t = Small();
  t.themes[0].sdgs = {18};
  EXPECT_FALSE(CheckTaxonomy(t));
}

TEST(Directory, MasksFollowTheTermsBitsAndCodesComeBackInTheTaxonomysOrder) {
  const Taxonomy t = Small();
  EXPECT_EQ(*MaskOf(t, TaxonomyKind::kTheme, {"jobs", "food"}), (1 << 0) | (1 << 7));
  EXPECT_EQ(CodesOf(t, TaxonomyKind::kTheme, (1 << 0) | (1 << 7)),
            (std::vector<std::string>{"food", "jobs"}));
  auto unknown = MaskOf(t, TaxonomyKind::kTheme, {"fish"});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("\"fish\" is not one of the directory's outcome themes"),
            std::string::npos);
  EXPECT_NE(unknown.error().message.find("\"food\", \"jobs\""), std::string::npos);
  // A retired term is read on old entries but not offered for new ones.
  EXPECT_FALSE(MaskOf(t, TaxonomyKind::kTheme, {"old"}));
  EXPECT_EQ(*MaskOf(t, TaxonomyKind::kTheme, {"old"}, true), 1 << 3);
}

TEST(Directory, AnEntryIsNormalisedOrRefusedFieldByField) {
  const Taxonomy t = Small();
  DirectoryEntry e;
  e.name = "The Bread Shed";
  e.legal_form = "cic";
  e.themes = {"jobs", "food", "jobs"};
  e.areas = {"wales"};
  ASSERT_TRUE(NormaliseDirectoryEntry(t, e));
  EXPECT_EQ(e.themes, (std::vector<std::string>{"food", "jobs"}));
  EXPECT_EQ(e.theme_mask, (1 << 0) | (1 << 7));
  EXPECT_EQ(e.area_mask, 1 << 9);
  EXPECT_EQ(e.legal_form_mask, 1 << 2);
  EXPECT_EQ(e.sort_name, "bread shed");
  EXPECT_EQ(e.taxonomy_version, 2);

  DirectoryEntry bad;
  bad.name = "X";
  bad.themes = {};
  bad.areas = {"mars"};
  bad.people = -1;
  auto r = NormaliseDirectoryEntry(t, bad);
  ASSERT_FALSE(r);
  std::vector<std::string> fields;
  for (const FieldError& f : r.error().fields) fields.push_back(f.path);
  EXPECT_EQ(fields, (std::vector<std::string>{"themes", "areas", "legal_form", "people"}));
}

TEST(Directory, DuplicatesAreFoundWhateverTheSuffixCaseAndPunctuation) {
  EXPECT_EQ(DuplicateKey("The Bread Shed C.I.C."), "bread shed");
  EXPECT_EQ(DuplicateKey("bread  shed ltd"), "bread shed");
  EXPECT_EQ(DuplicateKey("Bread & Roses Limited"), "bread and roses");
  EXPECT_EQ(DuplicateKey("St. Mary's Trust"), "st marys trust");
  EXPECT_NE(DuplicateKey("Bread Shed North"), DuplicateKey("Bread Shed"));
}

TEST(Directory, SearchWordsCarryNothingOfTheQuerySyntax) {
  EXPECT_EQ(SearchWords("Food  bank, \"Leeds\" OR *drop*"),
            (std::vector<std::string>{"food", "bank", "leeds", "or", "drop"}));
  EXPECT_EQ(SearchWords("cymdeithas gymunedol Llanelli"),
            (std::vector<std::string>{"cymdeithas", "gymunedol", "llanelli"}));
  EXPECT_EQ(SearchWords("caffi'r dref"), (std::vector<std::string>{"caffi", "r", "dref"}));
  EXPECT_EQ(SearchWords("ŵyn"), (std::vector<std::string>{"ŵyn"}));
  EXPECT_TRUE(SearchWords(" -:()^ ").empty());
  EXPECT_EQ(SearchWords("a b c d e f g h i j").size(), 8U);
  // A long word is cut at a character boundary.
  const std::string long_word(39, 'a');
  EXPECT_EQ(SearchWords(long_word + "ŵ").at(0), long_word);
  // Bytes that are not UTF-8 do not reach the index.
  EXPECT_TRUE(SearchWords("\xff\xfe").empty());
}

}  // namespace
}  // namespace valuemark

// An application's view (application_view.h): what is missing is computed
// from the scheme version the application is pinned to.
#include "app/certification/application_view.h"

#include <gtest/gtest.h>

#include "app/certification/schemes.h"

namespace valuemark::app {
namespace {

TEST(ApplicationView, ADraftMissesEveryCriterionAndSignOffOfItsLevel) {
  auto schemes = LoadSchemeCatalogue(std::string(VALUEMARK_SOURCE_DIR) + "/data/schemes");
  ASSERT_TRUE(schemes.has_value()) << schemes.error().message;
  const Scheme* svmc = schemes->Latest("svmc");
  ASSERT_NE(svmc, nullptr);
  Application draft;
  draft.scheme_id = svmc->id;
  draft.scheme_version = svmc->version;
  draft.level = 1;
  const ApplicationView view = ViewApplication(*schemes, draft);
  ASSERT_EQ(view.scheme, svmc);
  EXPECT_EQ(view.level_name, svmc->Level(1)->name);
  std::vector<std::string> all;
  for (const Criterion& c : svmc->Level(1)->criteria) all.push_back(c.id);
  EXPECT_EQ(view.missing_evidence, all);
  EXPECT_EQ(view.missing_sign_offs, svmc->sign_off);
  EXPECT_EQ(view.met_percent, 0);
  EXPECT_EQ(view.application.level, 1);
}

TEST(ApplicationView, ASchemeVersionNotLoadedLeavesTheViewBare) {
  auto schemes = LoadSchemeCatalogue(std::string(VALUEMARK_SOURCE_DIR) + "/data/schemes");
  ASSERT_TRUE(schemes.has_value());
  Application old;
  old.scheme_id = "svmc";
  old.scheme_version = 999;
  old.level = 1;
  const ApplicationView view = ViewApplication(*schemes, old);
  EXPECT_EQ(view.scheme, nullptr);
  EXPECT_TRUE(view.missing_evidence.empty());
  EXPECT_TRUE(view.level_name.empty());
}

}  // namespace
}  // namespace valuemark::app

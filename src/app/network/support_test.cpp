// The built-in resource library (data/resources) as the product ships it:
// every file it names is there, and every scheme and criterion it serves is
// one of the shipped schemes', so that a criterion's help finds it.
#include "app/network/support.h"

#include <gtest/gtest.h>

#include "app/certification/schemes.h"
#include "app/network/directory.h"

namespace valuemark::app {
namespace {

TEST(BuiltInLibrary, EveryTemplateHasItsFileAndServesCriteriaOfTheShippedSchemes) {
  auto schemes = LoadSchemeCatalogue(std::string(VALUEMARK_SOURCE_DIR) + "/data/schemes");
  ASSERT_TRUE(schemes.has_value()) << schemes.error().message;
  SupportCatalogue catalogue;
  catalogue.taxonomy = &DirectoryTaxonomy();
  for (const Scheme* s : schemes->all()) {
    catalogue.scheme_ids.push_back(s->id);
    for (const SchemeLevel& l : s->levels)
      for (const valuemark::Criterion& c : l.criteria) catalogue.criterion_ids.push_back(c.id);
  }
  const auto& library = BuiltInLibrary();
  ASSERT_GE(library.size(), 2U);
  for (const BuiltInLibraryEntry& b : library) {
    SCOPED_TRACE(b.resource.id);
    EXPECT_TRUE(b.resource.built_in);
    EXPECT_GT(b.content.size(), 1000U);
    EXPECT_TRUE(b.content.starts_with("# ")) << "a Markdown document with its title first";
    Resource r = b.resource;
    r.link.clear();
    auto checked = NormaliseResource(catalogue, /*has_file=*/true, r);
    EXPECT_TRUE(checked.has_value()) << checked.error().message;
    EXPECT_FALSE(r.criteria.empty());
    // No criterion id reaches the words people read.
    EXPECT_EQ(b.content.find("svmc."), std::string_view::npos);
  }
}

}  // namespace
}  // namespace valuemark::app

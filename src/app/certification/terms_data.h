// The terms documents of data/terms/*.md, embedded at build time
// (terms_data.cpp.in): each file's name without .md, and its text.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace valuemark::app {

const std::vector<std::pair<std::string_view, std::string_view>>& TermsFiles();

}  // namespace valuemark::app

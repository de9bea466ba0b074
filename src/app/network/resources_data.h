// The built-in resource library of data/resources, embedded at build time
// (resources_data.cpp.in): each file's name, and its text.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace valuemark::app {

const std::vector<std::pair<std::string_view, std::string_view>>& ResourceFiles();

}  // namespace valuemark::app

// The most common passwords (data/passwords/common.txt), which no account may
// use: whatever its case, a password on the list is refused.
#pragma once

#include <string_view>

namespace valuemark::app {

bool IsCommonPassword(std::string_view password);

}  // namespace valuemark::app

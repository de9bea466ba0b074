// Input rules shared by the use cases. Each returns the cleaned value or an
// InvalidArgument error naming the field and the rule.
#pragma once

#include <string>

#include "core/result.h"

namespace valuemark::app {

// Trimmed, lower-cased; "must be an email address such as name@example.org".
Result<std::string> CleanEmail(const std::string& field, const std::string& email);
// Trimmed text of min..max characters.
Result<std::string> CleanText(const std::string& field, const std::string& text, size_t min, size_t max);
Result<std::string> CheckPassword(const std::string& field, const std::string& password);
// YYYY-MM-DD of a real calendar day.
Result<std::string> CheckDate(const std::string& field, const std::string& date);

inline Error InvalidField(const std::string& field, std::string message) {
  return Error::Field(ErrorCode::kInvalidArgument, field, std::move(message));
}

}  // namespace valuemark::app

// The fields of one server log line as JSON. The log pattern (valuemark
// serve) writes {"time":…,"level":…, and then these fields, so every line is
// one JSON object whatever the values hold (quotes, newlines, braces).
//   spdlog::info("{}", formats::LogLine("email sent").Add("outbox_id", id).Fields());
#pragma once

#include <string>
#include <string_view>

#include "formats/json_writer.h"

namespace valuemark::formats {

class LogLine {
 public:
  explicit LogLine(std::string_view msg) : w_(0) { w_.BeginObject().Field("msg", msg); }
  template <typename T>
  LogLine& Add(std::string_view key, const T& value) {
    w_.Field(key, value);
    return *this;
  }
  // `"msg":"…","key":value,…`: the object without its braces.
  std::string Fields() {
    std::string line = w_.EndObject().Take();
    return line.substr(1, line.size() - 2);
  }

 private:
  JsonWriter w_;
};

}  // namespace valuemark::formats

#include "storage/sql/dialect.h"

#include <cctype>

namespace valuemark::storage::sql {

std::string PostgresSql(std::string_view sql) {
  static constexpr std::string_view kBinary = "COLLATE BINARY";
  static constexpr std::string_view kC = "COLLATE \"C\"";
  static constexpr std::string_view kIndexedBy = " INDEXED BY ";
  std::string out;
  out.reserve(sql.size() + 8);
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '?' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
      out.push_back('$');
    } else if (c == ' ' && sql.substr(i, kIndexedBy.size()) == kIndexedBy) {
      i += kIndexedBy.size();  // the index's name follows, up to the next space
      while (i < sql.size() && sql[i] != ' ') ++i;
      --i;
    } else if (c == 'C' && sql.substr(i, kBinary.size()) == kBinary) {
      out.append(kC);
      i += kBinary.size() - 1;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace valuemark::storage::sql

#include "app/certification/terms.h"

#include <utility>

#include "app/certification/terms_data.h"

namespace valuemark::app {

const std::vector<TermsDocument>& BuiltInTerms() {
  static const std::vector<TermsDocument> documents = [] {
    std::vector<TermsDocument> out;
    for (const auto& [id, source] : TermsFiles()) {
      const std::string text(source);
      TermsDocument d;
      d.id = std::string(id);
      const size_t line_end = text.find('\n');
      std::string first = text.substr(0, line_end);
      if (first.starts_with("# ")) first = first.substr(2);
      d.title = first;
      d.text = line_end == std::string::npos ? "" : text.substr(line_end + 1);
      while (!d.text.empty() && (d.text.front() == '\n' || d.text.front() == '\r'))
        d.text.erase(0, 1);
      while (!d.text.empty() && (d.text.back() == '\n' || d.text.back() == '\r')) d.text.pop_back();
      out.push_back(std::move(d));
    }
    return out;
  }();
  return documents;
}

const TermsDocument* FindTerms(const std::string& id) {
  for (const TermsDocument& d : BuiltInTerms())
    if (d.id == id) return &d;
  return nullptr;
}

}  // namespace valuemark::app

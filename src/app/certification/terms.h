// The terms and conditions applicants accept: versioned documents
// (data/terms/<id>.md, built into the binary), named by each scheme file's
// "terms". A document never changes once published: a new version is a new
// file, and an application keeps the id of the version its Lead accepted.
#pragma once

#include <string>
#include <vector>

namespace valuemark::app {

struct TermsDocument {
  std::string id;     // the file's name without .md, e.g. "svmc-terms-v1"
  std::string title;  // its first line, without the "# "
  std::string text;   // the rest: paragraphs separated by blank lines
};

const std::vector<TermsDocument>& BuiltInTerms();
// nullptr when there is no such document.
const TermsDocument* FindTerms(const std::string& id);

}  // namespace valuemark::app

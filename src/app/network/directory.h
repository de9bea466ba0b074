// The directory of social enterprises (core/directory.h; issue 16 item 1).
// Anyone searches it and reads a listed entry; an organisation's Lead or
// Senior Leader writes its profile and chooses whether it is listed; the
// broker (a staff role) adds enterprises not on the platform, one at a time
// or from a CSV of the existing network, and is the way to get in touch: a
// request to contact an entry reaches the brokers, never the entry's address.
// Certification is shown live from the register.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/use_cases.h"
#include "core/directory.h"

namespace valuemark::app {

// The directory's taxonomy, read once from data/network/taxonomy.json (built
// into the binary).
const Taxonomy& DirectoryTaxonomy();

struct DirectoryEntryInput {
  std::string name;
  std::string summary;
  std::string legal_form;
  std::string size_band;
  int64_t people = 0;
  std::vector<std::string> areas;
  std::vector<std::string> themes;
  std::string website;
  std::string contact_name;
  std::string contact_email;
  bool listed = false;
  // The broker adds an entry whose name another entry already has only when
  // told this is a different enterprise.
  bool not_a_duplicate = false;
  std::optional<int64_t> version;  // the version the caller saw (updates)
};

// A certificate the entry's organisation holds now, from the register.
struct DirectoryCertificate {
  std::string certificate_id;
  std::string title;  // "Social Value Quality Mark, level 2: Forecast"
  std::string scheme_id;
  int level = 0;
  bool suspended = false;
};

struct DirectoryEntryView {
  DirectoryEntry entry;
  std::vector<DirectoryCertificate> certificates;
  bool may_edit = false;
  // The contact details are in the view only for the brokers and the
  // organisation's own representatives.
  bool contact_visible = false;
};

struct DirectoryQuery {
  std::string text;
  std::vector<std::string> themes;
  std::vector<std::string> areas;  // an entry serving the whole UK serves every area
  std::vector<std::string> legal_forms;
  bool certified = false;     // only entries holding a certificate in force
  std::string scheme_id;      // only those certified under this scheme ...
  int level = 0;              // ... at this level (0: any)
  bool unlisted_too = false;  // the broker's view: entries not listed as well
  int offset = 0;
  int limit = 20;
};

struct DirectoryFacet {
  std::string value;
  std::string label;
  int64_t count = 0;
};

struct DirectoryPage {
  std::vector<DirectoryEntryView> items;
  int64_t total = 0;
  int offset = 0;
  int limit = 0;
  // Counts within the matches, for every term (zeros included) in the
  // taxonomy's order; certification by scheme and level.
  std::vector<DirectoryFacet> themes, areas, legal_forms, certification;
  int64_t certified = 0;
};

struct DirectoryImportProblem {
  size_t row = 0;      // the file's row (1: the header)
  std::string column;  // the column's name, "" for the whole row
  std::string message;
};

struct DirectoryImportReport {
  int added = 0;
  // Rows naming an enterprise already in the directory (or twice in the
  // file): left out, each with the entry it matches.
  struct Duplicate {
    size_t row = 0;
    std::string name;
    std::string existing_id;  // "" when it repeats an earlier row of the file
    std::string existing_name;
  };
  std::vector<Duplicate> duplicates;
};

class DirectoryService : public UseCases {
 public:
  using UseCases::UseCases;

  // Anyone (caller may be null). The broker's view may include entries not
  // listed.
  Result<DirectoryPage> Search(const Caller* caller, const DirectoryQuery& query);
  // A listed entry, for anyone; an unlisted one only for the brokers and the
  // organisation's members.
  Result<DirectoryEntryView> Get(const Caller* caller, const std::string& id);

  // The organisation's profile (its members and staff): the saved one, or
  // nullopt when it has none yet.
  Result<std::optional<DirectoryEntryView>> Profile(const Caller& caller,
                                                    const std::string& org_id);
  // Writes it (the Lead or the Senior Leader).
  Result<DirectoryEntryView> SaveProfile(const Caller& caller, const std::string& org_id,
                                         const DirectoryEntryInput& input);

  // The broker's own entries (brokers and administrators).
  Result<DirectoryEntryView> AddEntry(const Caller& caller, const DirectoryEntryInput& input);
  Result<DirectoryEntryView> UpdateEntry(const Caller& caller, const std::string& id,
                                         const DirectoryEntryInput& input);
  Result<void> DeleteEntry(const Caller& caller, const std::string& id);
  // Columns: name, summary, legal_form, size_band, people, areas, themes,
  // website, contact_name, contact_email, listed (lists separated by ';';
  // codes or the taxonomy's names). All or nothing: any problem, each named
  // by row and column, adds none; duplicates are left out and reported.
  Result<DirectoryImportReport> ImportCsv(const Caller& caller, const std::string& csv);

  // A signed-in user asks the broker to put them in touch with an entry: the
  // brokers are emailed the request; the entry's address is not disclosed.
  Result<void> RequestContact(const Caller& caller, const std::string& id,
                              const std::string& message);

 private:
  // The entry as `caller` may see it; its certificates read from the
  // register unless the caller already has them (a search read it once).
  Result<DirectoryEntryView> View(
      Transaction& tx, const Caller* caller, DirectoryEntry entry,
      std::optional<std::vector<DirectoryCertificate>> certificates = std::nullopt);
  Result<DirectoryEntry> Checked(const DirectoryEntryInput& input);
};

// Whether the caller is a broker (or an administrator, who may do what a broker does).
bool IsBroker(const Caller& caller);
// Those who hear of what the broker must act on: the active brokers, or the
// administrators when there are none.
Result<std::vector<User>> Brokers(Transaction& tx);

}  // namespace valuemark::app

#include "app/network/directory.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>
#include <unordered_map>

#include "app/audit/chain.h"
#include "app/certification/certificates.h"
#include "app/certification/certification.h"
#include "app/crypto.h"
#include "app/network/taxonomy_data.h"
#include "app/validate.h"
#include "core/calendar.h"
#include "formats/csv_rows.h"
#include "formats/directory_json.h"
#include "formats/json_writer.h"

namespace valuemark::app {
namespace {

constexpr int kMaxPageSize = 100;
constexpr int kMaxOffset = 100'000;
constexpr size_t kMaxSearchText = 200;
constexpr size_t kMaxImportRows = 5000;
constexpr size_t kMaxContactMessage = 2000;

Error NoSuchEntry() { return Error::Make(ErrorCode::kNotFound, "no such directory entry"); }

// What the audit keeps of an entry: everything but the contact details.
std::string EntryJson(const DirectoryEntry& e) {
  formats::JsonWriter w(0);
  w.BeginObject().Field("id", e.id);
  formats::WriteDirectoryEntryFields(w, e);
  w.EndObject();
  return w.Take();
}

// The register as the directory shows it: each organisation's certificates
// in force (suspended ones flagged), by organisation.
using Holdings = std::unordered_map<std::string, std::vector<DirectoryCertificate>>;

Result<Holdings> LoadHoldings(Transaction& tx, Days today) {
  Holdings out;
  auto list = TRY(tx.ListCertificatesInForce(FormatDay(today)));
  for (const StoredCertificate& s : list) {
    if (s.standing == CertificateStanding::kRevoked) continue;
    const Certificate& c = s.certificate;
    out[c.organisation_id].push_back({c.id, CertificateTitle(c), c.scheme_id, c.level,
                                      s.standing == CertificateStanding::kSuspended});
  }
  return out;
}

bool Holds(const std::vector<DirectoryCertificate>& held, const std::string& scheme, int level) {
  for (const DirectoryCertificate& c : held) {
    if (c.suspended) continue;
    if (!scheme.empty() && c.scheme_id != scheme) continue;
    if (level > 0 && c.level != level) continue;
    return true;
  }
  return false;
}

// A taxonomy term named by its code or its name, in any case.
std::optional<std::string> TermCode(TaxonomyKind kind, std::string_view text) {
  const std::string wanted = AsciiLower(std::string(text));
  for (const TaxonomyTerm& t : Terms(DirectoryTaxonomy(), kind))
    if (!t.retired && (t.code == wanted || AsciiLower(t.name) == wanted)) return t.code;
  return std::nullopt;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : std::string(text) + ";") {
    if (c == ';' || c == '|') {
      while (!item.empty() && item.back() == ' ') item.pop_back();
      size_t start = item.find_first_not_of(' ');
      if (start != std::string::npos) out.push_back(item.substr(start));
      item.clear();
    } else {
      item.push_back(c);
    }
  }
  return out;
}

// The seqs of the matches at [offset, offset + limit) in the order of their
// (rank, seq): two selections and a sort of the page, linear in the matches.
std::vector<int64_t> PageOf(std::vector<std::pair<double, int64_t>> placed, int64_t offset,
                            int64_t limit) {
  std::vector<int64_t> seqs;
  if (offset >= static_cast<int64_t>(placed.size())) return seqs;
  const auto first = placed.begin() + offset;
  const auto last = placed.begin() + std::min<int64_t>(offset + limit, placed.size());
  std::nth_element(placed.begin(), first, placed.end());
  if (last != placed.end()) std::nth_element(first, last, placed.end());
  std::sort(first, last);
  for (auto it = first; it != last; ++it) seqs.push_back(it->second);
  return seqs;
}

}  // namespace

Result<std::vector<User>> Brokers(Transaction& tx) {
  for (PlatformRole role : {PlatformRole::kBroker, PlatformRole::kAdministrator}) {
    UserQuery q;
    q.role = role;
    q.active = true;
    auto list = TRY(tx.ListUsers(PageRequest{"", 200}, q));
    if (!list.empty()) return list;
  }
  return std::vector<User>{};
}

const Taxonomy& DirectoryTaxonomy() {
  static const Taxonomy taxonomy = [] {
    auto parsed = formats::ParseTaxonomy(DirectoryTaxonomyJson());
    if (!parsed) {
      // The file is checked by the build's tests; a broken one is a build defect.
      fmt::print(stderr, "data/network/taxonomy.json: {}\n", parsed.error().message);
      std::abort();
    }
    return *parsed;
  }();
  return taxonomy;
}

bool IsBroker(const Caller& caller) {
  return caller.user.platform_role == PlatformRole::kBroker ||
         caller.user.platform_role == PlatformRole::kAdministrator;
}

Result<DirectoryEntry> DirectoryService::Checked(const DirectoryEntryInput& in) {
  std::vector<FieldError> errors;
  auto take = [&](auto r) {
    if (!r) errors.insert(errors.end(), r.error().fields.begin(), r.error().fields.end());
    return r ? *r : std::string();
  };
  DirectoryEntry e;
  e.name = take(CleanText("name", in.name, 1, kMaxDirectoryName));
  e.summary = take(CleanText("summary", in.summary, 10, kMaxDirectorySummary, Lines::kMulti));
  e.website = take(CleanText("website", in.website, 0, kMaxDirectoryWebsite));
  if (!e.website.empty() && e.website.rfind("https://", 0) != 0 &&
      e.website.rfind("http://", 0) != 0)
    errors.push_back({"website", "must start with https:// (or http://), or be left empty"});
  e.contact_name = take(CleanText("contact_name", in.contact_name, 0, kMaxDirectoryName));
  if (!in.contact_email.empty())
    e.contact_email = take(CleanEmail("contact_email", in.contact_email));
  if (auto band = ParseSizeBand(in.size_band))
    e.size_band = *band;
  else
    errors.push_back({"size_band", "choose the size: small, medium, large or very large"});
  e.legal_form = in.legal_form;
  e.areas = in.areas;
  e.themes = in.themes;
  e.people = in.people;
  e.listed = in.listed;
  if (auto n = NormaliseDirectoryEntry(DirectoryTaxonomy(), e); !n)
    errors.insert(errors.end(), n.error().fields.begin(), n.error().fields.end());
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return e;
}

Result<DirectoryEntryView> DirectoryService::View(
    Transaction& tx, const Caller* caller, DirectoryEntry entry,
    std::optional<std::vector<DirectoryCertificate>> certificates) {
  DirectoryEntryView v;
  if (certificates) {
    v.certificates = std::move(*certificates);
  } else if (!entry.organisation_id.empty()) {
    Holdings held = TRY(LoadHoldings(tx, DayOf(Now())));
    if (auto it = held.find(entry.organisation_id); it != held.end()) v.certificates = it->second;
  }
  if (caller != nullptr) {
    if (IsBroker(*caller)) {
      v.contact_visible = true;
      v.may_edit = entry.source == DirectorySource::kBroker;
    } else if (!entry.organisation_id.empty()) {
      auto member = TRY(tx.FindMember(entry.organisation_id, caller->user.id));
      if (member) {
        v.contact_visible = true;
        v.may_edit = Decide(PlatformRole::kNone, member->role, OrgAction::kEdit) == Access::kAllow;
      }
    }
  }
  if (!v.contact_visible) {
    entry.contact_name.clear();
    entry.contact_email.clear();
  }
  v.entry = std::move(entry);
  return v;
}

Result<DirectoryPage> DirectoryService::Search(const Caller* caller, const DirectoryQuery& q) {
  const Taxonomy& tax = DirectoryTaxonomy();
  std::vector<FieldError> errors;
  if (q.limit < 1 || q.limit > kMaxPageSize)
    errors.push_back({"limit", fmt::format("must be 1 to {}", kMaxPageSize)});
  if (q.offset < 0 || q.offset > kMaxOffset)
    errors.push_back({"offset", fmt::format("must be 0 to {}", kMaxOffset)});
  if (auto t = CleanText("q", q.text, 0, kMaxSearchText); !t)
    errors.insert(errors.end(), t.error().fields.begin(), t.error().fields.end());
  if (q.level < 0 || q.level > 9) errors.push_back({"level", "must be a level's number"});
  DirectorySearch s;
  auto mask = [&](const char* field, TaxonomyKind kind, const std::vector<std::string>& codes) {
    auto m = MaskOf(tax, kind, codes, true);
    if (!m) errors.push_back({field, m.error().message});
    return m ? *m : 0;
  };
  s.theme_mask = mask("theme", TaxonomyKind::kTheme, q.themes);
  s.area_mask = mask("area", TaxonomyKind::kArea, q.areas);
  s.legal_form_mask = mask("legal_form", TaxonomyKind::kLegalForm, q.legal_forms);
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  // An enterprise serving the whole UK serves every area.
  if (s.area_mask != 0)
    if (const TaxonomyTerm* uk = FindTerm(tax, TaxonomyKind::kArea, "uk_wide"))
      s.area_mask |= int64_t{1} << uk->bit;
  s.words = SearchWords(q.text);
  const bool unlisted_too = q.unlisted_too && caller != nullptr && IsBroker(*caller);
  const bool cert_filter = q.certified || !q.scheme_id.empty() || q.level > 0;

  DirectoryPage page;
  page.offset = q.offset;
  page.limit = q.limit;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    const Holdings held = TRY(LoadHoldings(tx, DayOf(Now())));
    std::array<int64_t, 63> themes{}, areas{}, forms{};
    std::map<std::pair<std::string, int>, std::pair<std::string, int64_t>> levels;
    std::vector<int64_t> seqs;
    // n matches with the terms of mask m.
    auto count_bits = [](std::array<int64_t, 63>& counts, int64_t m, int64_t n) {
      for (uint64_t bits = static_cast<uint64_t>(m); bits != 0; bits &= bits - 1)
        counts[__builtin_ctzll(bits)] += n;
    };
    // n matches of an organisation holding `mine`.
    auto count_certified = [&](const std::vector<DirectoryCertificate>& mine, int64_t n) {
      bool any = false;
      std::set<std::pair<std::string, int>> counted;
      for (const DirectoryCertificate& c : mine) {
        if (c.suspended || !counted.insert({c.scheme_id, c.level}).second) continue;
        any = true;
        auto& slot = levels[{c.scheme_id, c.level}];
        slot.first = c.title;
        slot.second += n;
      }
      if (any) page.certified += n;
    };
    // A back end that counts inside the database (PostgreSQL, without words) sends the
    // counts and one page instead of every match. A certification filter
    // needs each match's organisation, and is read by the scan.
    std::optional<DirectoryCounts> counts;
    if (!cert_filter) counts = TRY(tx.CountDirectory(s, unlisted_too, q.offset, q.limit));
    if (counts) {
      for (const auto& [m, n] : counts->themes) count_bits(themes, m, n);
      for (const auto& [m, n] : counts->areas) count_bits(areas, m, n);
      for (const auto& [m, n] : counts->legal_forms) count_bits(forms, m, n);
      page.total = counts->total;
      for (const auto& [org, n] : counts->organisations)
        if (auto it = held.find(org); it != held.end()) count_certified(it->second, n);
      seqs = std::move(counts->page);
    } else {
      std::vector<std::pair<double, int64_t>> placed;  // (rank, seq) of every match
      auto scan = [&](const DirectoryHit& hit) {
        const std::vector<DirectoryCertificate>* mine = nullptr;
        if (!hit.organisation_id.empty())
          if (auto it = held.find(std::string(hit.organisation_id)); it != held.end())
            mine = &it->second;
        if (cert_filter && (mine == nullptr || !Holds(*mine, q.scheme_id, q.level))) return;
        ++page.total;
        placed.emplace_back(hit.rank, hit.seq);
        count_bits(themes, hit.theme_mask, 1);
        count_bits(areas, hit.area_mask, 1);
        count_bits(forms, hit.legal_form_mask, 1);
        if (mine != nullptr) count_certified(*mine, 1);
      };
      if (cert_filter && s.words.empty()) {
        // Only a certified organisation's profile can pass: read those alone.
        std::vector<std::string> certified;
        for (const auto& [org, mine] : held)
          if (Holds(mine, q.scheme_id, q.level)) certified.push_back(org);
        std::sort(certified.begin(), certified.end());
        TRY(tx.ScanDirectoryOf(certified, s, unlisted_too, scan));
      } else {
        TRY(tx.ScanDirectory(s, unlisted_too, scan));
      }
      seqs = PageOf(std::move(placed), q.offset, q.limit);
    }
    auto facets = [&](TaxonomyKind kind, const std::array<int64_t, 63>& counts) {
      std::vector<DirectoryFacet> out;
      for (const TaxonomyTerm& t : Terms(tax, kind))
        if (!t.retired) out.push_back({t.code, t.name, counts[t.bit]});
      return out;
    };
    page.themes = facets(TaxonomyKind::kTheme, themes);
    page.areas = facets(TaxonomyKind::kArea, areas);
    page.legal_forms = facets(TaxonomyKind::kLegalForm, forms);
    for (const auto& [key, slot] : levels) {
      // The title names the scheme and level; the organisation's scope is not part of it.
      page.certification.push_back(
          {fmt::format("{}:{}", key.first, key.second), slot.first, slot.second});
    }
    for (DirectoryEntry& entry : TRY(tx.FindDirectoryEntriesBySeq(seqs))) {
      // The register was read once for the whole search.
      auto it = held.find(entry.organisation_id);
      page.items.push_back(
          TRY(View(tx, caller, std::move(entry),
                   it != held.end() ? it->second : std::vector<DirectoryCertificate>())));
    }
    return {};
  }));
  return page;
}

Result<DirectoryEntryView> DirectoryService::Get(const Caller* caller, const std::string& id) {
  return store_.ReadValue([&](Transaction& tx) -> Result<DirectoryEntryView> {
    auto entry = TRY(tx.FindDirectoryEntry(id));
    if (!entry) return Fail(NoSuchEntry());
    DirectoryEntryView v = TRY(View(tx, caller, std::move(*entry)));
    if (!v.entry.listed && !v.contact_visible) return Fail(NoSuchEntry());
    return v;
  });
}

Result<std::optional<DirectoryEntryView>> DirectoryService::Profile(const Caller& caller,
                                                                    const std::string& org_id) {
  return ReadInOrganisation<std::optional<DirectoryEntryView>>(
      caller, org_id, OrgAction::kRead,
      [&](Transaction& tx) -> Result<std::optional<DirectoryEntryView>> {
        auto entry = TRY(tx.FindDirectoryEntryOfOrganisation(org_id));
        if (!entry) return std::optional<DirectoryEntryView>();
        return std::optional(TRY(View(tx, &caller, std::move(*entry))));
      });
}

Result<DirectoryEntryView> DirectoryService::SaveProfile(const Caller& caller,
                                                         const std::string& org_id,
                                                         const DirectoryEntryInput& input) {
  DirectoryEntry e = TRY(Checked(input));
  return store_.WriteValue([&](Transaction& tx) -> Result<DirectoryEntryView> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kEdit));
    auto before = TRY(tx.FindDirectoryEntryOfOrganisation(org_id));
    e.organisation_id = org_id;
    e.source = DirectorySource::kOrganisation;
    e.updated_at = Now();
    e.updated_by = caller.user.id;
    if (before) {
      TRY(CheckVersionSeen("saved this profile", input.version, before->version));
      e.id = before->id;
      e.created_at = before->created_at;
      e.version = before->version;
      TRY(tx.UpdateDirectoryEntry(e));
      ++e.version;
    } else {
      e.id = NewId();
      e.created_at = e.updated_at;
      e.version = 1;
      TRY(tx.InsertDirectoryEntry(e));
    }
    TRY(AppendAuditEvent(
        tx,
        {caller.user.id, before ? "directory.profile_update" : "directory.profile_create",
         "directory_entry", e.id, org_id, EntryJson(e),
         before ? EntryJson(*before) : std::string()},
        Now()));
    return View(tx, &caller, std::move(e));
  });
}

Result<DirectoryEntryView> DirectoryService::AddEntry(const Caller& caller,
                                                      const DirectoryEntryInput& input) {
  if (!IsBroker(caller)) return Fail(NotAllowed());
  DirectoryEntry e = TRY(Checked(input));
  return store_.WriteValue([&](Transaction& tx) -> Result<DirectoryEntryView> {
    if (!input.not_a_duplicate) {
      auto same = TRY(tx.FindDirectoryEntriesByDuplicateKey(DuplicateKey(e.name)));
      if (!same.empty())
        return Fail(Error::Field(
            ErrorCode::kAlreadyExists, "name",
            fmt::format("the directory already has \"{}\": open that entry, or say this is a "
                        "different enterprise",
                        same.front().name)));
    }
    e.id = NewId();
    e.source = DirectorySource::kBroker;
    e.created_at = e.updated_at = Now();
    e.updated_by = caller.user.id;
    TRY(tx.InsertDirectoryEntry(e));
    TRY(AppendAuditEvent(
        tx, {caller.user.id, "directory.entry_add", "directory_entry", e.id, "", EntryJson(e)},
        Now()));
    return View(tx, &caller, std::move(e));
  });
}

Result<DirectoryEntryView> DirectoryService::UpdateEntry(const Caller& caller,
                                                         const std::string& id,
                                                         const DirectoryEntryInput& input) {
  if (!IsBroker(caller)) return Fail(NotAllowed());
  DirectoryEntry e = TRY(Checked(input));
  return store_.WriteValue([&](Transaction& tx) -> Result<DirectoryEntryView> {
    auto before = TRY(tx.FindDirectoryEntry(id));
    if (!before) return Fail(NoSuchEntry());
    if (before->source != DirectorySource::kBroker)
      return Fail(Error::Make(ErrorCode::kPermissionDenied,
                              "this is an organisation's own profile: only its Lead or Senior "
                              "Leader changes it"));
    TRY(CheckVersionSeen("changed this entry", input.version, before->version));
    e.id = before->id;
    e.source = DirectorySource::kBroker;
    e.created_at = before->created_at;
    e.updated_at = Now();
    e.updated_by = caller.user.id;
    e.version = before->version;
    TRY(tx.UpdateDirectoryEntry(e));
    ++e.version;
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, "directory.entry_update", "directory_entry", e.id, "",
                          EntryJson(e), EntryJson(*before)},
                         Now()));
    return View(tx, &caller, std::move(e));
  });
}

Result<void> DirectoryService::DeleteEntry(const Caller& caller, const std::string& id) {
  if (!IsBroker(caller)) return Fail(NotAllowed());
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto before = TRY(tx.FindDirectoryEntry(id));
    if (!before) return Fail(NoSuchEntry());
    if (before->source != DirectorySource::kBroker)
      return Fail(Error::Make(ErrorCode::kPermissionDenied,
                              "this is an organisation's own profile: its Lead or Senior Leader "
                              "takes it out of the directory"));
    TRY(tx.DeleteDirectoryEntry(id));
    return AppendAuditEvent(
        tx,
        {caller.user.id, "directory.entry_remove", "directory_entry", id, "", EntryJson(*before)},
        Now());
  });
}

Result<DirectoryImportReport> DirectoryService::ImportCsv(const Caller& caller,
                                                          const std::string& csv) {
  if (!IsBroker(caller)) return Fail(NotAllowed());
  std::vector<formats::CsvRow> rows =
      TRY(formats::ReadCsvImport(csv, /*trim_spaces=*/true, kMaxImportRows));
  static const std::array<std::string_view, 11> kColumns{
      "name",   "summary", "legal_form",   "size_band",     "people", "areas",
      "themes", "website", "contact_name", "contact_email", "listed"};
  std::map<std::string, size_t> column_of;
  std::vector<FieldError> errors;
  const std::string header_name = formats::CsvRowName(1, rows[0].line);
  for (size_t c = 0; c < rows[0].cells.size(); ++c) {
    const std::string name = AsciiLower(rows[0].cells[c]);
    if (std::find(kColumns.begin(), kColumns.end(), name) == kColumns.end()) {
      errors.push_back({fmt::format("{}, column {}", header_name, c + 1),
                        fmt::format("\"{}\" is not a column of the directory: use {}",
                                    rows[0].cells[c].substr(0, 60),
                                    "name, summary, legal_form, size_band, people, areas, themes, "
                                    "website, contact_name, contact_email, listed")});
    } else if (!column_of.emplace(name, c).second) {
      errors.push_back({fmt::format("{}, column {}", header_name, c + 1),
                        fmt::format("\"{}\" is named twice", name)});
    }
  }
  for (const char* required : {"name", "summary", "legal_form", "size_band", "areas", "themes"})
    if (!column_of.contains(required))
      errors.push_back({header_name, fmt::format("needs a column \"{}\"", required)});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));

  struct Row {
    size_t row;
    DirectoryEntry entry;
  };
  std::vector<Row> entries;
  for (size_t r = 1; r < rows.size(); ++r) {
    const formats::CsvRow& row = rows[r];
    const std::string where = formats::CsvRowName(r + 1, row.line);
    auto cell = [&](const char* name) -> std::string {
      auto it = column_of.find(name);
      return it != column_of.end() && it->second < row.cells.size() ? row.cells[it->second] : "";
    };
    std::set<std::string> reported;  // this row's columns with a problem
    auto problem = [&](const std::string& column, std::string message) {
      if (!reported.insert(column).second) return;
      errors.push_back({fmt::format("{}, {}", where, column), std::move(message)});
    };
    DirectoryEntryInput in;
    in.name = cell("name");
    in.summary = cell("summary");
    in.size_band = AsciiLower(cell("size_band"));
    for (char& c : in.size_band)
      if (c == ' ') c = '_';
    in.website = cell("website");
    in.contact_name = cell("contact_name");
    in.contact_email = cell("contact_email");
    const std::string people = cell("people");
    if (!people.empty()) {
      int64_t n = -1;
      auto [end, ec] = std::from_chars(people.data(), people.data() + people.size(), n);
      if (ec != std::errc() || end != people.data() + people.size() || n < 0 ||
          n > kMaxDirectoryPeople) {
        problem("people", fmt::format("must be a whole number of staff and volunteers, 0 to {}",
                                      kMaxDirectoryPeople));
      } else {
        in.people = n;
      }
    }
    const std::string listed = AsciiLower(cell("listed"));
    if (listed.empty() || listed == "yes" || listed == "true" || listed == "1") {
      in.listed = true;
    } else if (listed == "no" || listed == "false" || listed == "0") {
      in.listed = false;
    } else {
      problem("listed", "must be yes or no");
    }
    auto codes = [&](const char* column, const char* words, TaxonomyKind kind,
                     std::vector<std::string>& out) {
      for (const std::string& item : SplitList(cell(column))) {
        if (auto code = TermCode(kind, item))
          out.push_back(*code);
        else
          problem(column, fmt::format("\"{}\" is not one of the directory's {}: use a name from "
                                      "the list",
                                      item.substr(0, 60), words));
      }
    };
    codes("areas", "areas", TaxonomyKind::kArea, in.areas);
    codes("themes", "outcome themes", TaxonomyKind::kTheme, in.themes);
    std::vector<std::string> form;
    codes("legal_form", "legal forms", TaxonomyKind::kLegalForm, form);
    if (form.size() > 1) problem("legal_form", "name one legal form");
    in.legal_form = form.empty() ? "" : form.front();
    // Every problem of the row at once: the rules of an entry, beside those
    // of reading the cells, each column named once.
    auto checked = Checked(in);
    if (!checked) {
      for (const FieldError& f : checked.error().fields)
        if (!reported.contains(f.path)) problem(f.path, f.message);
      continue;
    }
    if (!reported.empty()) continue;
    entries.push_back({r + 1, std::move(*checked)});
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));

  DirectoryImportReport report;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    report = {};
    std::map<std::string, size_t> seen;  // duplicate key -> row
    for (Row& r : entries) {
      DirectoryEntry& e = r.entry;
      const std::string key = DuplicateKey(e.name);
      if (auto it = seen.find(key); it != seen.end()) {
        report.duplicates.push_back({r.row, e.name, "", fmt::format("row {}", it->second)});
        continue;
      }
      seen.emplace(key, r.row);
      auto same = TRY(tx.FindDirectoryEntriesByDuplicateKey(key));
      if (!same.empty()) {
        report.duplicates.push_back({r.row, e.name, same.front().id, same.front().name});
        continue;
      }
      e.id = NewId();
      e.source = DirectorySource::kBroker;
      e.created_at = e.updated_at = Now();
      e.updated_by = caller.user.id;
      TRY(tx.InsertDirectoryEntry(e));
      ++report.added;
    }
    formats::JsonWriter w(0);
    w.BeginObject()
        .Field("added", static_cast<int64_t>(report.added))
        .Field("duplicates", static_cast<int64_t>(report.duplicates.size()))
        .EndObject();
    return AppendAuditEvent(
        tx, {caller.user.id, "directory.import", "directory", "import", "", w.Take()}, Now());
  }));
  // The import is kept whatever this says: it only helps the searches after it.
  (void)store_.TidyDirectory();
  return report;
}

Result<void> DirectoryService::RequestContact(const Caller& caller, const std::string& id,
                                              const std::string& message) {
  auto text = TRY(CleanText("message", message, 10, kMaxContactMessage, Lines::kMulti));
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto entry = TRY(tx.FindDirectoryEntry(id));
    if (!entry || !entry->listed) return Fail(NoSuchEntry());
    formats::JsonWriter w(0);
    w.BeginObject().Field("entry", entry->name).Field("message", text).EndObject();
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, "directory.contact_request", "directory_entry", entry->id,
                          entry->organisation_id, w.Take()},
                         Now()));
    for (const User& broker : TRY(Brokers(tx))) {
      TRY(NotifyUser(
          tx, broker.id,
          fmt::format("ValueMark: {} asks to be put in touch with {}", OneLine(caller.user.name),
                      OneLine(entry->name)),
          fmt::format("{} ({}) asks to be put in touch with {}. Ask {} whether they agree before "
                      "you share anyone's contact details.\n\nTheir message:\n{}\n\nThe entry: "
                      "{}/directory/{}",
                      OneLine(caller.user.name), caller.user.email, entry->name, entry->name, text,
                      options_.public_url, entry->id),
          Now()));
    }
    return {};
  });
}

}  // namespace valuemark::app

#include "distribution.h"

#include <fmt/format.h>

#include <algorithm>
#include <ranges>

namespace valuemark::storage_test {
namespace {

constexpr char kTenantColumn[] = "organisation_id";
constexpr char kRoot[] = "organisations";

const Placed* Find(const std::vector<Placed>& list, const std::string& table) {
  const auto it = std::ranges::find(list, table, &Placed::table);
  return it == list.end() ? nullptr : &*it;
}

bool Has(const std::vector<std::string>& columns, const std::string& column) {
  return std::ranges::find(columns, column) != columns.end();
}

enum class Placement { kRoot, kTenant, kAudit, kGlobal, kUnplaced };

Placement PlacementOf(const TableKeys& table) {
  if (table.name == kRoot) return Placement::kRoot;
  if (Find(AuditTables(), table.name) != nullptr) return Placement::kAudit;
  if (Find(GlobalTables(), table.name) != nullptr) return Placement::kGlobal;
  if (Has(table.columns, kTenantColumn)) return Placement::kTenant;
  return Placement::kUnplaced;
}

// The tenant or audit column a key must lead with, for a table so placed.
void CheckKeys(const TableKeys& table, const std::string& lead,
               std::vector<std::string>& problems) {
  if (table.primary_key.empty() || table.primary_key.front() != lead) {
    problems.push_back(fmt::format("{}: its primary key ({}) does not lead with {}", table.name,
                                   fmt::join(table.primary_key, ", "), lead));
  }
  for (const auto& unique : table.unique_keys) {
    if (unique.empty() || unique.front() != lead) {
      problems.push_back(fmt::format("{}: its unique key ({}) does not lead with {}", table.name,
                                     fmt::join(unique, ", "), lead));
    }
  }
}

}  // namespace

const std::vector<Placed>& GlobalTables() {
  static const std::vector<Placed> kGlobal = {
      {"users", "a person's account, with every organisation they belong to"},
      {"sessions", "a user's sign-in, across their organisations"},
      {"password_resets", "a user's, not an organisation's"},
      {"email_verifications", "a user's, not an organisation's"},
      {"login_failures", "counted per email address and client, before anyone is known"},
      {"notification_reads", "how far a user has read, across their organisations"},
      {"outbox", "emails to people, by address"},
      {"rounds", "the certifying body's rounds, which every organisation applies in"},
      {"scheme_versions", "the certifying body's schemes, the same for every organisation"},
      {"signing_keys", "the certifying body's keys, which sign every organisation's certificates"},
      {"schema_migrations", "the database's own record of its migrations"},
      {"invoice_sequences",
       "the certifying body numbers its invoices in one sequence a year, across organisations"},
      {"directory_entries",
       "the directory of social enterprises is searched across organisations, and holds "
       "enterprises that are on no organisation's account (organisation_id names a profile's "
       "organisation, not a key)"},
      {"directory_search",
       "the directory's words and filters, one row per entry of directory_entries (PostgreSQL "
       "only), searched across organisations as that table is"},
      {"preparation_slots",
       "the Assurance Manager's calendar of preparation calls, which any organisation books from "
       "(organisation_id names who booked a time, not a key)"},
      {"brokerage_needs",
       "the certifying body's broker works every organisation's needs at once, ranking the "
       "whole directory against each (organisation_id names whose need it is, not a key)"},
      {"brokerage_matches",
       "a match joins two organisations, or one and an enterprise on no account: it belongs to "
       "neither alone"},
      {"support_practitioners",
       "the certifying body's register of practitioners, which anyone searches"},
      {"support_consultants",
       "the certifying body's directory of consultants, which anyone searches"},
      {"support_resources",
       "the certifying body's resource library, the same for every organisation"},
      {"survey_links",
       "the public survey page knows only the token: this table finds the organisation "
       "(its organisation_id is the answer, not a key) before any organisation is known"},
  };
  return kGlobal;
}

const std::vector<Placed>& AuditTables() {
  static const std::vector<Placed> kAudit = {
      {"audit_log",
       "one hash chain per organisation and one for the platform; its organisation_id is the "
       "entry's subject, which for a platform entry is no tenant"},
      {"audit_heads", "the head of each chain (PostgreSQL only)"},
      {"audit_checkpoints", "signed checkpoints of each chain"},
  };
  return kAudit;
}

std::vector<std::string> DistributionProblems(const std::vector<TableKeys>& tables) {
  std::vector<std::string> problems;
  const auto placement_of = [&](const std::string& name) {
    const auto it = std::ranges::find(tables, name, &TableKeys::name);
    return it == tables.end() ? Placement::kUnplaced : PlacementOf(*it);
  };
  for (const auto& list : {GlobalTables(), AuditTables()}) {
    for (const auto& placed : list) {
      // Tables PostgreSQL alone has (SQLite does without them).
      const bool postgres_only =
          placed.table == "audit_heads" || placed.table == "directory_search";
      if (std::ranges::find(tables, placed.table, &TableKeys::name) == tables.end() &&
          !postgres_only) {
        problems.push_back(fmt::format(
            "{} is placed in tests/storage/distribution.cpp but not in the schema", placed.table));
      }
    }
  }
  for (const auto& table : tables) {
    switch (PlacementOf(table)) {
      case Placement::kUnplaced:
        problems.push_back(
            fmt::format("{} has no {} column: add one (a tenant table) or place it as global in "
                        "tests/storage/distribution.cpp, with the reason",
                        table.name, kTenantColumn));
        break;
      case Placement::kRoot:
        CheckKeys(table, "id", problems);
        break;
      case Placement::kTenant:
        CheckKeys(table, kTenantColumn, problems);
        for (const auto& fk : table.foreign_keys) {
          const Placement target = placement_of(fk.table);
          if (target != Placement::kTenant && target != Placement::kRoot) {
            problems.push_back(fmt::format("{}: a foreign key to {}, which is not a tenant table",
                                           table.name, fk.table));
          } else if (!Has(fk.columns, kTenantColumn)) {
            problems.push_back(fmt::format("{}: its foreign key to {} ({}) does not include {}",
                                           table.name, fk.table, fmt::join(fk.columns, ", "),
                                           kTenantColumn));
          }
        }
        break;
      case Placement::kAudit:
      case Placement::kGlobal: {
        const bool audit = PlacementOf(table) == Placement::kAudit;
        if (audit) CheckKeys(table, "chain", problems);
        for (const auto& fk : table.foreign_keys) {
          if (placement_of(fk.table) != Placement::kGlobal) {
            problems.push_back(fmt::format("{}: a foreign key to {}, which is not a global table",
                                           table.name, fk.table));
          }
        }
        break;
      }
    }
  }
  return problems;
}

namespace {

// The names of the tables so placed, each after the tables it refers to (a
// foreign key can only be made distributed, or reference, once its target is),
// otherwise by name.
std::vector<std::string> InDependencyOrder(const std::vector<TableKeys>& tables,
                                           Placement placement) {
  std::vector<std::string> ordered;
  std::vector<const TableKeys*> left;
  for (const auto& t : tables) {
    if (PlacementOf(t) == placement) left.push_back(&t);
  }
  std::ranges::sort(left, {}, &TableKeys::name);
  while (!left.empty()) {
    const auto ready = std::ranges::find_if(left, [&](const TableKeys* t) {
      return std::ranges::all_of(t->foreign_keys, [&](const ForeignKey& fk) {
        return fk.table == t->name || std::ranges::none_of(left, [&](const TableKeys* other) {
                 return other->name == fk.table;
               });
      });
    });
    const auto next = ready != left.end() ? ready : left.begin();  // a cycle: by name
    ordered.push_back((*next)->name);
    left.erase(next);
  }
  return ordered;
}

}  // namespace

std::string CitusCommands(const std::vector<TableKeys>& tables) {
  std::string out = fmt::format("    SELECT create_distributed_table('{}', 'id');\n", kRoot);
  for (const auto& name : InDependencyOrder(tables, Placement::kTenant)) {
    out += fmt::format("    SELECT create_distributed_table('{}', '{}', colocate_with => '{}');\n",
                       name, kTenantColumn, kRoot);
  }
  for (const auto& name : InDependencyOrder(tables, Placement::kGlobal)) {
    out += fmt::format("    SELECT create_reference_table('{}');\n", name);
  }
  out +=
      "\nThe audit tables can stay on the coordinator, or be distributed by `chain`\n"
      "(the organisation's id, or `platform`) beside the organisations:\n\n";
  for (const auto& name : InDependencyOrder(tables, Placement::kAudit)) {
    out +=
        fmt::format("    SELECT create_distributed_table('{}', 'chain', colocate_with => '{}');\n",
                    name, kRoot);
  }
  return out;
}

}  // namespace valuemark::storage_test

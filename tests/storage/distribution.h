// Distribution stays possible (docs/operations.md "Scaling out with Citus"):
// every table is placed, and the keys of a migrated schema must allow it.
//   - A tenant table has an `organisation_id` column: it is distributed by it,
//     co-located with `organisations` (distributed by its `id`). Its primary
//     key and every unique key lead with organisation_id, so that each is
//     enforced on one node; its foreign keys run only to tenant tables and
//     include organisation_id, so that they join rows on one node.
//   - An audit table is distributed by `chain` (an organisation's id, or
//     "platform"), its keys leading with chain.
//   - A global table is a reference table, copied to every node: nothing in
//     it belongs to one organisation. It has no foreign key to a tenant or
//     audit table (a reference table cannot refer to a distributed one), and
//     no tenant table has one to it (that would tie every node to its copy).
#pragma once

#include <string>
#include <vector>

#include "schema_keys.h"

namespace valuemark::storage_test {

// Each table that is not a tenant table, and each table with an
// organisation_id column that is not one, with the reason.
struct Placed {
  std::string table;
  std::string reason;
};
const std::vector<Placed>& GlobalTables();
const std::vector<Placed>& AuditTables();

// Every way `tables` breaks the rules above, one sentence each; none when
// it keeps them.
std::vector<std::string> DistributionProblems(const std::vector<TableKeys>& tables);

// The Citus commands of docs/operations.md for `tables`, as the text between
// its markers.
std::string CitusCommands(const std::vector<TableKeys>& tables);

}  // namespace valuemark::storage_test

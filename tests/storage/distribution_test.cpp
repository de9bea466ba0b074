// The distribution rules (distribution.h) on made-up schemas: each way a
// table can break them is found. The migrated schemas of both back ends are
// checked in store_contract_test.cpp.
#include "distribution.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace valuemark::storage_test {
namespace {

using Columns = std::vector<std::string>;

TableKeys Table(std::string name, Columns columns, Columns primary_key,
                std::vector<Columns> unique_keys = {}, std::vector<ForeignKey> foreign_keys = {}) {
  return TableKeys{std::move(name), std::move(columns), std::move(primary_key),
                   std::move(unique_keys), std::move(foreign_keys)};
}

TableKeys Organisations() { return Table("organisations", {"id"}, {"id"}); }

TableKeys Tenant(std::string name) {
  return Table(std::move(name), {"organisation_id", "id"}, {"organisation_id", "id"}, {},
               {ForeignKey{{"organisation_id"}, "organisations"}});
}

TableKeys Users() { return Table("users", {"id", "email"}, {"id"}, {{"email"}}); }

bool Mentions(const std::vector<std::string>& problems, const std::string& words) {
  for (const auto& p : problems) {
    if (p.find(words) != std::string::npos) return true;
  }
  return false;
}

TEST(Distribution, ATenantTableKeyedByOrganisationPasses) {
  const auto problems = DistributionProblems({Organisations(), Users(), Tenant("scopes")});
  // Only the global tables that this made-up schema lacks are reported.
  for (const auto& p : problems) EXPECT_NE(p.find("not in the schema"), std::string::npos) << p;
}

TEST(Distribution, APrimaryKeyNotLedByTheOrganisationIsFound) {
  TableKeys t = Tenant("scopes");
  t.primary_key = {"id", "organisation_id"};
  EXPECT_TRUE(
      Mentions(DistributionProblems({Organisations(), t}),
               "scopes: its primary key (id, organisation_id) does not lead with organisation_id"));
}

TEST(Distribution, AUniqueKeyNotLedByTheOrganisationIsFound) {
  TableKeys t = Tenant("invitations");
  t.unique_keys = {{"token_hash"}};
  EXPECT_TRUE(
      Mentions(DistributionProblems({Organisations(), t}),
               "invitations: its unique key (token_hash) does not lead with organisation_id"));
}

TEST(Distribution, AForeignKeyFromATenantTableToAGlobalOneIsFound) {
  TableKeys t = Tenant("members");
  t.foreign_keys.push_back({.columns = {"user_id"}, .table = "users"});
  EXPECT_TRUE(Mentions(DistributionProblems({Organisations(), Users(), t}),
                       "members: a foreign key to users, which is not a tenant table"));
}

TEST(Distribution, AForeignKeyBetweenTenantTablesMustCarryTheOrganisation) {
  TableKeys t = Tenant("survey_responses");
  t.foreign_keys.push_back({.columns = {"survey_id"}, .table = "surveys"});
  EXPECT_TRUE(Mentions(
      DistributionProblems({Organisations(), Tenant("surveys"), t}),
      "survey_responses: its foreign key to surveys (survey_id) does not include organisation_id"));
}

TEST(Distribution, AGlobalTableReferringToATenantTableIsFound) {
  TableKeys outbox = Table("outbox", {"id"}, {"id"});
  outbox.foreign_keys.push_back({.columns = {"organisation_id"}, .table = "organisations"});
  EXPECT_TRUE(Mentions(DistributionProblems({Organisations(), outbox}),
                       "outbox: a foreign key to organisations, which is not a global table"));
}

TEST(Distribution, ANewTableWithoutAPlaceIsFound) {
  const TableKeys t = Table("widgets", {"id"}, {"id"});
  EXPECT_TRUE(Mentions(DistributionProblems({Organisations(), t}),
                       "widgets has no organisation_id column"));
}

// Citus makes a foreign key only to a table already distributed (or reference).
TEST(Distribution, TheCitusCommandsPlaceATableAfterTheTablesItRefersTo) {
  TableKeys responses = Tenant("survey_responses");
  responses.foreign_keys.push_back(ForeignKey{{"organisation_id", "survey_id"}, "surveys"});
  TableKeys sessions = Table("sessions", {"id_hash", "user_id"}, {"id_hash"}, {},
                             {ForeignKey{{"user_id"}, "users"}});
  const std::string commands =
      CitusCommands({Organisations(), responses, Tenant("surveys"), sessions, Users()});
  EXPECT_LT(commands.find("'surveys'"), commands.find("'survey_responses'"));
  EXPECT_LT(commands.find("'users'"), commands.find("'sessions'"));
}

TEST(Distribution, TheCitusCommandsNameEveryTableByItsPlace) {
  const TableKeys audit = Table("audit_log", {"chain", "seq"}, {"chain", "seq"});
  const std::string commands = CitusCommands({audit, Organisations(), Tenant("scopes"), Users()});
  EXPECT_NE(commands.find("create_distributed_table('organisations', 'id')"), std::string::npos);
  EXPECT_NE(commands.find("create_distributed_table('scopes', 'organisation_id', colocate_with => "
                          "'organisations')"),
            std::string::npos);
  EXPECT_NE(commands.find("create_reference_table('users')"), std::string::npos);
  EXPECT_NE(commands.find(
                "create_distributed_table('audit_log', 'chain', colocate_with => 'organisations')"),
            std::string::npos);
}

}  // namespace
}  // namespace valuemark::storage_test

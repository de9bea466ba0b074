// The measure module's slice of the storage port (store.h): record
// versions (impact maps, proxies, pledges, decisions, plans, self-assessments).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/store_types.h"

namespace valuemark::app {

// Inside a transaction of the store (store.h), like every slice.
class RecordsPort {
 public:
  virtual ~RecordsPort() = default;

  // Measure-and-manage records (tenant: key organisation_id, kind, id, version)
  // AlreadyExists when that version is taken: two editors saving the same
  // version conflict instead of one silently replacing the other.
  virtual Result<void> InsertRecordVersion(const RecordVersion& record) = 0;
  // version 0: the latest.
  virtual Result<std::optional<RecordVersion>> FindRecord(const std::string& organisation_id,
                                                          const std::string& kind,
                                                          const std::string& id,
                                                          int64_t version) = 0;
  // The organisation a record belongs to, for routes that name only the record.
  virtual Result<std::optional<std::string>> FindRecordOrganisation(const std::string& kind,
                                                                    const std::string& id) = 0;
  // The latest version of each record of a kind, by title then id.
  virtual Result<std::vector<RecordVersion>> ListRecords(const std::string& organisation_id,
                                                         const std::string& kind) = 0;
  // Every version of one record without its body, newest first.
  virtual Result<std::vector<RecordVersion>> ListRecordVersions(const std::string& organisation_id,
                                                                const std::string& kind,
                                                                const std::string& id) = 0;
};

}  // namespace valuemark::app

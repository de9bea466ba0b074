// What an update changed, in words: the History's "Area: Leeds → Bradford".
// Two JSON forms of the same record (before and after an update) are compared
// field by field; each difference becomes a change with the field's label and
// both values as people read them (dates "4 Dec 2026", pence as "£750.00",
// enum values in words). Identifiers, versions, timestamps of the record
// itself and anything secret are left out: they mean nothing on a page.
// Elements of lists are matched by their id (else their name, else their
// place) and named by their name or title: "Outcomes › Wellbeing › Deadweight".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace valuemark::formats {

struct FieldChange {
  std::string field;   // "Membership › Status"
  std::string before;  // "" when the field or element was added
  std::string after;   // "" when it was removed
  bool operator==(const FieldChange&) const = default;
};

struct RecordChanges {
  std::vector<FieldChange> items;  // in the order of the record's fields
  int more = 0;                    // changes beyond kMaxChanges, counted only
  bool empty() const { return items.empty(); }
};

// At most this many changes are kept per update, each value cut to
// kMaxValueChars (with "…"): an import that rewrote a whole map is "and 912 more".
inline constexpr int kMaxChanges = 40;
inline constexpr size_t kMaxValueChars = 160;

// The changes from `before` to `after` (JSON objects). Text that is not a JSON
// object gives no changes: the History then says only what was done.
RecordChanges DiffRecords(std::string_view before, std::string_view after);

// The stored form (compact JSON {"items":[{"field","before","after"}],"more"}),
// "" when there are no changes; and back (empty on anything else).
std::string WriteRecordChanges(const RecordChanges& changes);
RecordChanges ReadRecordChanges(std::string_view json);

}  // namespace valuemark::formats

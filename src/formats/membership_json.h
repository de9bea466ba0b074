// The certifying body's membership terms (data/membership.json): size bands,
// yearly fees, the term and the renewal window. Read strictly, every problem
// with its JSON path, then core's rules (core/membership.h
// ValidateMembershipTerms).
#pragma once

#include <string_view>

#include "core/membership.h"
#include "formats/json_writer.h"

namespace valuemark::formats {

Result<MembershipTerms> ParseMembershipTerms(std::string_view text);

// {"id", "organisation_id", "kind", "state", "staff", "turnover_pence",
// "size_band", "fee", "requested_by", "requested_at", "decided_by",
// "decided_at", "reason", "version"}: the API's form and the audit's digest.
void WriteMembershipRequest(JsonWriter& w, const MembershipRequest& r);
// The request's keys and values without the braces, to add more beside them.
void WriteMembershipRequestFields(JsonWriter& w, const MembershipRequest& r);

}  // namespace valuemark::formats

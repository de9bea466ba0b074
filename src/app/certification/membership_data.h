// The membership terms, data/membership.json, embedded at build time
// (membership_data.cpp.in).
#pragma once

namespace valuemark::app {

const char* MembershipTermsJson();

}  // namespace valuemark::app

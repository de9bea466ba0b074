// Issuing certificates on award, inside the award's transaction (internal to
// src/app; the public use cases are CertificateService's, certification.h).
#pragma once

#include <string>

#include "app/store.h"
#include "core/scheme.h"

namespace valuemark::app {

// The newest signing key not retired, made and stored first if there is none.
Result<SigningKey> CurrentSigningKey(Transaction& tx, UnixTime now);
// Retires the current key (it stays published, so that what it signed stays
// verifiable) and makes the new key that signs from now on; audited.
Result<SigningKey> RotateSigningKey(Transaction& tx, UnixTime now);

// Makes, signs and stores the certificate of an awarded application; the
// verification page is public_url + "/verify/" + code.
Result<StoredCertificate> IssueCertificate(Transaction& tx, const Application& app,
                                           const Scheme& scheme, const Organisation& org,
                                           const std::string& public_url, UnixTime now);

// After a change of representatives: every open application of the
// organisation loses the sign-offs of people no longer named, each change
// audited, and the representatives are told who must sign again.
Result<void> VoidSignOffsAfterRepresentativesChange(Transaction& tx, const Organisation& org,
                                                    const std::string& actor_id,
                                                    const std::string& public_url, UnixTime now);

// "Scheme name level 2 (Forecast)": a certificate named in emails and appeals.
std::string CertificateTitle(const Certificate& c);

// The audit digest of a change of a certificate's standing (suspend,
// reinstate, revoke, or reinstated by an upheld appeal).
std::string StandingChangeJson(const Certificate& c, CertificateStanding from,
                               CertificateStanding to, const std::string& reason);

// Emails the organisation's named representatives through the outbox.
Result<void> NotifyRepresentatives(Transaction& tx, const Organisation& org,
                                   const std::string& subject, const std::string& body,
                                   UnixTime now);

// Emails one user (by id) through the outbox, when the account exists and is
// not deactivated: "Hello <name>," then the body.
Result<void> NotifyUser(Transaction& tx, const std::string& user_id, const std::string& subject,
                        const std::string& body, UnixTime now);

// Emails every active administrator who is not a member of `org` (the task
// is theirs to do: an allocation or a decision).
Result<void> NotifyAdministrators(Transaction& tx, const Organisation& org,
                                  const std::string& subject, const std::string& body,
                                  UnixTime now);

}  // namespace valuemark::app

// The certification module's routes (docs/api.md "Certification"): schemes,
// rounds, applications with evidence and reviews, certificates, the public
// register, verification and the signing keys.
#pragma once

#include "app/certification/certification.h"
#include "app/certification/preparation_calls.h"
#include "http/api_helpers.h"

namespace valuemark::http {

// Evidence uploads are rate-limited and may be up to kMaxEvidenceFileBytes.
void RegisterCertificationRoutes(const Routes& routes, app::CertificationService& certification,
                                 app::CertificateService& certificates);
// The preparation call with the Assurance Manager (api_preparation.cpp).
void RegisterPreparationCallRoutes(const Routes& routes, app::PreparationCallService& calls);

}  // namespace valuemark::http

// The certificate as a one-page PDF (A4 landscape) with a QR code to its
// verification page, drawn with cairo and qrencode. The signed JSON document
// stays the proof; the PDF is for people, and its QR code leads to the check.
#pragma once

#include <string>

#include "core/certificate.h"
#include "core/result.h"

namespace valuemark::report {

// The PDF's bytes; Internal if cairo or qrencode fail.
Result<std::string> CertificatePdf(const Certificate& certificate);

}  // namespace valuemark::report

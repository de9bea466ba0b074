#include "report/certificate_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>

#include <memory>

#include "report/pdf_page.h"
#include "report/qr_code.h"

namespace valuemark::report {

Result<std::string> CertificatePdf(const Certificate& c) {
  constexpr double kWidth = 842, kHeight = 595;  // A4 landscape, points
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(&AppendToString, &out, kWidth, kHeight);
  cairo_t* cr = cairo_create(surface);
  cairo_pdf_surface_set_metadata(
      surface, CAIRO_PDF_METADATA_TITLE,
      fmt::format("{} — {} level {}", c.organisation_name, c.scheme_name, c.level).c_str());
  // A frame in the brand's green, then the award in words.
  cairo_set_source_rgb(cr, 0.07, 0.36, 0.31);
  cairo_set_line_width(cr, 6);
  cairo_rectangle(cr, 24, 24, kWidth - 48, kHeight - 48);
  cairo_stroke(cr);
  const double mid = kWidth / 2;
  DrawText(cr, mid, 100, 16, false, c.issuer.empty() ? "ValueMark" : c.issuer, Align::kCenter);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  DrawText(cr, mid, 150, 28, true, c.scheme_name, Align::kCenter);
  DrawText(cr, mid, 200, 16, false, "is awarded to", Align::kCenter);
  DrawText(cr, mid, 250, 30, true, c.organisation_name, Align::kCenter);
  DrawText(cr, mid, 285, 14, false, c.scope + (c.area.empty() ? "" : " · " + c.area),
           Align::kCenter);
  DrawText(cr, mid, 335, 22, true, fmt::format("Level {}: {}", c.level, c.level_name),
           Align::kCenter);
  DrawText(cr, mid, 370, 13, false,
           fmt::format("Awarded {} · valid until {} · scheme version {}", c.awarded_on,
                       c.expires_on, c.scheme_version),
           Align::kCenter);
  // The QR code and the code in words, bottom right; how to check, bottom left.
  auto qr = EncodeQr(c.verify_url);
  if (qr) DrawQr(cr, *qr, kWidth - 190, kHeight - 200, 140);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  DrawText(cr, 60, kHeight - 110, 11, false, "Verify this certificate:");
  DrawText(cr, 60, kHeight - 92, 11, true, c.verify_url);
  DrawText(cr, 60, kHeight - 74, 11, false,
           fmt::format("Verification code {} · certificate {}", c.verification_code, c.id));
  DrawText(cr, 60, kHeight - 56, 9, false,
           "The signed certificate (Ed25519) can also be checked offline: valuemark verify");
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (!qr) return Fail(qr.error());
  if (status != CAIRO_STATUS_SUCCESS)
    return Fail(Error::Make(ErrorCode::kInternal, std::string("could not draw the certificate: ") +
                                                      cairo_status_to_string(status)));
  return out;
}

}  // namespace valuemark::report

#include "report/qr_code.h"

#include <cairo.h>
#include <fmt/format.h>
#include <qrencode.h>

#include <memory>

namespace valuemark::report {

namespace {

constexpr int kQuiet = 4;  // modules of white around the code

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<QrMatrix> EncodeQr(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!qr) return Fail(Error::Make(ErrorCode::kInternal, "could not make the QR code"));
  QrMatrix m;
  m.width = qr->width;
  m.dark.resize(static_cast<size_t>(m.width) * m.width);
  for (int i = 0; i < m.width * m.width; ++i) m.dark[i] = (qr->data[i] & 1) != 0;
  return m;
}

void DrawQr(cairo_t* cr, const QrMatrix& qr, double x, double y, double size) {
  const double module = size / (qr.width + 2 * kQuiet);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < qr.width; ++row)
    for (int col = 0; col < qr.width; ++col)
      if (qr.dark[row * qr.width + col])
        cairo_rectangle(cr, x + (col + kQuiet) * module, y + (row + kQuiet) * module, module,
                        module);
  cairo_fill(cr);
}

Result<std::string> QrSvg(const std::string& text, int size) {
  auto qr = TRY(EncodeQr(text));
  const int side = qr.width + 2 * kQuiet;
  // One path of unit squares in module coordinates, scaled by the viewBox.
  std::string path;
  for (int row = 0; row < qr.width; ++row)
    for (int col = 0; col < qr.width; ++col)
      if (qr.dark[row * qr.width + col])
        path += fmt::format("M{} {}h1v1h-1z", col + kQuiet, row + kQuiet);
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{0}\" "
      "viewBox=\"0 0 {1} {1}\" shape-rendering=\"crispEdges\">"
      "<rect width=\"{1}\" height=\"{1}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{2}\"/></svg>\n",
      size, side, path);
}

Result<std::string> QrPng(const std::string& text, int module_px) {
  auto qr = TRY(EncodeQr(text));
  const int px = (qr.width + 2 * kQuiet) * module_px;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, px, px), &cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                        &cairo_destroy);
  cairo_set_antialias(cr.get(), CAIRO_ANTIALIAS_NONE);
  DrawQr(cr.get(), qr, 0, 0, px);
  std::string bytes;
  if (cairo_surface_write_to_png_stream(surface.get(), &AppendBytes, &bytes) !=
      CAIRO_STATUS_SUCCESS)
    return Fail(Error::Make(ErrorCode::kInternal, "could not write the QR code as a PNG"));
  return bytes;
}

}  // namespace valuemark::report

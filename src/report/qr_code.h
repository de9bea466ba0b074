// QR codes for links people scan (a survey's public link, a certificate's
// verification page): encoded with qrencode (error correction M), drawn as
// SVG, PNG (cairo) or into a cairo drawing. A quiet zone of 4 modules
// surrounds the code, as scanners need.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

typedef struct _cairo cairo_t;

namespace valuemark::report {

struct QrMatrix {
  int width = 0;           // modules per side, without the quiet zone
  std::vector<bool> dark;  // width × width, row by row
};

// Internal if the text cannot be encoded (too long for a QR code).
Result<QrMatrix> EncodeQr(const std::string& text);
// A standalone SVG document, `size` pixels wide, black on white.
Result<std::string> QrSvg(const std::string& text, int size = 512);
// PNG bytes, `module_px` pixels per module.
Result<std::string> QrPng(const std::string& text, int module_px = 10);
// Draws the code (with its white quiet zone) `size` units wide at (x, y).
void DrawQr(cairo_t* cr, const QrMatrix& qr, double x, double y, double size);

}  // namespace valuemark::report

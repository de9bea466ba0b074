#include "report/qr_code.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace valuemark::report {
namespace {

uint32_t BigEndian(const std::string& s, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}

TEST(QrCode, ALinkIsEncodedWithItsFinderPatterns) {
  auto qr = EncodeQr("https://valuemark.example/s/abcdefghijklmnopqrstuvwx");
  ASSERT_TRUE(qr);
  // 52 bytes at level M need version 4 (version 3 holds 42): 33 modules a side.
  EXPECT_EQ(qr->width, 33);
  // The top-left finder pattern: a dark 7 × 7 ring with a dark 3 × 3 centre.
  auto dark = [&](int row, int col) { return qr->dark[row * qr->width + col]; };
  for (int i = 0; i < 7; ++i) {
    EXPECT_TRUE(dark(0, i));
    EXPECT_TRUE(dark(6, i));
    EXPECT_TRUE(dark(i, 0));
  }
  EXPECT_FALSE(dark(1, 1));
  EXPECT_TRUE(dark(3, 3));
}

TEST(QrCode, SvgAndPngHaveTheQuietZone) {
  const std::string link = "https://valuemark.example/s/abcdefghijklmnopqrstuvwx";
  auto svg = QrSvg(link, 300);
  ASSERT_TRUE(svg);
  EXPECT_NE(svg->find("width=\"300\" height=\"300\" viewBox=\"0 0 41 41\""), std::string::npos);
  auto png = QrPng(link, 10);
  ASSERT_TRUE(png);
  // The IHDR chunk: width and height, (33 + 2 × 4) modules of 10 pixels.
  EXPECT_EQ(BigEndian(*png, 16), 410u);
  EXPECT_EQ(BigEndian(*png, 20), 410u);
}

TEST(QrCode, TextTooLongForAQrCodeIsAnError) { EXPECT_FALSE(EncodeQr(std::string(8000, 'x'))); }

}  // namespace
}  // namespace valuemark::report

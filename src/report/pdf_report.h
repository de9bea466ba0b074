// The report as an A4 PDF: cairo for drawing, pango (fontconfig, DejaVu Sans)
// for text layout, with page breaks that repeat a table's header, and page
// numbers. Fonts are set up on the first call only.
//
// This part links cairo and pango, whose libraries take milliseconds to load
// and initialise; the `valuemark` program therefore loads it as a module
// (pdf_module.cpp) only when asked for a PDF, and it depends on nothing but
// the document model (document.h) and the charts (charts.cpp).
#pragma once

#include <string>

#include "core/result.h"
#include "report/document.h"

namespace valuemark::report {

// Writes the document to out_path; an error names the path.
Result<void> WritePdfReport(const ReportDocument& doc, const std::string& out_path);

// The module's entry point, looked up by this name with dlsym: writes the
// PDF and returns true, or returns false with the reason in *error.
extern "C" bool ValuemarkWritePdfReport(const ReportDocument* doc, const char* out_path,
                                        std::string* error);
inline constexpr const char* kPdfModuleEntry = "ValuemarkWritePdfReport";
inline constexpr const char* kPdfModuleFile = "valuemark-report-pdf.so";

}  // namespace valuemark::report

// Loading the PDF writer (pdf_report.h), which lives in the module
// valuemark-report-pdf.so so that processes that never write a PDF do not pay
// for cairo and pango at start. The command line (`report --pdf`) and the
// server (GET /impact-maps/{id}/report.pdf) both write PDFs through here.
//
// The module is looked for beside the running program (/proc/self/exe), or
// at a path given explicitly (tests, whose program lives elsewhere). Once
// loaded it stays loaded: fontconfig and pango keep caches. Calls are
// serialised, so this may be used from any thread.
#pragma once

#include <string>

#include "core/result.h"
#include "report/document.h"

namespace valuemark::report {

// Where the module is looked for when no path is given: the directory of the
// running program plus kPdfModuleFile.
std::string DefaultPdfModulePath();

// Writes the document to out_path with the module at module_path ("" for
// DefaultPdfModulePath()). Errors name out_path; a missing or broken module
// says so.
Result<void> WritePdfWithModule(const ReportDocument& doc, const std::string& out_path,
                                const std::string& module_path = "");

}  // namespace valuemark::report

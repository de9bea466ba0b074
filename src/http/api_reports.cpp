// The social value report of a saved map (report/platform_report.h, from
// what app::LoadMapReport gathers) as HTML or PDF, and the map as an XLSX
// workbook. Each answer is built from one version of the map (?version=, or
// the latest), with the same authorisation as reading the map.
#include "http/api_reports.h"

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/errors.h"
#include "report/document.h"
#include "report/html_report.h"
#include "report/impact_map_xlsx.h"
#include "report/pdf_module.h"
#include "report/platform_report.h"
#include "report/report.h"

namespace valuemark::http {
namespace {

// A file in the temporary directory, deleted when this goes out of scope:
// the XLSX and PDF writers write files, the API answers with bytes.
class TempFile {
 public:
  explicit TempFile(const std::string& suffix) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "valuemark-report-XXXXXX").string() + suffix;
    const int fd = mkstemps(pattern.data(), static_cast<int>(suffix.size()));
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    if (!path_.empty()) std::filesystem::remove(path_, ignored_);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }
  Result<std::string> Read() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return Fail(Error::Make(ErrorCode::kInternal, "the report could not be read back"));
    return bytes.str();
  }

 private:
  std::string path_;
  std::error_code ignored_;
};

// The map the route names, at ?version= or the latest.
Result<app::StoredImpactMap> LoadStoredMap(app::MeasureService& p, const app::Caller& c,
                                           const Request& request) {
  return p.LoadImpactMap(c, request.params.at("id"), TRY(QueryVersion(request)));
}

// The report's content for the map the route names, at ?version= or the latest.
Result<report::ReportInput> BuildPlatformReport(app::MeasureService& measure,
                                                app::OrganisationService& organisations,
                                                const app::Caller& c, const Request& request) {
  const int64_t version = TRY(QueryVersion(request));
  return report::BuildPlatformReportInput(
      TRY(app::LoadMapReport(measure, organisations, c, request.params.at("id"), version)));
}

// A file name for Content-Disposition from the map's name: ASCII letters,
// digits, dots, dashes and underscores only.
std::string FileName(const std::string& map_name, const char* extension) {
  std::string out;
  for (char ch : map_name) {
    const bool keep =
        std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.';
    if (keep) {
      out += ch;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 80) break;
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  if (out.empty()) out = "impact-map";
  return out + extension;
}

Response Bytes(std::string body, const char* type, const std::string& disposition) {
  Response r;
  r.body = std::move(body);
  r.content_type = type;
  r.headers.emplace_back("Content-Disposition", disposition);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace

void RegisterReportRoutes(const Routes& routes, app::MeasureService& p, app::OrganisationService& o,
                          const std::string& pdf_module) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  const Heavy& heavy = routes.heavy;
  add(Method::kGet, "/impact-maps/{id}/report.html",
      {"The social value report of the map (?version=) as one self-contained HTML page", "reports",
       Auth::kSession, "", ""},
      authed(heavy([&p, &o](Request& request, const app::Caller& c) {
        auto input = BuildPlatformReport(p, o, c, request);
        if (!input) return ErrorResponse(input.error());
        Response r;
        r.body = report::RenderHtmlReport(*input);
        r.content_type = "text/html; charset=utf-8";
        // The page has inline styles and SVG, and nothing else to load.
        r.headers.emplace_back(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
        r.headers.emplace_back("X-Content-Type-Options", "nosniff");
        return r;
      })));
  add(Method::kGet, "/impact-maps/{id}/report.pdf",
      {"The social value report of the map (?version=) as an A4 PDF", "reports", Auth::kSession, "",
       ""},
      authed(heavy([&p, &o, pdf_module](Request& request, const app::Caller& c) {
        auto input = BuildPlatformReport(p, o, c, request);
        if (!input) return ErrorResponse(input.error());
        TempFile file(".pdf");
        if (file.path().empty())
          return ErrorResponse(
              Error::Make(ErrorCode::kInternal, "no temporary file for the report"));
        if (auto written = report::WritePdfWithModule(report::BuildReportDocument(*input),
                                                      file.path(), pdf_module);
            !written)
          return ErrorResponse(Error::Make(
              ErrorCode::kInternal, fmt::format("the PDF could not be written: {}",
                                                written.error().fields.empty()
                                                    ? written.error().message
                                                    : written.error().fields.front().message)));
        auto bytes = file.Read();
        if (!bytes) return ErrorResponse(bytes.error());
        return Bytes(
            std::move(*bytes), "application/pdf",
            fmt::format("inline; filename=\"{}\"", FileName(input->map.name, "-report.pdf")));
      })));
  add(Method::kGet, "/impact-maps/{id}/export.xlsx",
      {"The map (?version=) as an XLSX workbook in the SROI impact-map layout (valuemark export "
       "--xlsx)",
       "impact maps", Auth::kSession, "", ""},
      authed(heavy([&p](Request& request, const app::Caller& c) {
        auto stored = LoadStoredMap(p, c, request);
        if (!stored) return ErrorResponse(stored.error());
        TempFile file(".xlsx");
        if (file.path().empty())
          return ErrorResponse(
              Error::Make(ErrorCode::kInternal, "no temporary file for the workbook"));
        if (auto written = report::WriteImpactMapXlsx(stored->map, file.path()); !written)
          return ErrorResponse(
              Error::Make(ErrorCode::kInternal, "the workbook could not be written"));
        auto bytes = file.Read();
        if (!bytes) return ErrorResponse(bytes.error());
        return Bytes(
            std::move(*bytes), kXlsxType,
            fmt::format("attachment; filename=\"{}\"", FileName(stored->map.name, ".xlsx")));
      })));
}

}  // namespace valuemark::http

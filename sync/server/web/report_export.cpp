// Writing the participants report as CSV and XLSX; see report_export.h.
#include "web/report_export.h"

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "raida/core/csv.h"
#include "raida/core/hex.h"

namespace raida::server::web {
namespace {

using core::ErrorCode;
using core::MakeError;

std::string RandomName() { return "raida-report-" + core::RandomHex(12) + ".xlsx"; }

// Writes the table into `path`; false when libxlsxwriter reports an error.
bool WriteWorkbook(const ExportTable& table, const std::string& sheet_name, const std::string& path,
                   const std::string& temp_dir) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // inline strings, rows streamed in order
  std::string tmp = temp_dir;
  options.tmpdir = tmp.data();
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (workbook == nullptr) {
    return false;
  }
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  bool ok = sheet != nullptr;
  if (ok) {  // widths before the rows: a constant-memory sheet streams rows as they come
    worksheet_set_column(sheet, 0, 1, 26, nullptr);
    worksheet_set_column(sheet, 2, 3, 24, nullptr);
  }
  for (size_t col = 0; ok && col < table.header.size(); ++col) {
    ok = worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(col), table.header[col].c_str(),
                                bold) == LXW_NO_ERROR;
  }
  lxw_row_t row = 1;
  for (const ExportRow& r : table.rows) {
    const std::string texts[] = {r.section, r.category, r.center_id, r.center_name};
    for (size_t col = 0; ok && col < std::size(texts); ++col) {
      ok = worksheet_write_string(sheet, row, static_cast<lxw_col_t>(col), texts[col].c_str(),
                                  nullptr) == LXW_NO_ERROR;
    }
    ok = ok && worksheet_write_number(sheet, row, 4, static_cast<double>(r.count), nullptr) ==
                   LXW_NO_ERROR;
    ++row;
  }
  return workbook_close(workbook) == LXW_NO_ERROR && ok;
}

}  // namespace

int64_t CountAt(const std::map<std::string, std::map<std::string, int64_t>>& by_center,
                const std::string& center_id, const std::string& category) {
  const auto counts = by_center.find(center_id);
  if (counts == by_center.end()) {
    return 0;
  }
  const auto count = counts->second.find(category);
  return count == counts->second.end() ? 0 : count->second;
}

ExportTable BuildExportTable(const ParticipantsReport& report,
                             const std::function<std::string(const std::string&)>& label) {
  ExportTable table;
  for (const char* column : {"section", "category", "center_id", "center", "participants"}) {
    table.header.push_back(label(std::string("office.report.csv.") + column));
  }
  const std::string all_centers =
      label(report.filter.center_id.empty() ? "office.report.all_centers" : "office.report.total");
  for (const ReportDimension& dimension : report.dimensions) {
    const std::string section = label("office.report.section." + dimension.key);
    for (const std::string& category : dimension.categories) {
      const std::string name = label("office.report.cat." + category);
      for (const CenterChoice& center : report.centers) {
        const int64_t value = CountAt(dimension.by_center, center.id, category);
        table.rows.push_back({section, name, center.id, center.name, value});
      }
      const auto district = dimension.district.find(category);
      const int64_t value = district == dimension.district.end() ? 0 : district->second;
      table.rows.push_back({section, name, "", all_centers, value});
    }
  }
  return table;
}

std::string ExportCsv(const ExportTable& table) {
  std::string csv = core::kCsvBom + core::CsvLine(table.header);
  for (const ExportRow& r : table.rows) {
    csv +=
        core::CsvLine({r.section, r.category, r.center_id, r.center_name, std::to_string(r.count)});
  }
  return csv;
}

core::Result<std::string> ExportXlsx(const ExportTable& table, const std::string& sheet_name,
                                     const std::string& temp_dir) {
  const std::filesystem::path path = std::filesystem::path(temp_dir) / RandomName();
  const bool written = WriteWorkbook(table, sheet_name, path.string(), temp_dir);
  std::string bytes;
  if (written) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (!written || bytes.empty()) {
    return MakeError(ErrorCode::kIo, "the XLSX workbook could not be written");
  }
  return bytes;
}

}  // namespace raida::server::web

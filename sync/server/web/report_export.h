// The participants report as a table to download (internal to the web module): the same rows
// as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read Lithuanian and Polish
// letters) and as an XLSX workbook (libxlsxwriter).
//
// One row per (breakdown, category, center) and, for each breakdown and category, one row for
// the whole report ("all centers", or "total" for a one-center report; center id
// empty) counting each person once:
//   Breakdown,Category,Center ID,Center,Participants
//   Age band,Under 30,ctr.obeliai,Obelių centras,12
// Rows of the 50+ subtotal say so in the category ("50 and over (subtotal)"); every other row is
// a category of its own, so the categories of a breakdown add up to the center's total.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "raida/core/result.h"
#include "web/participants_report.h"

namespace raida::server::web {

struct ExportRow {
  std::string section;  // translated breakdown name
  std::string category;
  std::string center_id;  // "" for the whole report
  std::string center_name;
  int64_t count = 0;
};

struct ExportTable {
  std::vector<std::string> header;  // five column names
  std::vector<ExportRow> rows;
};

// The count of `category` at `center_id` in a dimension's by_center (0 when none).
int64_t CountAt(const std::map<std::string, std::map<std::string, int64_t>>& by_center,
                const std::string& center_id, const std::string& category);

// The report's rows; `label(key)` translates "office.report.*" keys (office i18n files).
ExportTable BuildExportTable(const ParticipantsReport& report,
                             const std::function<std::string(const std::string&)>& label);

// RFC 4180 CSV with CRLF line ends, preceded by a UTF-8 byte-order mark. A text cell that starts
// with = + - @ or a tab is prefixed with ' so a spreadsheet never runs it as a formula.
std::string ExportCsv(const ExportTable& table);

// The table as an XLSX workbook (one worksheet, header row in bold, counts as numbers), written
// through a temporary file in `temp_dir` that is removed afterwards. kIo when the workbook
// cannot be written.
core::Result<std::string> ExportXlsx(const ExportTable& table, const std::string& sheet_name,
                                     const std::string& temp_dir);

}  // namespace raida::server::web

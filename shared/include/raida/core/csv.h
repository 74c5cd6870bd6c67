// CSV for spreadsheets (RFC 4180 with CRLF line ends), shared by the district office's report
// export and the kiosk's lists. A file starts with kCsvBom so spreadsheets read it as UTF-8.
#pragma once

#include <string>
#include <vector>

namespace raida::core {

inline constexpr const char* kCsvBom = "\xEF\xBB\xBF";

// One cell: quoted when it holds a comma, a quote or a line break; a text a spreadsheet would
// take for a formula (starting with = + - @, a tab or a carriage return) gets a leading
// apostrophe, so opening the file never runs anything.
std::string CsvCell(const std::string& text);

// One line of cells, ending in CRLF.
std::string CsvLine(const std::vector<std::string>& cells);

}  // namespace raida::core

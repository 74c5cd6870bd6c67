// CSV cells for spreadsheets: quoting, and no cell a spreadsheet would run as a formula.
#include "raida/core/csv.h"

#include <gtest/gtest.h>

namespace raida::core {
namespace {

TEST(CsvTest, PlainCellsStayAsTheyAre) {
  EXPECT_EQ(CsvCell("Žemaitė"), "Žemaitė");
  EXPECT_EQ(CsvCell(""), "");
  EXPECT_EQ(CsvCell("2026-11-23"), "2026-11-23");
}

TEST(CsvTest, CommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(CsvCell("Bajorai, room 2"), "\"Bajorai, room 2\"");
  EXPECT_EQ(CsvCell("the \"good\" one"), "\"the \"\"good\"\" one\"");
  EXPECT_EQ(CsvCell("two\nlines"), "\"two\nlines\"");
}

TEST(CsvTest, NothingStartsLikeAFormula) {
  EXPECT_EQ(CsvCell("=1+1"), "'=1+1");
  EXPECT_EQ(CsvCell("+37060000000"), "'+37060000000");
  EXPECT_EQ(CsvCell("-5"), "'-5");
  EXPECT_EQ(CsvCell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvCell("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
}

TEST(CsvTest, ALineEndsInCrLf) {
  EXPECT_EQ(CsvLine({"a", "b,c", ""}), "a,\"b,c\",\r\n");
  EXPECT_EQ(CsvLine({}), "\r\n");
}

}  // namespace
}  // namespace raida::core

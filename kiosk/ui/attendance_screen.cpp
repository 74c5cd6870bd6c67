// The coordinator's attendance task (CoordinatorView::kAttendance), below the nav bar.
//
// Sessions: this center's sessions as big buttons (course title; day and time with "8 of 12
// marked", or "Not started yet"), today's first; a session that has not started says so when
// chosen. Roster: the course and the counts "Present 12 · Absent 3 · Excused 1 · Not marked 4
// (of 20)", then one big button per person, as many columns as the names allow, each showing the
// name and the mark in words with a symbol (☐ not marked, ✓ present, — absent, • excused) and a
// colour; one tap moves the mark on and saves it. "Add a person who came" ends the list. Add a
// person: the center's other people by name, with a name filter on the on-screen keyboard.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/state/reduce_attendance.h"
#include "kiosk/ui/coordinator_ui.h"
#include "kiosk/ui/keyboard.h"

namespace raida::kiosk {
namespace {

constexpr size_t kMaxFilterChars = 40;
constexpr int kMaxColumns = 4;

float LabelWidth(const ScreenContext& ctx, const std::string& text) {
  ImFont* font = ctx.Font(FontRole::kLabel);
  const char* begin = text.c_str();
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, begin, begin + text.size()).x;
}

// `text` broken into lines no wider than `width` in the label font, at spaces (a word wider than
// `width` stands alone on its line).
std::string WrapLabel(const ScreenContext& ctx, const std::string& text, float width) {
  std::string out;
  std::string line;
  size_t at = 0;
  while (at <= text.size()) {
    size_t space = text.find(' ', at);
    if (space == std::string::npos) {
      space = text.size();
    }
    const std::string word = text.substr(at, space - at);
    const std::string wider = line.empty() ? word : line + " " + word;
    if (!line.empty() && LabelWidth(ctx, wider) > width) {
      out += line + "\n";
      line = word;
    } else {
      line = wider;
    }
    at = space + 1;
  }
  return out + line;
}

// Height of a button whose label is `label` (lines included).
float LabelHeight(const ScreenContext& ctx, const std::string& label) {
  ImFont* font = ctx.Font(FontRole::kLabel);
  const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, label.c_str(),
                                          label.c_str() + label.size());
  return std::max(ctx.theme.metrics.target, std::ceil(size.y + 2.0f * ctx.theme.metrics.padding));
}

// The problem of the last step, in plain words.
void DrawProblem(const AttendanceState& attendance, const ScreenContext& ctx) {
  if (!attendance.error_key.empty()) {
    Paragraph(ctx, "attend.error", Tr(ctx, attendance.error_key.c_str()),
              ctx.theme.palette.error_text, FontRole::kLabel);
  }
}

// [SECTION] The sessions

std::string SessionLabel(const AttendanceSessionCard& card, const ScreenContext& ctx, float width) {
  const std::string day = card.today ? Tr(ctx, "attend.today") : FormatDate(ctx, card.date);
  const std::string count = card.started ? TrFormat(ctx, "attend.session_count",
                                                    {{"marked", std::to_string(card.marked)},
                                                     {"total", std::to_string(card.roster)}})
                                         : Tr(ctx, "attend.not_started_short");
  const std::string when =
      day + ", " + card.start_time + "\u2013" + card.end_time + " \u00B7 " + count;
  return WrapLabel(ctx, card.course_title, width) + "\n" + WrapLabel(ctx, when, width);
}

void DrawSessions(const AttendanceState& attendance, AttendanceUi& ui, const ScreenContext& ctx,
                  const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  Heading(ctx, "attend.title", Tr(ctx, "attend.title"));
  DrawProblem(attendance, ctx);
  BeginPagedList(ctx, "attend.sessions", ui.sessions, ImGui::GetContentRegionAvail().y);
  if (attendance.loading) {
    Paragraph(ctx, "attend.loading", Tr(ctx, "attend.loading"), p.text, FontRole::kLabel);
  } else if (attendance.sessions.empty()) {
    Paragraph(ctx, "attend.no_sessions", Tr(ctx, "attend.no_sessions"), p.text);
  } else {
    Paragraph(ctx, "attend.choose_session", Tr(ctx, "attend.choose_session"), p.text);
  }
  const float width = ImGui::GetContentRegionAvail().x;
  // Two lines (course, then date and count) read as a list row: left-aligned, not centered.
  ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
  for (const AttendanceSessionCard& card : attendance.sessions) {
    const std::string label = SessionLabel(card, ctx, width - 2.0f * m.padding);
    // A session not started yet stays tappable (its label says so), so the coordinator who
    // chooses it hears why it cannot be marked.
    if (BigButton(ctx, label, "attend.session." + card.session_id,
                  card.today ? ButtonKind::kPrimary : ButtonKind::kSecondary,
                  ImVec2(width, LabelHeight(ctx, label)))) {
      dispatch(ChooseAttendanceSession{card.session_id});
    }
  }
  ImGui::PopStyleVar();
  EndPagedList(ctx, "attend.sessions", ui.sessions);
}

// [SECTION] The roster

const char* MarkKey(RosterMark mark) {
  switch (mark) {
    case RosterMark::kPresent:
      return "attend.mark.present";
    case RosterMark::kAbsent:
      return "attend.mark.absent";
    case RosterMark::kExcused:
      return "attend.mark.excused";
    case RosterMark::kNotMarked:
      break;
  }
  return "attend.mark.not_marked";
}

// The symbol beside the word: never colour alone.
const char* MarkSymbol(RosterMark mark) {
  switch (mark) {
    case RosterMark::kPresent:
      return "\u2713";
    case RosterMark::kAbsent:
      return "\u2014";
    case RosterMark::kExcused:
      return "\u2022";
    case RosterMark::kNotMarked:
      break;
  }
  return "\u2610";
}

ButtonKind MarkKind(RosterMark mark) {
  switch (mark) {
    case RosterMark::kPresent:
      return ButtonKind::kSelected;
    case RosterMark::kAbsent:
      return ButtonKind::kPrimary;
    case RosterMark::kExcused:
    case RosterMark::kNotMarked:
      break;
  }
  return ButtonKind::kSecondary;
}

std::string MarkLine(RosterMark mark, const ScreenContext& ctx) {
  return std::string(MarkSymbol(mark)) + " " + Tr(ctx, MarkKey(mark));
}

// How many columns of `width` px the labels fit in (their widest line), at least one.
int Columns(const ScreenContext& ctx, const std::vector<std::string>& lines, float width) {
  const Metrics& m = ctx.theme.metrics;
  float widest = m.target;
  for (const std::string& line : lines) {
    widest = std::max(widest, LabelWidth(ctx, line) + 2.0f * m.padding);
  }
  for (int columns = kMaxColumns; columns > 1; --columns) {
    const float column =
        (width - static_cast<float>(columns - 1) * m.gap) / static_cast<float>(columns);
    if (column >= widest && column >= 4.0f * m.target) {
      return columns;
    }
  }
  return 1;
}

struct GridButton {
  std::string label;
  std::string id;
  ButtonKind kind;
};

// The buttons in `columns` columns, row by row, each row as high as its tallest label; returns the
// index of the button tapped, or -1.
int DrawGrid(const ScreenContext& ctx, const std::vector<GridButton>& buttons, int columns) {
  const Metrics& m = ctx.theme.metrics;
  const float width = ImGui::GetContentRegionAvail().x;
  const float column =
      std::floor((width - static_cast<float>(columns - 1) * m.gap) / static_cast<float>(columns));
  int tapped = -1;
  for (size_t first = 0; first < buttons.size(); first += static_cast<size_t>(columns)) {
    const size_t last = std::min(buttons.size(), first + static_cast<size_t>(columns));
    float height = m.target;
    for (size_t i = first; i < last; ++i) {
      height = std::max(height, LabelHeight(ctx, buttons[i].label));
    }
    for (size_t i = first; i < last; ++i) {
      if (i > first) {
        ImGui::SameLine();
      }
      if (BigButton(ctx, buttons[i].label, buttons[i].id, buttons[i].kind,
                    ImVec2(column, height))) {
        tapped = static_cast<int>(i);
      }
    }
  }
  return tapped;
}

// Each row's label: "Name · ✓ Present" on one line when that fits in two columns or more (more
// rows on a page), else the name on the first line (wrapped to the column) and the mark on the
// second. The widest mark word counts for every row, so a tap never changes the layout.
std::vector<GridButton> RosterButtons(const AttendanceState& attendance, const ScreenContext& ctx,
                                      float width, int& columns) {
  const Metrics& m = ctx.theme.metrics;
  constexpr RosterMark kMarks[] = {RosterMark::kNotMarked, RosterMark::kPresent,
                                   RosterMark::kAbsent, RosterMark::kExcused};
  std::string widest_mark;
  for (const RosterMark mark : kMarks) {
    const std::string line = MarkLine(mark, ctx);
    if (LabelWidth(ctx, line) > LabelWidth(ctx, widest_mark)) {
      widest_mark = line;
    }
  }
  std::vector<std::string> one_line;
  for (const RosterRow& row : attendance.roster) {
    one_line.push_back(row.name + " \u00B7 " + widest_mark);
  }
  columns = Columns(ctx, one_line, width);
  const bool single = columns > 1;
  if (!single) {
    std::vector<std::string> lines = {widest_mark};
    for (const RosterRow& row : attendance.roster) {
      lines.push_back(row.name);
    }
    columns = Columns(ctx, lines, width);
  }
  const float column =
      (width - static_cast<float>(columns - 1) * m.gap) / static_cast<float>(columns) -
      2.0f * m.padding;
  std::vector<GridButton> buttons;
  for (const RosterRow& row : attendance.roster) {
    const std::string label =
        single ? row.name + " \u00B7 " + MarkLine(row.mark, ctx)
               : WrapLabel(ctx, row.name, column) + "\n" + MarkLine(row.mark, ctx);
    buttons.push_back(GridButton{label, "attend.row." + row.person_id, MarkKind(row.mark)});
  }
  return buttons;
}

void DrawRoster(const AttendanceState& attendance, AttendanceUi& ui, const ScreenContext& ctx,
                const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  const AttendanceSessionCard& session = attendance.chosen;
  const std::string day = session.today ? Tr(ctx, "attend.today") : FormatDate(ctx, session.date);
  Paragraph(ctx, "attend.roster.title",
            session.course_title + " \u00B7 " + day + ", " + session.start_time + "\u2013" +
                session.end_time,
            p.text, FontRole::kLabel);
  const RosterCounts counts = CountRoster(attendance.roster);
  if (!attendance.loading) {
    Paragraph(ctx, "attend.counts",
              TrFormat(ctx, "attend.counts",
                       {{"present", std::to_string(counts.present)},
                        {"absent", std::to_string(counts.absent)},
                        {"excused", std::to_string(counts.excused)},
                        {"not_marked", std::to_string(counts.not_marked)},
                        {"total", std::to_string(counts.total)}}),
              p.text);
  }
  DrawProblem(attendance, ctx);
  BeginPagedList(ctx, "attend.roster", ui.roster, ImGui::GetContentRegionAvail().y);
  if (attendance.loading) {
    Paragraph(ctx, "attend.loading", Tr(ctx, "attend.loading"), p.text, FontRole::kLabel);
  } else {
    if (attendance.roster.empty()) {
      Paragraph(ctx, "attend.roster.empty", Tr(ctx, "attend.roster.empty"), p.text);
    }
    int columns = 1;
    const std::vector<GridButton> buttons =
        RosterButtons(attendance, ctx, ImGui::GetContentRegionAvail().x, columns);
    const int tapped = DrawGrid(ctx, buttons, columns);
    if (tapped >= 0) {
      dispatch(TapAttendanceRow{attendance.roster[static_cast<size_t>(tapped)].person_id});
    }
    ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
    const std::string& add = Tr(ctx, "attend.add");
    if (BigButton(ctx, add, "attend.add", ButtonKind::kSecondary,
                  ImVec2(std::min(ImGui::GetContentRegionAvail().x,
                                  std::max(ButtonWidth(ctx, add), 8.0f * m.target)),
                         m.primary))) {
      dispatch(OpenAddAttendee{});
    }
  }
  EndPagedList(ctx, "attend.roster", ui.roster);
}

// [SECTION] Add a person who came

void DrawAddPerson(const AttendanceState& attendance, AttendanceUi& ui, const ScreenContext& ctx,
                   const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  const KeyboardLayout layout = LayoutForLanguage(ctx.language);
  KeyboardField(ctx, "attend.filter", attendance.filter, Tr(ctx, "attend.filter_placeholder"));
  const float keyboard = KeyboardHeight(ctx, layout) + m.gap;
  BeginPagedList(ctx, "attend.people", ui.people,
                 std::max(m.target, ImGui::GetContentRegionAvail().y - keyboard));
  // No heading: at the largest text on a 1366×768 panel the keyboard leaves no room for one.
  Paragraph(ctx, "attend.add.instructions", Tr(ctx, "attend.add.instructions"), p.text);
  std::vector<const AttendanceCandidate*> shown;
  for (const AttendanceCandidate& person : attendance.candidates) {
    if (MatchesAttendanceFilter(person.name, attendance.filter)) {
      shown.push_back(&person);
    }
  }
  if (attendance.loading) {
    Paragraph(ctx, "attend.loading", Tr(ctx, "attend.loading"), p.text, FontRole::kLabel);
  } else if (attendance.candidates.empty()) {
    Paragraph(ctx, "attend.add.nobody", Tr(ctx, "attend.add.nobody"), p.text, FontRole::kLabel);
  } else if (shown.empty()) {
    Paragraph(ctx, "attend.add.no_match", Tr(ctx, "attend.add.no_match"), p.text, FontRole::kLabel);
  }
  const float width = ImGui::GetContentRegionAvail().x;
  std::vector<std::string> names;
  for (const AttendanceCandidate* person : shown) {
    names.push_back(person->name);
  }
  const int columns = Columns(ctx, names, width);
  const float column =
      (width - static_cast<float>(columns - 1) * m.gap) / static_cast<float>(columns) -
      2.0f * m.padding;
  std::vector<GridButton> buttons;
  for (const AttendanceCandidate* person : shown) {
    buttons.push_back(GridButton{WrapLabel(ctx, person->name, column),
                                 "attend.person." + person->person_id, ButtonKind::kSecondary});
  }
  const int tapped = DrawGrid(ctx, buttons, columns);
  if (tapped >= 0) {
    dispatch(AddAttendee{shown[static_cast<size_t>(tapped)]->person_id});
  }
  EndPagedList(ctx, "attend.people", ui.people);
  ImGui::SetCursorPosY(
      std::max(ImGui::GetCursorPosY(), ImGui::GetWindowContentRegionMax().y - keyboard + m.gap));
  const KeyboardEdit edit =
      OnScreenKeyboard(ctx, "attend.keyboard", layout, attendance.filter, kMaxFilterChars);
  if (edit.changed) {
    dispatch(AttendanceFilterChanged{edit.text});
  }
  if (edit.submitted) {
    dispatch(AttendanceFilterChanged{edit.text});
  }
}

}  // namespace

void DrawAttendanceScreen(const AppState& state, AttendanceUi& ui, const ScreenContext& ctx,
                          const Dispatch& dispatch) {
  const AttendanceState& attendance = state.coordinator.attendance;
  if (attendance.step != ui.shown_step || attendance.chosen.session_id != ui.shown_session) {
    if (attendance.step != AttendanceStep::kRoster || ui.shown_step == AttendanceStep::kSessions) {
      ui.roster = PagedScroll{};
    }
    if (attendance.step == AttendanceStep::kAddPerson) {
      ui.people = PagedScroll{};
    }
    ui.shown_step = attendance.step;
    ui.shown_session = attendance.chosen.session_id;
  }
  if (attendance.step == AttendanceStep::kSessions && attendance.loading) {
    ui.sessions = PagedScroll{};  // the task was just opened
  }
  switch (attendance.step) {
    case AttendanceStep::kSessions:
      DrawSessions(attendance, ui, ctx, dispatch);
      break;
    case AttendanceStep::kRoster:
      DrawRoster(attendance, ui, ctx, dispatch);
      break;
    case AttendanceStep::kAddPerson:
      DrawAddPerson(attendance, ui, ctx, dispatch);
      break;
  }
}

}  // namespace raida::kiosk

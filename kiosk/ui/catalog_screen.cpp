// The course catalog: every course offered in the district, grouped by category, each card with
// its title, a short summary, its length and a big Open button. Above the courses, big buttons
// filter by category, "Search by word" brings up the on-screen keyboard (the search ignores
// case and diacritics and matches the start of words, see CatalogRepository::SearchCourses),
// and "Settings" is at hand for a bigger text. While typing, the matching courses page above the
// keyboard; Done puts the keyboard away and keeps the results, "Show all" forgets them.
//
// The list pages with ▲/▼ when it is taller than the screen (and scrolls when dragged); the whole
// card is not a target, only Open is, so a person reading a summary with a finger on the glass
// does not open a course by accident.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <string>
#include <vector>

#include "kiosk/ui/keyboard.h"
#include "kiosk/ui/resident_widgets.h"
#include "kiosk/ui/screens.h"
#include "raida/core/model.h"

namespace raida::kiosk {
namespace {

// Categories in the district's order (the CourseCategory enum), unknown ones last.
int CategoryRank(const std::string& category) {
  const auto parsed = core::ParseCourseCategory(category);
  return parsed ? static_cast<int>(*parsed) : 1000;
}

std::vector<std::string> CategoriesInOrder(const std::vector<CourseCard>& courses) {
  std::vector<std::string> categories;
  for (const CourseCard& course : courses) {
    if (std::find(categories.begin(), categories.end(), course.category) == categories.end()) {
      categories.push_back(course.category);
    }
  }
  std::stable_sort(categories.begin(), categories.end(),
                   [](const auto& a, const auto& b) { return CategoryRank(a) < CategoryRank(b); });
  return categories;
}

std::string CategoryTitle(const ScreenContext& ctx, const std::string& category) {
  const std::string key = "catalog.category." + category;
  return ctx.translations->Has(ctx.language, key) ? Tr(ctx, key.c_str()) : category;
}

// Courses of state.catalog that pass the category filter and the search, in the catalog's order.
std::vector<const CourseCard*> Shown(const AppState& state) {
  std::vector<const CourseCard*> shown;
  for (const CourseCard& course : state.catalog) {
    const bool in_category =
        state.catalog_category.empty() || course.category == state.catalog_category;
    const bool matches = !state.catalog_matches ||
                         std::find(state.catalog_matches->begin(), state.catalog_matches->end(),
                                   course.id) != state.catalog_matches->end();
    if (in_category && matches) {
      shown.push_back(&course);
    }
  }
  return shown;
}

constexpr size_t kMaxQueryChars = 40;

void DrawFilters(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const float height = ctx.theme.metrics.primary;
  FlowRow row(ctx);
  if (row.Button(Tr(ctx, "catalog.search"), "catalog.search", ButtonKind::kPrimary, height)) {
    dispatch(OpenSearch{});
  }
  if (row.Button(Tr(ctx, "catalog.settings"), "catalog.settings", ButtonKind::kSecondary, height)) {
    dispatch(OpenSettings{});
  }
  if (row.Button(Tr(ctx, "assessment.open"), "catalog.assessment", ButtonKind::kSecondary,
                 height)) {
    dispatch(OpenAssessment{});  // "What work suits me?" (assessment_ui.h)
  }
  const bool all = state.catalog_category.empty();
  if (row.Button(
          all ? "\u2713 " + Tr(ctx, "catalog.category.all") : Tr(ctx, "catalog.category.all"),
          "catalog.filter.all", all ? ButtonKind::kSelected : ButtonKind::kSecondary, height)) {
    dispatch(ChooseCategory{""});
  }
  for (const std::string& category : CategoriesInOrder(state.catalog)) {
    const bool chosen = state.catalog_category == category;
    const std::string title = CategoryTitle(ctx, category);
    if (row.Button(chosen ? "\u2713 " + title : title, "catalog.filter." + category,
                   chosen ? ButtonKind::kSelected : ButtonKind::kSecondary, height)) {
      dispatch(ChooseCategory{category});
    }
  }
}

// "Results for “komp”: 2 courses" and "Show all", when a search is in force.
void DrawSearchLine(const AppState& state, const ScreenContext& ctx, size_t count,
                    const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  if (state.catalog_query.empty()) {
    return;
  }
  Paragraph(ctx, "catalog.results",
            TrFormat(ctx, "catalog.results",
                     {{"query", state.catalog_query}, {"count", std::to_string(count)}}),
            p.text, FontRole::kLabel);
  FlowRow row(ctx);
  if (row.Button(Tr(ctx, "catalog.search.change"), "catalog.search.change", ButtonKind::kSecondary,
                 ctx.theme.metrics.primary)) {
    dispatch(OpenSearch{});
  }
  if (row.Button(Tr(ctx, "catalog.search.clear"), "catalog.search.clear", ButtonKind::kSecondary,
                 ctx.theme.metrics.primary)) {
    dispatch(ClearSearch{});
  }
}

void DrawCourseCard(const ScreenContext& ctx, const CourseCard& course, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  const std::string& open = Tr(ctx, "catalog.open");
  const float open_width = std::max(ButtonWidth(ctx, open), m.primary_width);
  BeginCard(ctx);
  const float text_width = ImGui::GetContentRegionAvail().x - open_width - 2.0f * m.gap - m.padding;
  ImGui::BeginGroup();
  const std::string id = "catalog.course." + course.id;
  Paragraph(ctx, id + ".title", course.title, p.text, FontRole::kLabel, text_width);
  if (!course.summary.empty()) {
    Paragraph(ctx, id + ".summary", course.summary, p.text, FontRole::kBody, text_width);
  }
  if (course.hours > 0) {
    Paragraph(ctx, id + ".hours",
              TrFormat(ctx, "course.hours", {{"hours", std::to_string(course.hours)}}), p.text,
              FontRole::kBody, text_width);
  }
  ImGui::EndGroup();
  ImGui::SameLine(ImGui::GetContentRegionMax().x - open_width - m.gap);
  if (BigButton(ctx, open, "catalog.open." + course.id, ButtonKind::kPrimary,
                ImVec2(open_width, 0.0f))) {
    dispatch(OpenCourse{course.id});
  }
  EndCard(ctx);
}

void DrawCourses(const AppState& state, const ScreenContext& ctx,
                 const std::vector<const CourseCard*>& shown, const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  if (shown.empty()) {
    Paragraph(ctx, "catalog.none", Tr(ctx, "catalog.none"), p.text);
    return;
  }
  for (const std::string& category : CategoriesInOrder(state.catalog)) {
    bool titled = false;
    for (const CourseCard* course : shown) {
      if (course->category != category) {
        continue;
      }
      if (!titled) {
        Paragraph(ctx, "catalog.category." + category, CategoryTitle(ctx, category), p.text,
                  FontRole::kHeading);
        titled = true;
      }
      DrawCourseCard(ctx, *course, dispatch);
    }
  }
}

// One search result above the keyboard: the title and its Open, one row each. The room above
// the keyboard is small (on a 1366x768 panel it held a sliver of one full card, its summary cut
// off mid-line); summaries show once the keyboard is put away.
void DrawCompactResult(const ScreenContext& ctx, const CourseCard& course, bool last,
                       const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const std::string& open = Tr(ctx, "catalog.open");
  const float open_width = std::max(ButtonWidth(ctx, open), m.primary_width);
  const float text_width = ImGui::GetContentRegionAvail().x - open_width - 2.0f * m.gap;
  const float top = ImGui::GetCursorPosY();
  ImFont* font = ctx.Font(FontRole::kLabel);
  const float text_height =
      font->CalcTextSizeA(font->FontSize, FLT_MAX, text_width, course.title.c_str()).y;
  ImGui::SetCursorPosY(top + std::max(0.0f, (m.primary - text_height) * 0.5f));
  Paragraph(ctx, "catalog.course." + course.id + ".title", course.title, ctx.theme.palette.text,
            FontRole::kLabel, text_width);
  ImGui::SameLine(ImGui::GetContentRegionMax().x - open_width - m.gap);
  ImGui::SetCursorPosY(top);
  if (BigButton(ctx, open, "catalog.open." + course.id, ButtonKind::kPrimary,
                ImVec2(open_width, 0.0f))) {
    dispatch(OpenCourse{course.id});
  }
  // No gap after the last row: two results that fit need no ▲/▼.
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), top + m.primary + (last ? 0.0f : m.gap)));
}

// Height of `count` compact results.
float CompactResultsHeight(const ScreenContext& ctx, size_t count) {
  const Metrics& m = ctx.theme.metrics;
  return count == 0 ? 0.0f : static_cast<float>(count) * (m.primary + m.gap) - m.gap;
}

// Typing the search: the field, what was found so far above the keyboard (when the panel has
// room for it: on a small panel at a large text size only the count shows, and Done shows the
// list), the keyboard at the bottom. The count gives way to the results when both do not fit.
void DrawSearching(const AppState& state, CatalogUi& ui, const ScreenContext& ctx,
                   const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const KeyboardLayout layout = LayoutForLanguage(ctx.language);
  KeyboardField(ctx, "catalog.search.field", state.catalog_query,
                Tr(ctx, "catalog.search.placeholder"));
  const std::vector<const CourseCard*> shown = Shown(state);
  const std::string status =
      state.catalog_query.empty()
          ? Tr(ctx, "catalog.search.hint")
          : TrFormat(ctx, "catalog.search.found", {{"count", std::to_string(shown.size())}});
  const float keyboard = KeyboardHeight(ctx, layout) + m.gap;
  const float room = ImGui::GetContentRegionAvail().y - keyboard;
  ImFont* font = ctx.Font(FontRole::kLabel);
  const float status_height =
      font->CalcTextSizeA(font->FontSize, FLT_MAX, ImGui::GetContentRegionAvail().x, status.c_str())
          .y +
      m.gap;
  const float min_list = 2.0f * m.target + m.gap;  // room for the list's ▲ and ▼
  // The first two results whole matter more than the count above them.
  const float first_two =
      std::max(CompactResultsHeight(ctx, std::min<size_t>(shown.size(), 2)), min_list);
  const bool status_crowds =
      !shown.empty() && room - status_height < first_two && room >= first_two;
  const bool show_status = room >= status_height && !status_crowds;
  if (show_status) {
    Paragraph(ctx, "catalog.search.status", status, ctx.theme.palette.text, FontRole::kLabel);
  }
  const float list_height = show_status ? room - status_height : room;
  if (list_height >= min_list) {
    BeginPagedList(ctx, "catalog.results", ui.results, list_height);
    if (shown.empty()) {
      DrawCourses(state, ctx, shown, dispatch);  // "nothing found"
    }
    for (size_t i = 0; i < shown.size(); ++i) {
      DrawCompactResult(ctx, *shown[i], i + 1 == shown.size(), dispatch);
    }
    EndPagedList(ctx, "catalog.results", ui.results);
  }
  ImGui::SetCursorPosY(
      std::max(ImGui::GetCursorPosY(), ImGui::GetWindowContentRegionMax().y - keyboard + m.gap));
  const KeyboardEdit edit =
      OnScreenKeyboard(ctx, "catalog.keyboard", layout, state.catalog_query, kMaxQueryChars);
  if (edit.changed) {
    ui.list = PagedScroll{};  // new results start at the top
    ui.results = PagedScroll{};
    dispatch(SearchTextChanged{edit.text});
  }
  if (edit.submitted) {
    dispatch(CloseSearch{});
  }
}

}  // namespace

void DrawCatalogScreen(const AppState& state, CatalogUi& ui, const ScreenContext& ctx,
                       const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  NavBar(ctx, dispatch);
  if (state.catalog_keyboard) {
    DrawSearching(state, ui, ctx, dispatch);
    return;
  }
  Heading(ctx, "catalog.title", Tr(ctx, "catalog.title"));
  if (state.catalog_loading && state.catalog.empty()) {
    Paragraph(ctx, "catalog.loading", Tr(ctx, "common.loading"), p.text);
    return;
  }
  if (state.catalog.empty()) {
    Paragraph(ctx, "catalog.empty", Tr(ctx, "catalog.empty"), p.text);
    return;
  }
  const std::vector<const CourseCard*> shown = Shown(state);
  BeginPagedList(ctx, "catalog.list", ui.list, ImGui::GetContentRegionAvail().y);
  Paragraph(ctx, "catalog.intro", Tr(ctx, "catalog.intro"), p.text);
  DrawFilters(state, ctx, dispatch);
  DrawSearchLine(state, ctx, shown.size(), dispatch);
  DrawCourses(state, ctx, shown, dispatch);
  EndPagedList(ctx, "catalog.list", ui.list);
}

}  // namespace raida::kiosk

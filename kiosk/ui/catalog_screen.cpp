// The course catalog: every course offered in the district, grouped by category, each card with
// its title, a short summary, its length and a big Open button.
//
// The list pages with ▲/▼ when it is taller than the screen (and scrolls when dragged); the whole
// card is not a target, only Open is, so a person reading a summary with a finger on the glass
// does not open a course by accident.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

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

}  // namespace

void DrawCatalogScreen(const AppState& state, CatalogUi& ui, const ScreenContext& ctx,
                       const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  NavBar(ctx, dispatch);
  Heading(ctx, "catalog.title", Tr(ctx, "catalog.title"));
  if (state.catalog_loading && state.catalog.empty()) {
    Paragraph(ctx, "catalog.loading", Tr(ctx, "common.loading"), p.text);
    return;
  }
  if (state.catalog.empty()) {
    Paragraph(ctx, "catalog.empty", Tr(ctx, "catalog.empty"), p.text);
    return;
  }
  Paragraph(ctx, "catalog.intro", Tr(ctx, "catalog.intro"), p.text);
  BeginPagedList(ctx, "catalog.list", ui.list, ImGui::GetContentRegionAvail().y);
  for (const std::string& category : CategoriesInOrder(state.catalog)) {
    Paragraph(ctx, "catalog.category." + category, CategoryTitle(ctx, category), p.text,
              FontRole::kHeading);
    for (const CourseCard& course : state.catalog) {
      if (course.category == category) {
        DrawCourseCard(ctx, course, dispatch);
      }
    }
  }
  EndPagedList(ctx, "catalog.list", ui.list);
}

}  // namespace raida::kiosk

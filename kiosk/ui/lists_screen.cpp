// The coordinator's "Lists and export" task (CoordinatorView::kLists), below the nav bar.
//
// Offerings: this center's course offerings, newest first, each a card with the course, its dates
// and place and how many signed up, and a "Lists" button. An offering: three big buttons —
// participants, attendance sheet, completions — each writing a CSV file into the data folder; the
// screen then says where the file is and how many people it lists, or, in plain words, that it
// could not be written. What each file holds (and does not) is said on the screen too.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/state/reduce_lists.h"
#include "kiosk/ui/coordinator_ui.h"

namespace raida::kiosk {
namespace {

const ListOffering* Chosen(const ListsState& lists) {
  for (const ListOffering& offering : lists.offerings) {
    if (offering.id == lists.chosen_id) {
      return &offering;
    }
  }
  return nullptr;
}

std::string Dates(const ScreenContext& ctx, const ListOffering& offering) {
  return FormatDate(ctx, offering.starts_on) + " \u2013 " + FormatDate(ctx, offering.ends_on);
}

void DrawOfferingCard(const ListOffering& offering, const ScreenContext& ctx,
                      const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  const std::string& open = Tr(ctx, "lists.open");
  const float open_width = std::max(ButtonWidth(ctx, open), m.primary_width);
  BeginCard(ctx);
  const float text_width = ImGui::GetContentRegionAvail().x - open_width - 2.0f * m.gap - m.padding;
  ImGui::BeginGroup();
  const std::string id = "lists.offering." + offering.id;
  Paragraph(ctx, id + ".title", offering.title, p.text, FontRole::kLabel, text_width);
  Paragraph(ctx, id + ".when",
            Dates(ctx, offering) + (offering.place.empty() ? "" : " \u00B7 " + offering.place),
            p.text, FontRole::kBody, text_width);
  Paragraph(ctx, id + ".people",
            TrFormat(ctx, "lists.people", {{"count", std::to_string(offering.people)}}), p.text,
            FontRole::kBody, text_width);
  ImGui::EndGroup();
  ImGui::SameLine(ImGui::GetContentRegionMax().x - open_width - m.gap);
  if (BigButton(ctx, open, "lists.open." + offering.id, ButtonKind::kPrimary,
                ImVec2(open_width, 0.0f))) {
    dispatch(ChooseListOffering{offering.id});
  }
  EndCard(ctx);
}

void DrawOfferings(const ListsState& lists, ListsUi& ui, const ScreenContext& ctx,
                   const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  Heading(ctx, "lists.title", Tr(ctx, "lists.title"));
  BeginPagedList(ctx, "lists.offerings", ui.offerings, ImGui::GetContentRegionAvail().y);
  if (lists.loading) {
    Paragraph(ctx, "lists.loading", Tr(ctx, "lists.loading"), p.text, FontRole::kLabel);
  } else if (lists.offerings.empty()) {
    Paragraph(ctx, "lists.none", Tr(ctx, "lists.none"), p.text);
  } else {
    Paragraph(ctx, "lists.choose", Tr(ctx, "lists.choose"), p.text);
  }
  for (const ListOffering& offering : lists.offerings) {
    DrawOfferingCard(offering, ctx, dispatch);
  }
  EndPagedList(ctx, "lists.offerings", ui.offerings);
}

const char* KindKey(ListKind kind) {
  switch (kind) {
    case ListKind::kParticipants:
      return "lists.kind.participants";
    case ListKind::kAttendance:
      return "lists.kind.attendance";
    case ListKind::kCompletions:
      return "lists.kind.completions";
  }
  return "lists.kind.participants";
}

void DrawOffering(const ListsState& lists, ListsUi& ui, const ScreenContext& ctx,
                  const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  const ListOffering* offering = Chosen(lists);
  Heading(ctx, "lists.offering_title", offering ? offering->title : Tr(ctx, "lists.title"));
  BeginPagedList(ctx, "lists.offering", ui.offering, ImGui::GetContentRegionAvail().y);
  if (offering != nullptr) {
    Paragraph(ctx, "lists.offering_when",
              Dates(ctx, *offering) + (offering->place.empty() ? "" : " \u00B7 " + offering->place),
              p.text);
  }
  Paragraph(ctx, "lists.what", Tr(ctx, "lists.what"), p.text);
  static constexpr ListKind kKinds[] = {ListKind::kParticipants, ListKind::kAttendance,
                                        ListKind::kCompletions};
  float width = 8.0f * m.target;
  for (const ListKind kind : kKinds) {
    width = std::max(width, ButtonWidth(ctx, Tr(ctx, KindKey(kind))));
  }
  width = std::min(width, ImGui::GetContentRegionAvail().x);
  const ButtonKind button = lists.writing ? ButtonKind::kDisabled : ButtonKind::kPrimary;
  for (const ListKind kind : kKinds) {
    if (BigButton(ctx, Tr(ctx, KindKey(kind)), std::string("lists.write.") + ListKindName(kind),
                  button, ImVec2(width, m.primary)) &&
        !lists.writing) {
      dispatch(ExportList{kind});
    }
    ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  }
  if (lists.writing) {
    Paragraph(ctx, "lists.writing", Tr(ctx, "lists.writing"), p.text, FontRole::kLabel);
  } else if (!lists.error_key.empty()) {
    Paragraph(ctx, "lists.error", Tr(ctx, lists.error_key.c_str()), p.error_text,
              FontRole::kLabel);
  } else if (!lists.written_path.empty()) {
    Paragraph(ctx, "lists.written",
              TrFormat(ctx, "lists.written",
                       {{"list", Tr(ctx, KindKey(lists.written_kind))},
                        {"count", std::to_string(lists.written_rows)},
                        {"path", lists.written_path}}),
              p.text, FontRole::kLabel);
  }
  EndPagedList(ctx, "lists.offering", ui.offering);
}

}  // namespace

void DrawListsScreen(const AppState& state, ListsUi& ui, const ScreenContext& ctx,
                     const Dispatch& dispatch) {
  const ListsState& lists = state.coordinator.lists;
  if (lists.step != ui.shown_step || lists.chosen_id != ui.shown_chosen) {
    ui.offering = PagedScroll{};
    if (lists.step == ListsStep::kOfferings && ui.shown_step != ListsStep::kOffering) {
      ui.offerings = PagedScroll{};
    }
  }
  ui.shown_step = lists.step;
  ui.shown_chosen = lists.chosen_id;
  if (lists.step == ListsStep::kOfferings) {
    DrawOfferings(lists, ui, ctx, dispatch);
  } else {
    DrawOffering(lists, ui, ctx, dispatch);
  }
}

}  // namespace raida::kiosk

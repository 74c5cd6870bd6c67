// The coordinator's "Possible duplicates" (CoordinatorView::kDuplicates), below the nav bar.
//
// The list: this center's pairs of people who may be one (why: the same name and year of birth,
// or the same phone), each a card with a "Compare" button; a line says that people of different
// centers are compared by the district office. A pair: the two records one above the other, each
// with what tells them apart (year of birth, village, the last digits of the phone and card,
// when registered, how many sign-ups) and "Keep this record"; "These are different people" below.
// Keeping one asks first, in plain words, what will happen; then the screen says that the merge is
// recorded and that the district office finishes it at the next sync.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/state/reduce_duplicates.h"
#include "kiosk/ui/card_with_button.h"
#include "kiosk/ui/coordinator_ui.h"

namespace raida::kiosk {
namespace {

std::string FullName(const DuplicatePerson& person) {
  return person.given_name + " " + person.family_name;
}

std::string NameAndYear(const DuplicatePerson& person) {
  return FullName(person) +
         (person.birth_year ? " (" + std::to_string(*person.birth_year) + ")" : std::string());
}

std::string Reason(const ScreenContext& ctx, const DuplicatePair& pair) {
  if (pair.same_name && pair.same_phone) {
    return Tr(ctx, "dups.reason.both");
  }
  return Tr(ctx, pair.same_name ? "dups.reason.name" : "dups.reason.phone");
}

// The lines that tell one record from the other, wrapped at `width`.
void DrawSide(const DuplicatePerson& person, const std::string& id, const ScreenContext& ctx,
              float width) {
  const Palette& p = ctx.theme.palette;
  Paragraph(ctx, id + ".name", FullName(person), p.text, FontRole::kLabel, width);
  std::string born =
      person.birth_year ? TrFormat(ctx, "dups.born", {{"year", std::to_string(*person.birth_year)}})
                        : Tr(ctx, "dups.born_unknown");
  if (!person.village.empty()) {
    born += " \u00B7 " + person.village;
  }
  Paragraph(ctx, id + ".born", born, p.text, FontRole::kBody, width);
  Paragraph(ctx, id + ".phone",
            person.phone_end.empty()
                ? Tr(ctx, "dups.no_phone")
                : TrFormat(ctx, "dups.phone_end", {{"digits", person.phone_end}}),
            p.text, FontRole::kBody, width);
  Paragraph(ctx, id + ".card",
            person.card_end.empty() ? Tr(ctx, "dups.no_card")
                                    : TrFormat(ctx, "dups.card_end", {{"digits", person.card_end}}),
            p.text, FontRole::kBody, width);
  Paragraph(
      ctx, id + ".registered",
      person.registered_on.empty()
          ? Tr(ctx, "dups.registered_unknown")
          : TrFormat(ctx, "dups.registered", {{"date", FormatDate(ctx, person.registered_on)}}),
      p.text, FontRole::kBody, width);
  Paragraph(ctx, id + ".signups",
            TrFormat(ctx, "dups.signups", {{"count", std::to_string(person.signups)}}), p.text,
            FontRole::kBody, width);
}

void DrawList(const DuplicatesState& dups, DuplicatesUi& ui, const ScreenContext& ctx,
              const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  Heading(ctx, "dups.title", Tr(ctx, "dups.title"));
  BeginPagedList(ctx, "dups.list", ui.list, ImGui::GetContentRegionAvail().y);
  if (dups.loading) {
    Paragraph(ctx, "dups.loading", Tr(ctx, "dups.loading"), p.text, FontRole::kLabel);
  } else if (dups.pairs.empty()) {
    Paragraph(ctx, "dups.none", Tr(ctx, "dups.none"), p.text, FontRole::kLabel);
  } else {
    Paragraph(ctx, "dups.intro", Tr(ctx, "dups.intro"), p.text);
  }
  const ButtonKind kind = dups.busy ? ButtonKind::kDisabled : ButtonKind::kPrimary;
  for (const DuplicatePair& pair : dups.pairs) {
    const std::string id = "dups.pair." + pair.first.id + "." + pair.second.id;
    if (CardWithButton(ctx, Tr(ctx, "dups.open"),
                       "dups.open." + pair.first.id + "." + pair.second.id, kind, [&](float width) {
                         Paragraph(ctx, id + ".first", NameAndYear(pair.first), p.text,
                                   FontRole::kLabel, width);
                         Paragraph(ctx, id + ".second", NameAndYear(pair.second), p.text,
                                   FontRole::kLabel, width);
                         Paragraph(ctx, id + ".why", Reason(ctx, pair), p.text, FontRole::kBody,
                                   width);
                       })) {
      dispatch(ChooseDuplicatePair{pair.first.id, pair.second.id});
    }
  }
  if (!dups.loading) {
    Paragraph(ctx, "dups.office", Tr(ctx, "dups.office"), p.text);
  }
  EndPagedList(ctx, "dups.list", ui.list);
}

void DrawPair(const DuplicatesState& dups, DuplicatesUi& ui, const ScreenContext& ctx,
              const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  Heading(ctx, "dups.pair.title", Tr(ctx, "dups.pair.title"));
  BeginPagedList(ctx, "dups.pair", ui.pair, ImGui::GetContentRegionAvail().y);
  const DuplicatePair& pair = *dups.chosen;
  Paragraph(ctx, "dups.pair.why", Reason(ctx, pair) + " " + Tr(ctx, "dups.pair.choose"), p.text);
  const ButtonKind kind = dups.busy ? ButtonKind::kDisabled : ButtonKind::kPrimary;
  const std::string& keep = Tr(ctx, "dups.keep");
  for (const DuplicatePerson* person : {&pair.first, &pair.second}) {
    const std::string id = person == &pair.first ? "dups.first" : "dups.second";
    if (CardWithButton(ctx, keep,
                       "dups.keep." + std::string(person == &pair.first ? "first" : "second"), kind,
                       [&](float width) { DrawSide(*person, id, ctx, width); })) {
      dispatch(KeepDuplicate{person->id});
    }
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  const std::string& different = Tr(ctx, "dups.different");
  if (BigButton(ctx, different, "dups.different",
                dups.busy ? ButtonKind::kDisabled : ButtonKind::kSecondary,
                ImVec2(std::min(ImGui::GetContentRegionAvail().x,
                                std::max(ButtonWidth(ctx, different), m.primary_width)),
                       m.primary))) {
    dispatch(MarkNotDuplicates{});
  }
  Paragraph(ctx, "dups.different_note", Tr(ctx, "dups.different_note"), p.text);
  EndPagedList(ctx, "dups.pair", ui.pair);
}

// "X's sign-ups and lessons will move to Y; this cannot be undone here."
std::string MergeWords(const ScreenContext& ctx, const DuplicatesState& dups, const char* key) {
  const DuplicatePerson* kept = PersonOfPair(*dups.chosen, dups.keep_id);
  const DuplicatePerson* merged = OtherOfPair(*dups.chosen, dups.keep_id);
  return TrFormat(
      ctx, key,
      {{"merged", merged ? NameAndYear(*merged) : ""}, {"kept", kept ? NameAndYear(*kept) : ""}});
}

void DrawDone(const DuplicatesState& dups, DuplicatesUi& ui, const ScreenContext& ctx,
              const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  Heading(ctx, "dups.done.title", Tr(ctx, "dups.done.title"));
  BeginPagedList(ctx, "dups.done", ui.pair, ImGui::GetContentRegionAvail().y);
  Paragraph(ctx, "dups.done.message", MergeWords(ctx, dups, "dups.done.message"), p.text,
            FontRole::kLabel);
  Paragraph(ctx, "dups.done.sync", Tr(ctx, "dups.done.sync"), p.text);
  const std::string& back = Tr(ctx, "dups.done.back");
  if (BigButton(ctx, back, "dups.done.back", ButtonKind::kPrimary,
                ImVec2(std::min(ImGui::GetContentRegionAvail().x,
                                std::max(ButtonWidth(ctx, back), m.primary_width)),
                       m.primary))) {
    dispatch(GoBack{});
  }
  EndPagedList(ctx, "dups.done", ui.pair);
}

void DrawDialogs(const DuplicatesState& dups, const ScreenContext& ctx, const Dispatch& dispatch) {
  if (dups.step == DuplicatesStep::kConfirm && dups.chosen) {
    const DialogAnswer answer = ConfirmDialog(
        ctx, "dups.ask", MergeWords(ctx, dups, "dups.ask.message"),
        Tr(ctx, dups.busy ? "dups.ask.saving" : "dups.ask.yes"), Tr(ctx, "dups.ask.no"));
    if (answer != DialogAnswer::kNone && !dups.busy) {
      dispatch(AnswerDuplicateMerge{answer == DialogAnswer::kYes});
    }
  } else if (!dups.notice_key.empty()) {
    if (NoticeDialog(ctx, "dups.notice", Tr(ctx, dups.notice_key.c_str()), Tr(ctx, "common.ok"))) {
      dispatch(DismissDuplicatesNotice{});
    }
  }
}

}  // namespace

void DrawDuplicatesScreen(const AppState& state, DuplicatesUi& ui, const ScreenContext& ctx,
                          const Dispatch& dispatch) {
  const DuplicatesState& dups = state.coordinator.duplicates;
  if (dups.step != ui.shown_step) {
    ui.pair = PagedScroll{};  // a pair, or the merge's result, starts at its top
    ui.shown_step = dups.step;
  }
  if (dups.step == DuplicatesStep::kList || !dups.chosen) {
    DrawList(dups, ui, ctx, dispatch);
  } else if (dups.step == DuplicatesStep::kDone) {
    DrawDone(dups, ui, ctx, dispatch);
  } else {
    DrawPair(dups, ui, ctx, dispatch);
  }
  DrawDialogs(dups, ctx, dispatch);
}

}  // namespace raida::kiosk

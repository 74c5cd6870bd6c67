// A person's individual action plan (CoordinatorView::kPlan), opened from their record.
//
// The plan: one paged list — the plan's status and "3 of 5 steps done", then each goal (a card
// with "Mark achieved" / "✓ Achieved") followed, indented, by its steps (a card each: title, the
// institution in words, the due date, "date passed" when it passed unfinished, and "Mark done" / "✓
// Done") and "Add a step". Below it a row of big buttons: "Add a goal", the status ("Make the plan
// active", "Close the plan", "Open the plan again") and "Print a summary for the person"; when the
// row does not fit (large text on a small panel) they stand at the top of the list instead.
//
// A new goal or step is one answer per screen: the title on the on-screen keyboard; for a step
// then the institution (five big buttons) and the due date on the number pad ("2026-12-__" fills
// as digits are typed, the date in words when it is whole, a note when it has passed), or
// "Without a date". A refused answer is said in red above the keys. Back goes one answer back.
// Undoing a step or goal and closing the plan are asked first; a print says where it went.
//
// Notes: a step's note (for the coordinator; sealed at rest) stands in its card, or a plain
// sentence when this kiosk cannot open it; "Add a note" / "Change the note" under the card opens
// the note on the keyboard, with the whole text as typed above it (empty removes the note). A
// kiosk without its center key says once, above the goals, that it must be set up again.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/state/reduce_plan.h"
#include "kiosk/ui/card_with_button.h"
#include "kiosk/ui/coordinator_ui.h"
#include "kiosk/ui/keyboard.h"
#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

void Wipe(std::string& text) {
  std::fill(text.begin(), text.end(), '\0');
  text.clear();
}

// A new entry step (or the view shown again after a gap) starts empty, except the step's title
// when Back returns to it from the institution.
void NoteEdit(const PlanState& plan, PlanUi& ui) {
  const int frame = ImGui::GetFrameCount();
  const bool fresh = ui.last_frame < 0 || frame - ui.last_frame > 1;
  ui.last_frame = frame;
  if (!fresh && plan.edit == ui.shown_edit) {
    return;
  }
  if (fresh) {
    ui.list = PagedScroll{};
  }
  ui.shown_edit = plan.edit;
  Wipe(ui.text);
  Wipe(ui.pad.digits);
  ui.words = PagedScroll{};
  if (plan.edit == PlanEdit::kStepTitle) {
    ui.text = plan.step_title;
  }
  if (plan.edit == PlanEdit::kStepNote) {
    for (const PlanGoalView& goal : plan.plan.goals) {
      for (const PlanStepView& step : goal.steps) {
        if (step.id == plan.step_id && step.note_state == PlanNote::kShown) {
          ui.text = step.note;
        }
      }
    }
  }
}

const PlanStepView* StepOf(const PlanView& plan, const std::string& step_id) {
  for (const PlanGoalView& goal : plan.goals) {
    for (const PlanStepView& step : goal.steps) {
      if (step.id == step_id) {
        return &step;
      }
    }
  }
  return nullptr;
}

std::string PersonName(const AppState& state) {
  const auto& record = state.coordinator.person.record;
  return record ? record->given_name : std::string();
}

std::string FullName(const AppState& state) {
  const auto& record = state.coordinator.person.record;
  return record ? record->given_name + " " + record->family_name : std::string();
}

const PlanGoalView* GoalOf(const PlanView& plan, const std::string& goal_id) {
  for (const PlanGoalView& goal : plan.goals) {
    if (goal.id == goal_id) {
      return &goal;
    }
  }
  return nullptr;
}

std::string InstitutionKey(const std::string& institution) {
  return "plan.institution." + institution;
}

// The problem of the last answer, in red.
void Problem(const PlanState& plan, const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  if (plan.busy) {
    Paragraph(ctx, "plan.saving", Tr(ctx, "person.record.saving"), p.text, FontRole::kLabel);
  } else if (!plan.error_key.empty()) {
    Paragraph(ctx, "plan.error", Tr(ctx, plan.error_key.c_str()), p.error_text, FontRole::kLabel);
  }
}

// [SECTION] The plan

// "Labour office · by 1 December 2026 · date passed".
std::string StepLine(const PlanStepView& step, const std::string& today, const ScreenContext& ctx) {
  std::string line = Tr(ctx, InstitutionKey(step.institution).c_str()) + " \u00B7 ";
  line += step.due_on.empty()
              ? Tr(ctx, "plan.step.no_date")
              : TrFormat(ctx, "plan.step.due", {{"date", FormatDate(ctx, step.due_on)}});
  if (!step.done && !step.due_on.empty() && !today.empty() && step.due_on < today) {
    line += " \u00B7 " + Tr(ctx, "plan.step.passed");
  }
  return line;
}

// The step's note in its card: the text, or why it cannot be shown.
void DrawNoteText(const PlanStepView& step, const std::string& id, float width,
                  const ScreenContext& ctx) {
  if (step.note_state == PlanNote::kShown) {
    Paragraph(ctx, id + ".note", TrFormat(ctx, "plan.note.shown", {{"note", step.note}}),
              ctx.theme.palette.text, FontRole::kBody, width);
  } else if (step.note_state == PlanNote::kUnreadable) {
    Paragraph(ctx, id + ".note", Tr(ctx, "plan.note.unreadable"), ctx.theme.palette.text,
              FontRole::kBody, width);
  }
}

// "Add a note" / "Change the note" under a step's card, when a note can be written here.
void DrawNoteButton(const PlanView& plan, const PlanStepView& step, bool locked,
                    const ScreenContext& ctx, const Dispatch& dispatch) {
  if (!plan.notes_kept || step.note_state == PlanNote::kUnreadable) {
    return;
  }
  const Metrics& m = ctx.theme.metrics;
  const std::string& label =
      Tr(ctx, step.note_state == PlanNote::kShown ? "plan.note.change" : "plan.note.add");
  if (BigButton(ctx, label, "plan.note." + step.id,
                locked ? ButtonKind::kDisabled : ButtonKind::kSecondary,
                ImVec2(std::min(ImGui::GetContentRegionAvail().x,
                                std::max(ButtonWidth(ctx, label), m.primary_width)),
                       m.primary))) {
    dispatch(OpenPlanNote{step.id});
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
}

void DrawGoal(const AppState& state, const PlanGoalView& goal, bool locked,
              const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  const std::string id = "plan.goal." + goal.id;
  const ButtonKind achieved_kind = locked          ? ButtonKind::kDisabled
                                   : goal.achieved ? ButtonKind::kSelected
                                                   : ButtonKind::kSecondary;
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  if (CardWithButton(
          ctx, Tr(ctx, goal.achieved ? "plan.goal.achieved_mark" : "plan.goal.achieve"),
          id + ".achieved", achieved_kind, [&](float width) {
            Paragraph(ctx, id + ".title", goal.title, p.text, FontRole::kHeading, width);
            const PlanView one{"", "", {goal}};
            const auto [done, total] = PlanProgress(one);
            Paragraph(ctx, id + ".progress",
                      TrFormat(ctx, "plan.progress",
                               {{"done", std::to_string(done)}, {"total", std::to_string(total)}}),
                      p.text, FontRole::kBody, width);
          })) {
    dispatch(TapPlanGoal{goal.id});
  }
  // The goal's steps and "Add a step" stand indented under it.
  ImGui::Indent(m.target);
  for (const PlanStepView& step : goal.steps) {
    const std::string step_id = "plan.step." + step.id;
    const ButtonKind kind = locked      ? ButtonKind::kDisabled
                            : step.done ? ButtonKind::kSelected
                                        : ButtonKind::kSecondary;
    if (CardWithButton(ctx, Tr(ctx, step.done ? "plan.step.done_mark" : "plan.step.mark_done"),
                       step_id + ".done", kind, [&](float width) {
                         Paragraph(ctx, step_id + ".title", step.title, p.text, FontRole::kLabel,
                                   width);
                         Paragraph(ctx, step_id + ".line", StepLine(step, state.today, ctx), p.text,
                                   FontRole::kBody, width);
                         DrawNoteText(step, step_id, width, ctx);
                       })) {
      dispatch(TapPlanStep{step.id});
    }
    DrawNoteButton(state.coordinator.person.plan.plan, step, locked, ctx, dispatch);
  }
  const std::string& add = Tr(ctx, "plan.step.add");
  if (BigButton(ctx, add, "plan.step.add." + goal.id,
                locked ? ButtonKind::kDisabled : ButtonKind::kSecondary,
                ImVec2(std::min(ImGui::GetContentRegionAvail().x,
                                std::max(ButtonWidth(ctx, add), m.primary_width)),
                       m.primary))) {
    dispatch(AddPlanStep{goal.id});
  }
  ImGui::Unindent(m.target);
}

// The plan's buttons: "Add a goal", the status, "Print a summary for the person".
struct PlanButton {
  const char* key;
  const char* id;
  ButtonKind kind;
  Action action;
};

std::vector<PlanButton> Buttons(const PlanState& plan) {
  const bool waiting = plan.busy || plan.loading;
  const bool closed = plan.plan.status == "closed";
  const ButtonKind off = ButtonKind::kDisabled;
  std::vector<PlanButton> buttons;
  buttons.push_back({"plan.goal.add", "plan.goal.add",
                     waiting || closed ? off : ButtonKind::kPrimary, AddPlanGoal{}});
  if (plan.plan.id.empty()) {
    return buttons;
  }
  const ButtonKind kind = waiting ? off : ButtonKind::kSecondary;
  if (plan.plan.status == "draft") {
    buttons.push_back(
        {"plan.status.activate", "plan.status.activate", kind, ChangePlanStatus{"active"}});
  } else if (plan.plan.status == "active") {
    buttons.push_back({"plan.status.close", "plan.status.close", kind, ChangePlanStatus{"closed"}});
  } else {
    buttons.push_back(
        {"plan.status.reopen", "plan.status.reopen", kind, ChangePlanStatus{"active"}});
  }
  buttons.push_back({"plan.print", "plan.print", kind, PrintPlanSummary{}});
  return buttons;
}

float RowWidth(const ScreenContext& ctx, const std::vector<PlanButton>& buttons) {
  float width = 0.0f;
  for (const PlanButton& button : buttons) {
    width += std::max(ButtonWidth(ctx, Tr(ctx, button.key)), ctx.theme.metrics.primary_width) +
             ctx.theme.metrics.gap;
  }
  return width;
}

void DrawButtons(const ScreenContext& ctx, const std::vector<PlanButton>& buttons, bool row,
                 const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  for (size_t i = 0; i < buttons.size(); ++i) {
    const std::string& label = Tr(ctx, buttons[i].key);
    const float width = std::min(ImGui::GetContentRegionAvail().x,
                                 std::max(ButtonWidth(ctx, label), m.primary_width));
    if (row && i > 0) {
      ImGui::SameLine(0.0f, m.gap);
    }
    if (BigButton(ctx, label, buttons[i].id, buttons[i].kind, ImVec2(width, m.primary))) {
      dispatch(buttons[i].action);
    }
    if (!row) {
      ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
    }
  }
}

void DrawPlan(const AppState& state, PlanUi& ui, const ScreenContext& ctx,
              const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  const PlanState& plan = state.coordinator.person.plan;
  Heading(ctx, "plan.title", TrFormat(ctx, "plan.title", {{"name", FullName(state)}}));
  const std::vector<PlanButton> buttons = Buttons(plan);
  const bool row = RowWidth(ctx, buttons) <= ImGui::GetContentRegionAvail().x;
  BeginPagedList(
      ctx, "plan.page", ui.list,
      std::max(m.target, ImGui::GetContentRegionAvail().y - (row ? m.primary + m.gap : 0.0f)));
  if (!row) {
    DrawButtons(ctx, buttons, false, dispatch);
  }
  Problem(plan, ctx);
  if (plan.loading) {
    Paragraph(ctx, "plan.loading", Tr(ctx, "common.loading"), p.text, FontRole::kLabel);
  } else if (plan.plan.id.empty()) {
    Paragraph(ctx, "plan.none", Tr(ctx, "plan.none"), p.text, FontRole::kLabel);
  } else {
    const auto [done, total] = PlanProgress(plan.plan);
    Paragraph(ctx, "plan.status", Tr(ctx, ("plan.status." + plan.plan.status).c_str()), p.text,
              FontRole::kLabel);
    Paragraph(ctx, "plan.progress",
              TrFormat(ctx, "plan.progress",
                       {{"done", std::to_string(done)}, {"total", std::to_string(total)}}),
              p.text, FontRole::kLabel);
    if (plan.plan.goals.empty()) {
      Paragraph(ctx, "plan.no_goals", Tr(ctx, "plan.no_goals"), p.text);
    }
    if (!plan.plan.notes_kept) {
      Paragraph(ctx, "plan.note.unavailable", Tr(ctx, "plan.note.unavailable"), p.text);
    }
    const bool locked = plan.busy || plan.plan.status == "closed";
    for (const PlanGoalView& goal : plan.plan.goals) {
      DrawGoal(state, goal, locked, ctx, dispatch);
    }
  }
  EndPagedList(ctx, "plan.page", ui.list);
  if (row) {
    ImGui::SetCursorPosY(
        std::max(ImGui::GetCursorPosY(), ImGui::GetWindowContentRegionMax().y - m.primary));
    DrawButtons(ctx, buttons, true, dispatch);
  }
}

// [SECTION] A new goal or step

void DrawTitle(const AppState& state, PlanUi& ui, const ScreenContext& ctx,
               const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const PlanState& plan = state.coordinator.person.plan;
  const KeyboardLayout layout = LayoutForLanguage(ctx.language);
  const bool goal = plan.edit == PlanEdit::kGoalTitle;
  const PlanGoalView* under = GoalOf(plan.plan, plan.goal_id);
  KeyboardField(ctx, "plan.field", ui.text, Tr(ctx, goal ? "plan.field.goal" : "plan.field.step"));
  const float keyboard = KeyboardHeight(ctx, layout) + m.gap;
  BeginPagedList(ctx, "plan.words", ui.words,
                 std::max(m.target, ImGui::GetContentRegionAvail().y - keyboard));
  const std::string question =
      goal ? TrFormat(ctx, "plan.ask.goal_title", {{"name", PersonName(state)}})
           : TrFormat(ctx, "plan.ask.step_title", {{"goal", under ? under->title : ""}});
  Paragraph(ctx, "plan.question", question, ctx.theme.palette.text);
  Problem(plan, ctx);
  EndPagedList(ctx, "plan.words", ui.words);
  ImGui::SetCursorPosY(
      std::max(ImGui::GetCursorPosY(), ImGui::GetWindowContentRegionMax().y - keyboard + m.gap));
  const KeyboardEdit edit =
      OnScreenKeyboard(ctx, "plan.keyboard", layout, ui.text, kMaxPlanTitleChars);
  if (edit.changed) {
    ui.text = edit.text;
  }
  if (edit.submitted) {
    dispatch(SubmitPlanTitle{edit.text});
  }
}

// A step's note on the keyboard, the whole text as typed above it.
void DrawNote(const AppState& state, PlanUi& ui, const ScreenContext& ctx,
              const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  const PlanState& plan = state.coordinator.person.plan;
  const KeyboardLayout layout = LayoutForLanguage(ctx.language);
  const PlanStepView* step = StepOf(plan.plan, plan.step_id);
  KeyboardField(ctx, "plan.field", ui.text, Tr(ctx, "plan.field.note"));
  const float keyboard = KeyboardHeight(ctx, layout) + m.gap;
  BeginPagedList(ctx, "plan.words", ui.words,
                 std::max(m.target, ImGui::GetContentRegionAvail().y - keyboard));
  Paragraph(ctx, "plan.question",
            TrFormat(ctx, "plan.ask.note", {{"step", step ? step->title : ""}}), p.text);
  if (!ui.text.empty()) {
    Paragraph(ctx, "plan.note.typed", ui.text, p.text, FontRole::kLabel);
  }
  Problem(plan, ctx);
  EndPagedList(ctx, "plan.words", ui.words);
  ImGui::SetCursorPosY(
      std::max(ImGui::GetCursorPosY(), ImGui::GetWindowContentRegionMax().y - keyboard + m.gap));
  const KeyboardEdit edit =
      OnScreenKeyboard(ctx, "plan.keyboard", layout, ui.text, kMaxPlanNoteChars);
  if (edit.changed) {
    ui.text = edit.text;
  }
  if (edit.submitted) {
    dispatch(SubmitPlanNote{edit.text});
  }
}

void DrawInstitution(const AppState& state, PlanUi& ui, const ScreenContext& ctx,
                     const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const PlanState& plan = state.coordinator.person.plan;
  BeginPagedList(ctx, "plan.words", ui.words, ImGui::GetContentRegionAvail().y);
  Paragraph(ctx, "plan.question",
            TrFormat(ctx, "plan.ask.institution", {{"step", plan.step_title}}),
            ctx.theme.palette.text, FontRole::kLabel);
  float width = 8.0f * m.target;
  for (const char* institution : kPlanInstitutions) {
    width = std::max(width, ButtonWidth(ctx, Tr(ctx, InstitutionKey(institution).c_str())));
  }
  width = std::min(ImGui::GetContentRegionAvail().x, width);
  for (const char* institution : kPlanInstitutions) {
    const ButtonKind kind =
        plan.institution == institution ? ButtonKind::kSelected : ButtonKind::kSecondary;
    if (BigButton(ctx, Tr(ctx, InstitutionKey(institution).c_str()),
                  std::string("plan.institution.") + institution, kind, ImVec2(width, m.primary))) {
      dispatch(ChoosePlanInstitution{institution});
    }
    ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  }
  EndPagedList(ctx, "plan.words", ui.words);
}

// "2026-12-__" as the digits of YYYYMMDD come.
std::string DateMask(const std::string& digits) {
  std::string mask = "____-__-__";
  size_t at = 0;
  for (const char digit : digits) {
    if (at == 4 || at == 7) {
      ++at;
    }
    if (at < mask.size()) {
      mask[at++] = digit;
    }
  }
  return mask;
}

void DrawDue(const AppState& state, PlanUi& ui, const ScreenContext& ctx,
             const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  const PlanState& plan = state.coordinator.person.plan;
  const float pad_width = NumberPadWidth(ctx);
  const float text_width =
      std::max(m.target, ImGui::GetContentRegionAvail().x - pad_width - 2.0f * m.gap);
  BeginPagedList(ctx, "plan.words", ui.words, ImGui::GetContentRegionAvail().y, text_width);
  Paragraph(ctx, "plan.question", TrFormat(ctx, "plan.ask.due", {{"step", plan.step_title}}),
            p.text);
  Paragraph(ctx, "plan.digits", DateMask(ui.pad.digits), p.text, FontRole::kHeading);
  const std::string date = PlanDateFromDigits(ui.pad.digits);
  if (IsPlanDate(date)) {
    Paragraph(ctx, "plan.date_words", FormatDate(ctx, date), p.text, FontRole::kLabel);
    if (!state.today.empty() && date < state.today) {
      Paragraph(ctx, "plan.date_passed", Tr(ctx, "plan.due.passed"), p.text);
    }
  }
  Problem(plan, ctx);
  const std::string& skip = Tr(ctx, "plan.due.skip");
  if (BigButton(ctx, skip, "plan.due.skip",
                plan.busy ? ButtonKind::kDisabled : ButtonKind::kSecondary,
                ImVec2(std::min(ImGui::GetContentRegionAvail().x,
                                std::max(ButtonWidth(ctx, skip), m.primary_width)),
                       m.primary))) {
    dispatch(SkipPlanDue{});
  }
  EndPagedList(ctx, "plan.words", ui.words);
  ImGui::SameLine(ImGui::GetContentRegionMax().x - pad_width);
  ImGui::BeginGroup();
  const bool ok = NumberPad(ctx, ui.pad, plan.busy);
  if (ui.pad.digits.size() > kPlanDateDigits) {
    ui.pad.digits.resize(kPlanDateDigits);  // a ninth digit is not taken
  }
  ImGui::EndGroup();
  if (ok) {
    dispatch(SubmitPlanDue{ui.pad.digits});
  }
}

// [SECTION] Dialogs

void DrawDialogs(const PlanState& plan, const ScreenContext& ctx, const Dispatch& dispatch) {
  if (plan.question != PlanQuestion::kNone) {
    std::string message;
    const char* yes = "plan.ask.undo_yes";
    if (plan.question == PlanQuestion::kClosePlan) {
      message = Tr(ctx, "plan.ask.close");
      yes = "plan.status.close";
    } else if (plan.question == PlanQuestion::kUndoGoal) {
      const PlanGoalView* goal = GoalOf(plan.plan, plan.question_id);
      message = TrFormat(ctx, "plan.ask.undo_goal", {{"goal", goal ? goal->title : ""}});
    } else {
      std::string title;
      for (const PlanGoalView& goal : plan.plan.goals) {
        for (const PlanStepView& step : goal.steps) {
          title = step.id == plan.question_id ? step.title : title;
        }
      }
      message = TrFormat(ctx, "plan.ask.undo_step", {{"step", title}});
    }
    const DialogAnswer answer =
        ConfirmDialog(ctx, "plan.ask", message, Tr(ctx, yes), Tr(ctx, "plan.ask.no"));
    if (answer != DialogAnswer::kNone) {
      dispatch(AnswerPlanQuestion{answer == DialogAnswer::kYes});
    }
  } else if (!plan.notice_key.empty()) {
    const std::string message =
        TrFormat(ctx, plan.notice_key.c_str(), {{"path", plan.printed_path}});
    if (NoticeDialog(ctx, "plan.notice", message, Tr(ctx, "common.ok"))) {
      dispatch(DismissPlanNotice{});
    }
  }
}

}  // namespace

void DrawPlanScreen(const AppState& state, PlanUi& ui, const ScreenContext& ctx,
                    const Dispatch& dispatch) {
  const PlanState& plan = state.coordinator.person.plan;
  NoteEdit(plan, ui);
  switch (plan.edit) {
    case PlanEdit::kNone:
      DrawPlan(state, ui, ctx, dispatch);
      break;
    case PlanEdit::kGoalTitle:
    case PlanEdit::kStepTitle:
      DrawTitle(state, ui, ctx, dispatch);
      break;
    case PlanEdit::kStepInstitution:
      DrawInstitution(state, ui, ctx, dispatch);
      break;
    case PlanEdit::kStepDue:
      DrawDue(state, ui, ctx, dispatch);
      break;
    case PlanEdit::kStepNote:
      DrawNote(state, ui, ctx, dispatch);
      break;
  }
  DrawDialogs(plan, ctx, dispatch);
}

}  // namespace raida::kiosk

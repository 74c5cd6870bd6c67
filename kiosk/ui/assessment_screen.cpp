// "What work suits me?": the intro and the questions — one statement, skill or question about the
// person's situation per screen, with a progress count, big answer buttons and "Stop for now".
//
// The answer buttons stand side by side when their words fit, each as wide as a third of the
// screen with its picture above the word; on a narrow panel or at the largest text they stack,
// each as wide as the screen with the picture on the left. The answer already given (after Back)
// is ticked as well as coloured. The result is drawn by assessment_result.cpp.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/ui/assessment_ui.h"
#include "raida/core/riasec.h"

namespace raida::kiosk {
namespace {

constexpr float kPictureButtonMaxMm = 80.0f;  // a picture button is at most this high
constexpr float kStackedButtonMaxMm = 30.0f;  // ... and this high when the buttons stack
constexpr float kOptionButtonMm = 25.0f;      // skill levels and situation options

struct Choice {
  std::string label;
  std::string id;
  std::string picture;  // "" for a button without one
  bool chosen = false;
};

// Draws the picture of `choice` on the button just drawn: above its word (side by side) or on
// its left (stacked).
void DrawPicture(const ScreenContext& ctx, const Choice& choice, ButtonKind kind, bool stacked) {
  if (choice.picture.empty()) {
    return;
  }
  const Metrics& m = ctx.theme.metrics;
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const float label_height = ctx.Font(FontRole::kLabel)->FontSize;
  float radius = 0.0f;
  ImVec2 center;
  if (stacked) {
    radius = std::floor((max.y - min.y) * 0.5f - m.padding);
    center = ImVec2(min.x + m.padding * 2.0f + radius, (min.y + max.y) * 0.5f);
  } else {
    const float room = max.y - min.y - label_height - 3.0f * m.padding;
    radius = std::floor(std::min(room, max.x - min.x - 2.0f * m.padding) * 0.5f);
    center = ImVec2((min.x + max.x) * 0.5f, min.y + m.padding + radius);
  }
  if (radius >= m.padding) {
    DrawAnswerFace(choice.picture, center, radius, ColorsFor(ctx, kind).text);
  }
}

// How many buttons of `needed` px stand side by side in `width`: all of them, or (for picture
// buttons) one per row, or (for words alone) as many rows as needed, evenly filled.
int Columns(int count, float needed, float width, float gap, bool pictures) {
  const int fit = std::max(1, static_cast<int>((width + gap) / (needed + gap)));
  if (fit >= count) {
    return count;
  }
  if (pictures) {
    return 1;
  }
  const int rows = (count + fit - 1) / fit;
  return (count + rows - 1) / rows;
}

// The answer buttons, within `max_height` px; returns the index tapped, or -1.
int ChoiceButtons(const ScreenContext& ctx, const std::vector<Choice>& choices, float max_height) {
  const Metrics& m = ctx.theme.metrics;
  const int count = static_cast<int>(choices.size());
  const float width = ImGui::GetContentRegionAvail().x;
  const bool pictures = !choices.empty() && !choices.front().picture.empty();
  float needed = 0.0f;
  for (const Choice& choice : choices) {
    needed = std::max(needed, ButtonWidth(ctx, "\u2713 " + choice.label));
  }
  if (pictures) {
    needed += 2.0f * m.padding;  // the word stays clear of the rounded edge
  }
  const int columns = Columns(count, needed, width, m.gap, pictures);
  const bool stacked = columns < count;
  const float rows = static_cast<float>((count + columns - 1) / columns);
  const float cap =
      pictures ? (stacked ? kStackedButtonMaxMm : kPictureButtonMaxMm) : kOptionButtonMm;
  const float each_height = std::clamp(std::floor((max_height - m.gap * (rows - 1.0f)) / rows),
                                       m.primary, std::ceil(cap * m.px_per_mm));
  const float cols = static_cast<float>(columns);
  const ImVec2 size(std::floor((width - m.gap * (cols - 1.0f)) / cols), each_height);
  int tapped = -1;
  for (int i = 0; i < count; ++i) {
    const Choice& choice = choices[static_cast<size_t>(i)];
    if (i % columns != 0) {
      ImGui::SameLine();
    }
    const ButtonKind kind = choice.chosen ? ButtonKind::kSelected : ButtonKind::kSecondary;
    const bool picture_above = pictures && !stacked;
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign,
                        picture_above ? ImVec2(0.5f, 1.0f) : ImVec2(0.5f, 0.5f));
    const std::string label = choice.chosen ? "\u2713 " + choice.label : choice.label;
    if (BigButton(ctx, label, choice.id, kind, size)) {
      tapped = i;
    }
    ImGui::PopStyleVar();
    DrawPicture(ctx, choice, kind, stacked);
  }
  return tapped;
}

// The question's page: everything above "Stop for now", paged with ▲/▼ when it does not fit.
void BeginQuestion(const ScreenContext& ctx, AssessmentUi& ui) {
  const Metrics& m = ctx.theme.metrics;
  const float height = ImGui::GetContentRegionAvail().y - m.primary - m.gap;
  BeginPagedList(ctx, "assessment.page", ui.page, std::max(height, m.target));
}

// Ends the question's page and puts "Stop for now" at the bottom of the screen.
void EndQuestion(const ScreenContext& ctx, AssessmentUi& ui, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  EndPagedList(ctx, "assessment.page", ui.page);
  const float bottom = ImGui::GetWindowContentRegionMax().y - m.primary;
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), bottom));
  if (BigButton(ctx, Tr(ctx, "assessment.stop"), "assessment.stop", ButtonKind::kSecondary,
                ImVec2(0.0f, m.primary))) {
    dispatch(StopAssessment{});
  }
}

// The height left on the question's page for the answer buttons.
float AnswerRoom() { return ImGui::GetContentRegionAvail().y; }

// The progress count and the question itself, in large type.
void DrawQuestionHead(const ScreenContext& ctx, const char* progress_key, int index, int total,
                      const std::string& text) {
  const Palette& p = ctx.theme.palette;
  Paragraph(ctx, "assessment.progress",
            TrFormat(ctx, progress_key,
                     {{"n", std::to_string(index + 1)}, {"total", std::to_string(total)}}),
            p.text, FontRole::kLabel);
  Paragraph(ctx, "assessment.question", text, p.text, FontRole::kHeading);
  ImGui::Dummy(ImVec2(0.0f, ctx.theme.metrics.gap));
}

void DrawStatement(const AppState& state, AssessmentUi& ui, const ScreenContext& ctx,
                   const Dispatch& dispatch) {
  BeginQuestion(ctx, ui);
  const AssessmentState& a = state.assessment;
  const core::RiasecStatement& statement = a.content->statements[static_cast<size_t>(a.index)];
  DrawQuestionHead(ctx, "assessment.progress.statement", a.index,
                   static_cast<int>(a.content->statements.size()),
                   core::Localize(statement.text, ctx.language));
  const auto given = a.answers.statements.find(statement.id);
  std::vector<Choice> choices;
  for (const core::RiasecChoice& choice : a.content->choices) {
    choices.push_back({core::Localize(choice.label, ctx.language),
                       std::string("assessment.answer.") + core::InterestAnswerName(choice.answer),
                       choice.picture,
                       given != a.answers.statements.end() && given->second == choice.answer});
  }
  const int tapped = ChoiceButtons(ctx, choices, AnswerRoom());
  if (tapped >= 0) {
    dispatch(AnswerStatement{statement.id, a.content->choices[static_cast<size_t>(tapped)].answer});
  }
  EndQuestion(ctx, ui, dispatch);
}

void DrawSkill(const AppState& state, AssessmentUi& ui, const ScreenContext& ctx,
               const Dispatch& dispatch) {
  BeginQuestion(ctx, ui);
  const AssessmentState& a = state.assessment;
  const core::RiasecSkill& skill = a.content->skills[static_cast<size_t>(a.index)];
  Paragraph(ctx, "assessment.skill.question", Tr(ctx, "assessment.skill.question"),
            ctx.theme.palette.text);
  DrawQuestionHead(ctx, "assessment.progress.skill", a.index,
                   static_cast<int>(a.content->skills.size()),
                   core::Localize(skill.text, ctx.language));
  const auto given = a.answers.skills.find(skill.id);
  std::vector<Choice> choices;
  for (const core::RiasecLevel& level : a.content->skill_levels) {
    choices.push_back({core::Localize(level.label, ctx.language), "assessment.level." + level.id,
                       "", given != a.answers.skills.end() && given->second == level.id});
  }
  const int tapped = ChoiceButtons(ctx, choices, AnswerRoom());
  if (tapped >= 0) {
    dispatch(RateSkill{skill.id, a.content->skill_levels[static_cast<size_t>(tapped)].id});
  }
  EndQuestion(ctx, ui, dispatch);
}

void DrawConstraint(const AppState& state, AssessmentUi& ui, const ScreenContext& ctx,
                    const Dispatch& dispatch) {
  BeginQuestion(ctx, ui);
  const AssessmentState& a = state.assessment;
  const core::RiasecConstraint& question = a.content->constraints[static_cast<size_t>(a.index)];
  DrawQuestionHead(ctx, "assessment.progress.constraint", a.index,
                   static_cast<int>(a.content->constraints.size()),
                   core::Localize(question.text, ctx.language));
  const auto given = a.answers.constraints.find(question.id);
  std::vector<Choice> choices;
  for (const core::RiasecOption& option : question.options) {
    choices.push_back({core::Localize(option.label, ctx.language), "assessment.option." + option.id,
                       "", given != a.answers.constraints.end() && given->second == option.id});
  }
  const int tapped = ChoiceButtons(ctx, choices, AnswerRoom());
  if (tapped >= 0) {
    dispatch(AnswerConstraint{question.id, question.options[static_cast<size_t>(tapped)].id});
  }
  EndQuestion(ctx, ui, dispatch);
}

// How many of the content's statements, skills and questions have an answer.
int AnsweredCount(const AssessmentState& a) {
  int count = 0;
  for (const core::RiasecStatement& statement : a.content->statements) {
    count += static_cast<int>(a.answers.statements.count(statement.id));
  }
  for (const core::RiasecSkill& skill : a.content->skills) {
    count += static_cast<int>(a.answers.skills.count(skill.id));
  }
  for (const core::RiasecConstraint& question : a.content->constraints) {
    count += static_cast<int>(a.answers.constraints.count(question.id));
  }
  return count;
}

void DrawIntroButtons(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  const AssessmentState& a = state.assessment;
  const int answered = AnsweredCount(a);
  const int total = static_cast<int>(a.content->statements.size() + a.content->skills.size() +
                                     a.content->constraints.size());
  if (answered > 0) {
    Paragraph(ctx, "assessment.answered",
              TrFormat(ctx, "assessment.answered",
                       {{"count", std::to_string(answered)}, {"total", std::to_string(total)}}),
              p.text, FontRole::kLabel);
  }
  const bool started = answered > 0;
  if (BigButton(ctx, Tr(ctx, started ? "assessment.continue" : "assessment.start"),
                "assessment.start", ButtonKind::kPrimary)) {
    dispatch(StartAssessment{});
  }
  if (started) {
    ImGui::SameLine();
    if (BigButton(ctx, Tr(ctx, "assessment.restart"), "assessment.restart", ButtonKind::kSecondary,
                  ImVec2(0.0f, ctx.theme.metrics.primary))) {
      dispatch(RestartAssessment{});
    }
  }
  if (!state.person) {
    if (BigButton(ctx, Tr(ctx, "assessment.sign_in"), "assessment.sign_in", ButtonKind::kSecondary,
                  ImVec2(0.0f, ctx.theme.metrics.primary))) {
      dispatch(SignInToKeepAssessment{});
    }
  }
}

void DrawIntro(const AppState& state, AssessmentUi& ui, const ScreenContext& ctx,
               const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  const AssessmentState& a = state.assessment;
  Heading(ctx, "assessment.title", Tr(ctx, "assessment.title"));
  BeginPagedList(ctx, "assessment.page", ui.page, ImGui::GetContentRegionAvail().y);
  Paragraph(ctx, "assessment.intro.what",
            TrFormat(ctx, "assessment.intro.what",
                     {{"count", std::to_string(a.content->statements.size())}}),
            p.text);
  Paragraph(ctx, "assessment.intro.then", Tr(ctx, "assessment.intro.then"), p.text);
  Paragraph(ctx, "assessment.intro.keep",
            Tr(ctx, state.person ? "assessment.intro.signed_in" : "assessment.intro.guest"), p.text,
            FontRole::kLabel);
  ImGui::Dummy(ImVec2(0.0f, ctx.theme.metrics.gap));
  DrawIntroButtons(state, ctx, dispatch);
  EndPagedList(ctx, "assessment.page", ui.page);
}

}  // namespace

void DrawAssessmentScreen(const AppState& state, AssessmentUi& ui, const ScreenContext& ctx,
                          const Dispatch& dispatch) {
  NavBar(ctx, dispatch);
  const AssessmentState& a = state.assessment;
  if (a.content == nullptr || a.loading || !a.loaded) {
    Heading(ctx, "assessment.title", Tr(ctx, "assessment.title"));
    Paragraph(ctx, "assessment.loading", Tr(ctx, "common.loading"), ctx.theme.palette.text);
    return;
  }
  if (static_cast<int>(a.step) != ui.shown_step || a.index != ui.shown_index) {
    ui.page = PagedScroll{};  // another page starts at its top
    ui.shown_step = static_cast<int>(a.step);
    ui.shown_index = a.index;
  }
  switch (a.step) {
    case AssessmentStep::kIntro: {
      DrawIntro(state, ui, ctx, dispatch);
      break;
    }
    case AssessmentStep::kStatement: {
      DrawStatement(state, ui, ctx, dispatch);
      break;
    }
    case AssessmentStep::kSkill: {
      DrawSkill(state, ui, ctx, dispatch);
      break;
    }
    case AssessmentStep::kConstraint: {
      DrawConstraint(state, ui, ctx, dispatch);
      break;
    }
    case AssessmentStep::kResult: {
      DrawAssessmentResult(state, ui, ctx, dispatch);
      break;
    }
  }
}

void DrawAssessmentEntry(const ScreenContext& ctx, const Dispatch& dispatch) {
  BeginCard(ctx);
  Paragraph(ctx, "assessment.entry.text", Tr(ctx, "assessment.entry.text"), ctx.theme.palette.text);
  if (BigButton(ctx, Tr(ctx, "assessment.open"), "assessment.entry.open", ButtonKind::kPrimary)) {
    dispatch(OpenAssessment{});
  }
  EndCard(ctx);
}

void DrawAnswerFace(const std::string& picture, ImVec2 center, float radius, const ImVec4& color) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 col = ImGui::GetColorU32(color);
  const float thick = std::max(3.0f, std::round(radius * 0.09f));
  draw->AddCircle(center, radius, col, 64, thick);
  const float eye = std::max(2.0f, radius * 0.1f);
  draw->AddCircleFilled(ImVec2(center.x - radius * 0.35f, center.y - radius * 0.25f), eye, col);
  draw->AddCircleFilled(ImVec2(center.x + radius * 0.35f, center.y - radius * 0.25f), eye, col);
  constexpr float kPi = 3.14159265f;
  if (picture == "smile") {
    draw->PathArcTo(ImVec2(center.x, center.y + radius * 0.05f), radius * 0.5f, 0.2f * kPi,
                    0.8f * kPi, 24);
    draw->PathStroke(col, 0, thick);
  } else if (picture == "frown") {
    draw->PathArcTo(ImVec2(center.x, center.y + radius * 0.85f), radius * 0.5f, 1.2f * kPi,
                    1.8f * kPi, 24);
    draw->PathStroke(col, 0, thick);
  } else {
    draw->AddLine(ImVec2(center.x - radius * 0.4f, center.y + radius * 0.35f),
                  ImVec2(center.x + radius * 0.4f, center.y + radius * 0.35f), col, thick);
  }
}

}  // namespace raida::kiosk

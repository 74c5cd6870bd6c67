// The sign-up inbox (CoordinatorView::kInbox), below the coordinator screen's nav bar.
//
// The list: the sign-ups the district office changed at a sync come first, each in plain words
// ("The district office put Ona P. on the waiting list: the course was full"); then each course
// run with its dates, place and seats told honestly (this kiosk's count with how many are not
// yet sent, and the district office's last count with the time of that sync, or that there is
// none yet), and its requests: the person's name, what they asked for and their needs, and a big
// "Decide" button. Deciding is one question per screen: the four decisions, then (for a move)
// the other runs of the course here, then the reason as big buttons. Every refusal is said on
// screen in plain words with what to do.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/state/reduce_inbox.h"
#include "kiosk/ui/coordinator_ui.h"
#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

// A new step or another request starts at the top of the list.
void NoteStep(const InboxState& inbox, InboxUi& ui) {
  if (inbox.step != ui.shown_step || inbox.chosen_id != ui.shown_chosen) {
    ui.list = PagedScroll{};
  }
  ui.shown_step = inbox.step;
  ui.shown_chosen = inbox.chosen_id;
}

float ButtonWidthFor(const ScreenContext& ctx, std::initializer_list<std::string> labels) {
  float width = 8.0f * ctx.theme.metrics.target;
  for (const std::string& label : labels) {
    width = std::max(width, ButtonWidth(ctx, label));
  }
  return std::min(ImGui::GetContentRegionAvail().x, width);
}

std::string Title(const ScreenContext& ctx, const InboxOffering* offering) {
  return offering != nullptr ? core::Localize(offering->course_title, ctx.language) : "";
}

// "23 November 2026 – 20 December 2026, Bajorai library, room 2".
std::string When(const ScreenContext& ctx, const InboxOffering& offering) {
  return TrFormat(ctx, "inbox.offering_when",
                  {{"from", FormatDate(ctx, offering.starts_on)},
                   {"to", FormatDate(ctx, offering.ends_on)},
                   {"place", offering.place}});
}

std::string Needs(const ScreenContext& ctx, const std::vector<std::string>& needs) {
  if (needs.empty()) {
    return Tr(ctx, "inbox.needs_none");
  }
  std::string words;
  for (const std::string& need : needs) {
    const std::string key = "signup.need_short." + need;
    words += (words.empty() ? "" : ", ") + Tr(ctx, key.c_str());
  }
  return TrFormat(ctx, "inbox.needs", {{"needs", words}});
}

std::string Status(const ScreenContext& ctx, const InboxRequest& request) {
  return request.status == "waitlisted" ? Tr(ctx, "inbox.status.waitlisted")
                                        : Tr(ctx, "inbox.status.requested");
}

// The seats of a run: this kiosk's count, then the district office's last one.
void DrawSeats(const InboxState& inbox, const InboxOffering& offering, const ScreenContext& ctx,
               const std::string& id) {
  const ImVec4& text = ctx.theme.palette.text;
  const std::string capacity = std::to_string(offering.capacity);
  const std::string confirmed = std::to_string(offering.confirmed_here);
  Paragraph(ctx, id + ".seats_here",
            offering.unsent > 0
                ? TrFormat(ctx, "inbox.seats_here_unsent",
                           {{"capacity", capacity},
                            {"confirmed", confirmed},
                            {"unsent", std::to_string(offering.unsent)}})
                : TrFormat(ctx, "inbox.seats_here", {{"capacity", capacity}, {"confirmed", confirmed}}),
            text);
  Paragraph(ctx, id + ".seats_office",
            inbox.last_sync_date.empty()
                ? Tr(ctx, "inbox.seats_office_none")
                : TrFormat(ctx, "inbox.seats_office",
                           {{"count", std::to_string(offering.district_count)},
                            {"date", FormatDate(ctx, inbox.last_sync_date)},
                            {"time", inbox.last_sync_time}}),
            text);
}

void DrawError(const InboxState& inbox, const ScreenContext& ctx) {
  if (!inbox.error_key.empty()) {
    Paragraph(ctx, "inbox.error", Tr(ctx, inbox.error_key.c_str()), ctx.theme.palette.error_text,
              FontRole::kLabel);
  }
}

void DecideButton(const InboxRequest& request, const ScreenContext& ctx,
                  const Dispatch& dispatch) {
  const std::string& label = Tr(ctx, "inbox.decide");
  if (BigButton(ctx, label, "inbox.decide." + request.enrollment_id, ButtonKind::kPrimary,
                ImVec2(ButtonWidthFor(ctx, {label}), ctx.theme.metrics.primary))) {
    dispatch(OpenInboxRequest{request.enrollment_id});
  }
}

void DrawConflict(const InboxState& inbox, const InboxRequest& request, const ScreenContext& ctx,
                  const Dispatch& dispatch) {
  const std::string id = "inbox.conflict." + request.enrollment_id;
  const InboxOffering* offering = FindInboxOffering(inbox, request.offering_id);
  BeginCard(ctx);
  Paragraph(ctx, id,
            TrFormat(ctx, "inbox.conflict.waitlisted",
                     {{"name", request.person_name}, {"course", Title(ctx, offering)}}),
            ctx.theme.palette.error_text, FontRole::kLabel);
  if (offering != nullptr) {
    Paragraph(ctx, id + ".when", When(ctx, *offering), ctx.theme.palette.text);
  }
  if (!request.waitlist_position.empty()) {
    Paragraph(ctx, id + ".position",
              TrFormat(ctx, "inbox.conflict.position", {{"position", request.waitlist_position}}),
              ctx.theme.palette.text);
  }
  Paragraph(ctx, id + ".needs", Needs(ctx, request.needs), ctx.theme.palette.text);
  Paragraph(ctx, id + ".what_to_do", Tr(ctx, "inbox.conflict.what_to_do"), ctx.theme.palette.text);
  DecideButton(request, ctx, dispatch);
  EndCard(ctx);
}

void DrawList(const InboxState& inbox, InboxUi& ui, const ScreenContext& ctx,
              const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  Heading(ctx, "inbox.title", Tr(ctx, "inbox.title"));
  BeginPagedList(ctx, "inbox.list", ui.list, ImGui::GetContentRegionAvail().y);
  if (!inbox.done_key.empty()) {
    Paragraph(ctx, "inbox.done", TrFormat(ctx, inbox.done_key.c_str(), {{"name", inbox.done_name}}),
              p.good_text, FontRole::kLabel);
  }
  DrawError(inbox, ctx);
  if (inbox.loading && inbox.requests.empty()) {
    Paragraph(ctx, "inbox.loading", Tr(ctx, "common.loading"), p.text);
  } else if (inbox.requests.empty()) {
    Paragraph(ctx, "inbox.empty", Tr(ctx, "inbox.empty"), p.text);
  }
  const bool any_conflict = std::any_of(inbox.requests.begin(), inbox.requests.end(),
                                        [](const InboxRequest& r) { return r.conflict; });
  if (any_conflict) {
    Paragraph(ctx, "inbox.conflicts_title", Tr(ctx, "inbox.conflicts_title"), p.text,
              FontRole::kLabel);
    for (const InboxRequest& request : inbox.requests) {
      if (request.conflict) {
        DrawConflict(inbox, request, ctx, dispatch);
      }
    }
  }
  for (const InboxOffering& offering : inbox.offerings) {
    const bool has_requests =
        std::any_of(inbox.requests.begin(), inbox.requests.end(), [&](const InboxRequest& r) {
          return !r.conflict && r.offering_id == offering.id;
        });
    if (!has_requests) {
      continue;
    }
    const std::string id = "inbox.offering." + offering.id;
    BeginCard(ctx);
    Paragraph(ctx, id, Title(ctx, &offering), p.text, FontRole::kLabel);
    Paragraph(ctx, id + ".when", When(ctx, offering), p.text);
    DrawSeats(inbox, offering, ctx, id);
    for (const InboxRequest& request : inbox.requests) {
      if (request.conflict || request.offering_id != offering.id) {
        continue;
      }
      const std::string rid = "inbox.request." + request.enrollment_id;
      ImGui::Dummy(ImVec2(0.0f, ctx.theme.metrics.gap * 0.5f));
      Paragraph(ctx, rid, request.person_name, p.text, FontRole::kLabel);
      Paragraph(ctx, rid + ".status", Status(ctx, request), p.text);
      Paragraph(ctx, rid + ".needs", Needs(ctx, request.needs), p.text);
      DecideButton(request, ctx, dispatch);
    }
    EndCard(ctx);
  }
  EndPagedList(ctx, "inbox.list", ui.list);
}

// The person, their course and needs, as the steps of one request show them.
void DrawRequestWords(const InboxState& inbox, const InboxRequest& request,
                      const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  const InboxOffering* offering = FindInboxOffering(inbox, request.offering_id);
  Paragraph(ctx, "inbox.person", request.person_name, p.text, FontRole::kLabel);
  Paragraph(ctx, "inbox.course", Title(ctx, offering), p.text);
  if (offering != nullptr) {
    Paragraph(ctx, "inbox.when", When(ctx, *offering), p.text);
  }
  Paragraph(ctx, "inbox.status", Status(ctx, request), p.text);
  Paragraph(ctx, "inbox.needs", Needs(ctx, request.needs), p.text);
  if (offering != nullptr) {
    DrawSeats(inbox, *offering, ctx, "inbox.chosen");
  }
}

void DrawRequest(const InboxState& inbox, const InboxRequest& request, InboxUi& ui,
                 const ScreenContext& ctx, const Dispatch& dispatch) {
  Heading(ctx, "inbox.request_title", Tr(ctx, "inbox.request_title"));
  BeginPagedList(ctx, "inbox.list", ui.list, ImGui::GetContentRegionAvail().y);
  DrawRequestWords(inbox, request, ctx);
  DrawError(inbox, ctx);
  struct Choice {
    const char* key;
    InboxDecision decision;
    ButtonKind kind;
  };
  static constexpr Choice kChoices[] = {
      {"inbox.confirm", InboxDecision::kConfirm, ButtonKind::kPrimary},
      {"inbox.waitlist", InboxDecision::kWaitlist, ButtonKind::kSecondary},
      {"inbox.move", InboxDecision::kMove, ButtonKind::kSecondary},
      {"inbox.cancel", InboxDecision::kCancel, ButtonKind::kSecondary},
  };
  const float width = ButtonWidthFor(ctx, {Tr(ctx, "inbox.confirm"), Tr(ctx, "inbox.waitlist"),
                                           Tr(ctx, "inbox.move"), Tr(ctx, "inbox.cancel")});
  for (const Choice& choice : kChoices) {
    ImGui::Dummy(ImVec2(0.0f, ctx.theme.metrics.gap * 0.5f));
    if (BigButton(ctx, Tr(ctx, choice.key), choice.key,
                  inbox.saving ? ButtonKind::kDisabled : choice.kind,
                  ImVec2(width, ctx.theme.metrics.primary))) {
      dispatch(ChooseInboxDecision{choice.decision});
    }
  }
  EndPagedList(ctx, "inbox.list", ui.list);
}

void DrawMoveTarget(const AppState& state, const InboxRequest& request, InboxUi& ui,
                    const ScreenContext& ctx, const Dispatch& dispatch) {
  const InboxState& inbox = state.coordinator.inbox;
  const Palette& p = ctx.theme.palette;
  const InboxOffering* from = FindInboxOffering(inbox, request.offering_id);
  Heading(ctx, "inbox.move_title", Tr(ctx, "inbox.move_title"));
  BeginPagedList(ctx, "inbox.list", ui.list, ImGui::GetContentRegionAvail().y);
  Paragraph(ctx, "inbox.move_question",
            TrFormat(ctx, "inbox.move_question",
                     {{"name", request.person_name}, {"course", Title(ctx, from)}}),
            p.text);
  DrawError(inbox, ctx);
  const std::string& label = Tr(ctx, "inbox.move_here");
  const float width = ButtonWidthFor(ctx, {label});
  for (const InboxOffering& offering : inbox.offerings) {
    if (from == nullptr || offering.course_id != from->course_id || offering.id == from->id) {
      continue;
    }
    const std::string id = "inbox.target." + offering.id;
    BeginCard(ctx);
    Paragraph(ctx, id, When(ctx, offering), p.text, FontRole::kLabel);
    if (offering.cancelled) {
      Paragraph(ctx, id + ".state", Tr(ctx, "inbox.target_cancelled"), p.text);
    } else if (!state.today.empty() && offering.ends_on < state.today) {
      Paragraph(ctx, id + ".state", Tr(ctx, "inbox.target_ended"), p.text);
    } else {
      DrawSeats(inbox, offering, ctx, id);
    }
    if (BigButton(ctx, label, "inbox.move." + offering.id,
                  inbox.saving ? ButtonKind::kDisabled : ButtonKind::kSecondary,
                  ImVec2(width, ctx.theme.metrics.primary))) {
      dispatch(ChooseInboxMoveTarget{offering.id});
    }
    EndCard(ctx);
  }
  EndPagedList(ctx, "inbox.list", ui.list);
}

const char* ReasonQuestionKey(InboxDecision decision) {
  switch (decision) {
    case InboxDecision::kConfirm:
      return "inbox.reason_question.confirm";
    case InboxDecision::kWaitlist:
      return "inbox.reason_question.waitlist";
    case InboxDecision::kMove:
      return "inbox.reason_question.move";
    case InboxDecision::kCancel:
      return "inbox.reason_question.cancel";
  }
  return "inbox.reason_question.confirm";
}

void DrawReason(const InboxState& inbox, const InboxRequest& request, InboxUi& ui,
                const ScreenContext& ctx, const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  Heading(ctx, "inbox.reason_title", Tr(ctx, "inbox.reason_title"));
  BeginPagedList(ctx, "inbox.list", ui.list, ImGui::GetContentRegionAvail().y);
  Paragraph(ctx, "inbox.reason_question",
            TrFormat(ctx, ReasonQuestionKey(inbox.decision), {{"name", request.person_name}}),
            p.text);
  if (inbox.decision == InboxDecision::kMove) {
    if (const InboxOffering* target = FindInboxOffering(inbox, inbox.move_to)) {
      Paragraph(ctx, "inbox.reason_target",
                TrFormat(ctx, "inbox.move_to", {{"when", When(ctx, *target)}}), p.text);
    }
  }
  if (inbox.saving) {
    Paragraph(ctx, "inbox.saving", Tr(ctx, "inbox.saving"), p.text, FontRole::kLabel);
  }
  DrawError(inbox, ctx);
  const std::string prefix = std::string("inbox.reason.") + InboxDecisionName(inbox.decision) + ".";
  std::vector<std::string> labels;
  float width = 8.0f * ctx.theme.metrics.target;
  for (const std::string& code : InboxReasons(inbox.decision)) {
    const std::string key = prefix + code;
    labels.push_back(Tr(ctx, key.c_str()));
    width = std::max(width, ButtonWidth(ctx, labels.back()));
  }
  width = std::min(ImGui::GetContentRegionAvail().x, width);
  const std::vector<std::string>& codes = InboxReasons(inbox.decision);
  for (size_t i = 0; i < codes.size(); ++i) {
    ImGui::Dummy(ImVec2(0.0f, ctx.theme.metrics.gap * 0.5f));
    if (BigButton(ctx, labels[i], "inbox.reason." + codes[i],
                  inbox.saving ? ButtonKind::kDisabled : ButtonKind::kSecondary,
                  ImVec2(width, ctx.theme.metrics.primary))) {
      dispatch(ChooseInboxReason{codes[i]});
    }
  }
  EndPagedList(ctx, "inbox.list", ui.list);
}

}  // namespace

void DrawInboxScreen(const AppState& state, InboxUi& ui, const ScreenContext& ctx,
                     const Dispatch& dispatch) {
  const InboxState& inbox = state.coordinator.inbox;
  NoteStep(inbox, ui);
  const InboxRequest* request = ChosenInboxRequest(inbox);
  if (request == nullptr || inbox.step == InboxStep::kList) {
    DrawList(inbox, ui, ctx, dispatch);
    return;
  }
  switch (inbox.step) {
    case InboxStep::kRequest:
      DrawRequest(inbox, *request, ui, ctx, dispatch);
      break;
    case InboxStep::kMoveTarget:
      DrawMoveTarget(state, *request, ui, ctx, dispatch);
      break;
    case InboxStep::kReason:
      DrawReason(inbox, *request, ui, ctx, dispatch);
      break;
    case InboxStep::kList:
      break;
  }
}

}  // namespace raida::kiosk

// The coordinator's "Find a person" (CoordinatorView::kFindPerson) and a person's record
// (kPerson).
//
// Find: the name typed on the on-screen keyboard filters this center's people (case and
// diacritics ignored, FoldForSearch); each person is one big button with their name, year of
// birth and village. Done puts the keyboard away so more people show; "Type a name" brings it.
//
// Record: one paged list — profile, consents (each with "Withdraw" or "Give", confirmed in a
// dialog), courses, attendance, certificates ("Show certificate": its content fills the screen
// with "Print" and "Close") and a self-assessment result waiting for the coordinator ("Accept
// into the action plan" / "Discard", confirmed). What a change did, or why it could not be done,
// comes up as a notice with OK.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "kiosk/state/reduce_person.h"
#include "kiosk/ui/card_with_button.h"
#include "kiosk/ui/coordinator_ui.h"
#include "kiosk/ui/keyboard.h"
#include "kiosk/ui/resident_widgets.h"
#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

// Each view (and each record or certificate) starts at the top of its list.
void NoteView(const AppState& state, PersonUi& ui) {
  const PersonState& person = state.coordinator.person;
  const std::string record = person.record ? person.record->id : std::string();
  if (state.coordinator.view != ui.shown_view) {
    ui.results = PagedScroll{};
    if (state.coordinator.view == CoordinatorView::kFindPerson) {
      ui.keyboard = true;
    }
  }
  if (state.coordinator.view != ui.shown_view || record != ui.shown_record ||
      person.shown_certificate != ui.shown_certificate) {
    ui.record = PagedScroll{};
  }
  ui.shown_view = state.coordinator.view;
  ui.shown_record = record;
  ui.shown_certificate = person.shown_certificate;
}

std::string YearText(const std::optional<int>& year) {
  return year ? std::to_string(*year) : std::string();
}

// "Ona Kazlauskienė · 1951 · Bajorai" (what is not known is left out).
std::string CardLabel(const PersonCard& card) {
  std::string label = card.given_name + " " + card.family_name;
  for (const std::string& part : {YearText(card.birth_year), card.village}) {
    if (!part.empty()) {
      label += " \u00B7 " + part;
    }
  }
  return label;
}

// [SECTION] Find

void DrawFind(const AppState& state, PersonUi& ui, const ScreenContext& ctx,
              const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  const PersonState& person = state.coordinator.person;
  const KeyboardLayout layout = LayoutForLanguage(ctx.language);
  // The title only when the keyboard leaves room for it (at the largest text on a 1366×768
  // panel it does not; the field's words then say what to do).
  if (!ui.keyboard ||
      ImGui::GetContentRegionAvail().y > KeyboardHeight(ctx, layout) + 4.0f * m.primary) {
    Heading(ctx, "person.find.title", Tr(ctx, "person.find.title"));
  }
  KeyboardField(ctx, "person.find.query", person.query, Tr(ctx, "person.find.placeholder"));
  const float keyboard = ui.keyboard ? KeyboardHeight(ctx, layout) + m.gap : 0.0f;
  const float reserve = ui.keyboard ? keyboard : m.primary + m.gap;
  BeginPagedList(ctx, "person.find.results", ui.results,
                 std::max(m.target, ImGui::GetContentRegionAvail().y - reserve));
  if (person.loading) {
    Paragraph(ctx, "person.find.loading", Tr(ctx, "common.loading"), p.text, FontRole::kLabel);
  } else if (person.people.empty()) {
    Paragraph(ctx, "person.find.nobody", Tr(ctx, "person.find.nobody"), p.text, FontRole::kLabel);
  } else {
    int shown = 0;
    const float width = ImGui::GetContentRegionAvail().x;
    for (const PersonCard& card : person.people) {
      if (!PersonMatches(card, person.query)) {
        continue;
      }
      if (BigButton(ctx, CardLabel(card), "person.open." + card.id, ButtonKind::kSecondary,
                    ImVec2(width, m.primary))) {
        dispatch(OpenPerson{card.id});
      }
      ++shown;
    }
    if (shown == 0) {
      Paragraph(ctx, "person.find.no_match", Tr(ctx, "person.find.no_match"), p.text,
                FontRole::kLabel);
    }
  }
  EndPagedList(ctx, "person.find.results", ui.results);
  ImGui::SetCursorPosY(
      std::max(ImGui::GetCursorPosY(), ImGui::GetWindowContentRegionMax().y - reserve + m.gap));
  if (!ui.keyboard) {
    const std::string& type = Tr(ctx, "person.find.type");
    if (BigButton(ctx, type, "person.find.type", ButtonKind::kPrimary,
                  ImVec2(std::max(ButtonWidth(ctx, type), m.primary_width), m.primary))) {
      ui.keyboard = true;
    }
    return;
  }
  const KeyboardEdit edit =
      OnScreenKeyboard(ctx, "person.keyboard", layout, person.query, kMaxPersonQueryChars);
  if (edit.changed) {
    dispatch(PersonQueryChanged{edit.text});
  }
  if (edit.submitted) {
    ui.keyboard = false;
  }
}

// [SECTION] Record

// A section's heading inside the list.
void Section(const ScreenContext& ctx, const std::string& id, const char* key) {
  ImGui::Dummy(ImVec2(0.0f, ctx.theme.metrics.gap * 0.5f));
  Paragraph(ctx, id, Tr(ctx, key), ctx.theme.palette.text, FontRole::kHeading);
}

std::string Dates(const ScreenContext& ctx, const std::string& from, const std::string& to) {
  if (from.empty()) {
    return std::string();
  }
  return to.empty() || to == from ? FormatDate(ctx, from)
                                  : FormatDate(ctx, from) + " \u2013 " + FormatDate(ctx, to);
}

// First in the record: "Action plan" (the person's goals and steps, plan_screen.cpp) and "Open
// the kiosk for this person" (an assisted session on the resident's own screens).
void DrawRecordTasks(bool busy, const ScreenContext& ctx, const Dispatch& dispatch) {
  const float height = ctx.theme.metrics.primary;
  const ButtonKind kind = busy ? ButtonKind::kDisabled : ButtonKind::kPrimary;
  FlowRow row(ctx);
  if (row.Button(Tr(ctx, "person.plan.open"), "person.plan.open", kind, height)) {
    dispatch(OpenPlan{});
  }
  if (row.Button(Tr(ctx, "person.assisted.open"), "person.assisted.open",
                 busy ? ButtonKind::kDisabled : ButtonKind::kSecondary, height)) {
    dispatch(StartAssistedSession{});
  }
}

void DrawProfile(const PersonRecord& record, const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  Section(ctx, "person.profile", "person.profile.title");
  BeginCard(ctx);
  const auto line = [&](const char* id, const char* key, const std::string& value) {
    Paragraph(
        ctx, id,
        TrFormat(ctx, key, {{"value", value.empty() ? Tr(ctx, "person.profile.none") : value}}),
        p.text);
  };
  line("person.profile.year", "person.profile.year", YearText(record.birth_year));
  line("person.profile.phone", "person.profile.phone", record.phone);
  line("person.profile.village", "person.profile.village", record.village);
  std::string language = record.language;
  for (const auto& [code, name] : LanguageNames()) {
    if (code == record.language) {
      language = name;
    }
  }
  line("person.profile.language", "person.profile.language", language);
  std::string needs;
  for (const std::string& need : NeedNames()) {
    if (std::find(record.needs.begin(), record.needs.end(), need) != record.needs.end()) {
      needs += (needs.empty() ? "" : ", ") + Tr(ctx, ("signup.need_short." + need).c_str());
    }
  }
  line("person.profile.needs", "person.profile.needs", needs);
  line("person.profile.card", "person.profile.card", record.card_code);
  EndCard(ctx);
}

const char* PurposeKey(const std::string& purpose) {
  if (purpose == "registration") return "person.consent.purpose.registration";
  if (purpose == "contact") return "person.consent.purpose.contact";
  if (purpose == "reporting") return "person.consent.purpose.reporting";
  return "person.consent.purpose.other";
}

void DrawConsents(const PersonRecord& record, bool busy, const ScreenContext& ctx,
                  const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  Section(ctx, "person.consents", "person.consents.title");
  for (const PersonConsentView& consent : record.consents) {
    const std::string id = "person.consent." + consent.purpose;
    const std::string& label =
        Tr(ctx, consent.granted ? "person.consent.withdraw" : "person.consent.give");
    const bool tapped = CardWithButton(
        ctx, label, id + (consent.granted ? ".withdraw" : ".give"),
        busy ? ButtonKind::kDisabled : ButtonKind::kSecondary, [&](float width) {
          Paragraph(ctx, id + ".purpose",
                    TrFormat(ctx, PurposeKey(consent.purpose), {{"purpose", consent.purpose}}),
                    p.text, FontRole::kLabel, width);
          const char* state_key = consent.granted    ? "person.consent.given"
                                  : consent.recorded ? "person.consent.withdrawn"
                                                     : "person.consent.never";
          Paragraph(ctx, id + ".state", Tr(ctx, state_key), p.text, FontRole::kBody, width);
        });
    if (tapped) {
      dispatch(AskPersonConsent{consent.purpose, !consent.granted});
    }
  }
}

void DrawCourses(const PersonRecord& record, const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  Section(ctx, "person.courses", "person.courses.title");
  if (record.courses.empty()) {
    Paragraph(ctx, "person.courses.none", Tr(ctx, "person.courses.none"), p.text);
  }
  for (const PersonCourseView& course : record.courses) {
    const std::string id = "person.course." + course.enrollment_id;
    BeginCard(ctx);
    Paragraph(ctx, id + ".title", core::Localize(course.course_title, ctx.language), p.text,
              FontRole::kLabel);
    std::string status_key = "person.status." + course.status;
    Paragraph(ctx, id + ".status",
              Tr(ctx, status_key.c_str()) + "  " + Dates(ctx, course.starts_on, course.ends_on),
              p.text);
    EndCard(ctx);
  }
  const PersonAttendanceView& a = record.attendance;
  Section(ctx, "person.attendance", "person.attendance.title");
  Paragraph(ctx, "person.attendance.summary",
            TrFormat(ctx, "person.attendance.summary",
                     {{"present", std::to_string(a.present)},
                      {"sessions", std::to_string(a.sessions)},
                      {"absent", std::to_string(a.absent)},
                      {"excused", std::to_string(a.excused)}}),
            p.text);
}

void DrawCertificates(const PersonRecord& record, bool busy, const ScreenContext& ctx,
                      const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  Section(ctx, "person.certificates", "person.certificates.title");
  if (record.certificates.empty()) {
    Paragraph(ctx, "person.certificates.none", Tr(ctx, "person.certificates.none"), p.text);
  }
  for (const PersonCertificateView& certificate : record.certificates) {
    const std::string id = "person.certificate." + certificate.id;
    if (CardWithButton(
            ctx, Tr(ctx, "person.certificate.show"), id + ".show",
            busy ? ButtonKind::kDisabled : ButtonKind::kSecondary, [&](float width) {
              Paragraph(ctx, id + ".title", core::Localize(certificate.course_title, ctx.language),
                        p.text, FontRole::kLabel, width);
              Paragraph(ctx, id + ".code",
                        TrFormat(ctx, "person.certificate.code", {{"code", certificate.code}}),
                        p.text, FontRole::kBody, width);
            })) {
      dispatch(ShowPersonCertificate{certificate.id});
    }
  }
}

void DrawDraft(const PersonRecord& record, bool busy, const ScreenContext& ctx,
               const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  Section(ctx, "person.draft", "person.draft.title");
  if (!record.draft) {
    Paragraph(ctx, "person.draft.none", Tr(ctx, "person.draft.none"), p.text);
    return;
  }
  const PersonDraftView& draft = *record.draft;
  BeginCard(ctx);
  if (draft.top_areas.empty()) {
    Paragraph(ctx, "person.draft.no_areas", Tr(ctx, "person.draft.no_areas"), p.text);
  } else {
    Paragraph(ctx, "person.draft.areas", Tr(ctx, "person.draft.areas"), p.text, FontRole::kLabel);
    for (size_t i = 0; i < draft.top_areas.size(); ++i) {
      Paragraph(ctx, "person.draft.area." + std::to_string(i),
                "\u2022 " + core::Localize(draft.top_areas[i], ctx.language), p.text);
    }
  }
  if (draft.courses.empty()) {
    Paragraph(ctx, "person.draft.no_courses", Tr(ctx, "person.draft.no_courses"), p.text);
  } else {
    Paragraph(ctx, "person.draft.courses", Tr(ctx, "person.draft.courses"), p.text,
              FontRole::kLabel);
    for (size_t i = 0; i < draft.courses.size(); ++i) {
      Paragraph(ctx, "person.draft.course." + std::to_string(i),
                "\u2022 " + core::Localize(draft.courses[i], ctx.language), p.text);
    }
  }
  EndCard(ctx);
  const std::string& accept = Tr(ctx, "person.draft.accept");
  const std::string& discard = Tr(ctx, "person.draft.discard");
  const float width =
      std::min(ImGui::GetContentRegionAvail().x,
               std::max({ButtonWidth(ctx, accept), ButtonWidth(ctx, discard), m.primary_width}));
  if (BigButton(ctx, accept, "person.draft.accept",
                busy ? ButtonKind::kDisabled : ButtonKind::kPrimary, ImVec2(width, m.primary))) {
    dispatch(AskAssessmentDraft{true});
  }
  ImGui::Dummy(ImVec2(0.0f, m.gap * 0.5f));
  if (BigButton(ctx, discard, "person.draft.discard",
                busy ? ButtonKind::kDisabled : ButtonKind::kSecondary, ImVec2(width, m.primary))) {
    dispatch(AskAssessmentDraft{false});
  }
}

void DrawCertificate(const PersonRecord& record, const PersonCertificateView& certificate,
                     bool busy, PersonUi& ui, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const Palette& p = ctx.theme.palette;
  Heading(ctx, "person.certificate.title", Tr(ctx, "person.certificate.title"));
  const std::string& print = Tr(ctx, "person.certificate.print");
  const std::string& close = Tr(ctx, "person.certificate.close");
  BeginPagedList(ctx, "person.certificate.page", ui.record,
                 std::max(m.target, ImGui::GetContentRegionAvail().y - m.primary - m.gap));
  BeginCard(ctx);
  Paragraph(ctx, "person.certificate.name", record.given_name + " " + record.family_name, p.text,
            FontRole::kHeading);
  Paragraph(ctx, "person.certificate.course",
            TrFormat(ctx, "person.certificate.course",
                     {{"course", core::Localize(certificate.course_title, ctx.language)}}),
            p.text, FontRole::kLabel);
  Paragraph(
      ctx, "person.certificate.hours",
      TrFormat(ctx, "person.certificate.hours", {{"hours", std::to_string(certificate.hours)}}),
      p.text);
  if (certificate.started_on.empty()) {
    Paragraph(ctx, "person.certificate.dates", Tr(ctx, "person.certificate.lessons"), p.text);
  } else {
    Paragraph(ctx, "person.certificate.dates",
              TrFormat(ctx, "person.certificate.dates",
                       {{"dates", Dates(ctx, certificate.started_on, certificate.finished_on)}}),
              p.text);
  }
  Paragraph(ctx, "person.certificate.issued",
            TrFormat(ctx, "person.certificate.issued",
                     {{"date", FormatDate(ctx, certificate.issued_on)},
                      {"center", certificate.center_name}}),
            p.text);
  Paragraph(ctx, "person.certificate.code",
            TrFormat(ctx, "person.certificate.code", {{"code", certificate.code}}), p.text,
            FontRole::kLabel);
  EndCard(ctx);
  if (busy) {
    Paragraph(ctx, "person.certificate.printing", Tr(ctx, "person.certificate.printing"), p.text,
              FontRole::kLabel);
  }
  EndPagedList(ctx, "person.certificate.page", ui.record);
  const float width = std::floor((ImGui::GetContentRegionAvail().x - m.gap) * 0.5f);
  if (BigButton(ctx, close, "person.certificate.close", ButtonKind::kSecondary,
                ImVec2(width, m.primary))) {
    dispatch(ClosePersonCertificate{});
  }
  ImGui::SameLine(0.0f, m.gap);
  if (BigButton(ctx, print, "person.certificate.print",
                busy ? ButtonKind::kDisabled : ButtonKind::kPrimary, ImVec2(width, m.primary))) {
    dispatch(PrintPersonCertificate{certificate.id});
  }
}

std::string QuestionText(const PersonState& person, const ScreenContext& ctx) {
  switch (person.question) {
    case PersonQuestion::kConsent: {
      const std::string purpose =
          TrFormat(ctx, PurposeKey(person.consent_purpose), {{"purpose", person.consent_purpose}});
      return TrFormat(ctx, person.consent_grant ? "person.ask.give" : "person.ask.withdraw",
                      {{"purpose", purpose}});
    }
    case PersonQuestion::kAcceptDraft:
      return Tr(ctx, "person.ask.accept");
    case PersonQuestion::kDiscardDraft:
      return Tr(ctx, "person.ask.discard");
    case PersonQuestion::kNone:
      break;
  }
  return std::string();
}

void DrawRecord(const AppState& state, PersonUi& ui, const ScreenContext& ctx,
                const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  const PersonState& person = state.coordinator.person;
  if (!person.record) {
    Heading(ctx, "person.record.title", Tr(ctx, "person.record.title"));
    Paragraph(ctx, "person.record.status",
              Tr(ctx, person.opening ? "common.loading" : "person.notice.gone"), p.text,
              FontRole::kLabel);
  } else {
    const PersonRecord& record = *person.record;
    const auto certificate = std::find_if(
        record.certificates.begin(), record.certificates.end(),
        [&](const PersonCertificateView& c) { return c.id == person.shown_certificate; });
    if (certificate != record.certificates.end()) {
      DrawCertificate(record, *certificate, person.busy, ui, ctx, dispatch);
    } else {
      Heading(ctx, "person.record.name", record.given_name + " " + record.family_name);
      BeginPagedList(ctx, "person.record.page", ui.record, ImGui::GetContentRegionAvail().y);
      if (person.busy) {
        Paragraph(ctx, "person.record.saving", Tr(ctx, "person.record.saving"), p.text,
                  FontRole::kLabel);
      }
      DrawRecordTasks(person.busy, ctx, dispatch);
      DrawProfile(record, ctx);
      DrawConsents(record, person.busy, ctx, dispatch);
      DrawCourses(record, ctx);
      DrawCertificates(record, person.busy, ctx, dispatch);
      DrawDraft(record, person.busy, ctx, dispatch);
      EndPagedList(ctx, "person.record.page", ui.record);
    }
  }
  if (person.question != PersonQuestion::kNone) {
    const bool consent = person.question == PersonQuestion::kConsent;
    const char* yes_key =
        consent ? (person.consent_grant ? "person.consent.give" : "person.consent.withdraw")
        : person.question == PersonQuestion::kAcceptDraft ? "person.draft.accept"
                                                          : "person.draft.discard";
    const DialogAnswer answer = ConfirmDialog(ctx, "person.ask", QuestionText(person, ctx),
                                              Tr(ctx, yes_key), Tr(ctx, "person.ask.no"));
    if (answer != DialogAnswer::kNone) {
      dispatch(AnswerPersonQuestion{answer == DialogAnswer::kYes});
    }
  } else if (!person.notice_key.empty() && person.record) {
    const std::string message =
        TrFormat(ctx, person.notice_key.c_str(), {{"path", person.printed_path}});
    if (NoticeDialog(ctx, "person.notice", message, Tr(ctx, "common.ok"))) {
      dispatch(DismissPersonNotice{});
    }
  }
}

}  // namespace

void DrawPersonScreen(const AppState& state, PersonUi& ui, const ScreenContext& ctx,
                      const Dispatch& dispatch) {
  NoteView(state, ui);
  if (state.coordinator.view == CoordinatorView::kFindPerson) {
    DrawFind(state, ui, ctx, dispatch);
  } else {
    DrawRecord(state, ui, ctx, dispatch);
  }
}

}  // namespace raida::kiosk

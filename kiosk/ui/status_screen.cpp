// "Kiosk status": what a coordinator needs to know about this kiosk's sync with the district
// office, in plain words and in the kiosk's language — when it last synced ("today at 14:05",
// "3 days ago", "never"), how many changes wait to be sent, the last problem and what to do about
// it — and one big "Sync now". Nothing personal is on it (no names, no sign-ups), so it is safe to
// open from the welcome screen before coordinator sign-in exists.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/state/sync_words.h"
#include "kiosk/ui/screens.h"

namespace raida::kiosk {
namespace {

std::string LastSyncText(const AppState& state, const ScreenContext& ctx) {
  if (!state.sync.has_value()) {
    return Tr(ctx, "status.when.unknown");
  }
  const LastSyncWords words = DescribeLastSync(*state.sync, state.today);
  return TrFormat(
      ctx, words.key,
      {{"time", words.time}, {"days", words.days}, {"date", FormatDate(ctx, words.date)}});
}

std::string WaitingText(const AppState& state, const ScreenContext& ctx) {
  if (!state.sync.has_value()) {
    return Tr(ctx, "status.when.unknown");
  }
  if (state.sync->waiting == 0) {
    return Tr(ctx, "status.waiting.none");
  }
  return TrFormat(ctx, "status.waiting.count", {{"count", std::to_string(state.sync->waiting)}});
}

// The last problem's sentence and whether it needs the district office (shown in the error
// colour), or "none".
void DrawProblem(const AppState& state, const ScreenContext& ctx) {
  const Palette& p = ctx.theme.palette;
  Paragraph(ctx, "status.error.label", Tr(ctx, "status.error.label"), p.text, FontRole::kLabel);
  if (!state.sync_available) {
    Paragraph(ctx, "status.error.value", Tr(ctx, "status.error.not_provisioned"), p.error_text);
    return;
  }
  if (!state.sync.has_value() || state.sync->error_key.empty()) {
    Paragraph(ctx, "status.error.value", Tr(ctx, "status.error.none"), p.text);
    return;
  }
  Paragraph(ctx, "status.error.value", Tr(ctx, state.sync->error_key.c_str()), p.error_text);
}

// A big button, as high as the welcome screen's Start.
float SyncNowHeight(const ScreenContext& ctx) { return 1.25f * ctx.theme.metrics.primary; }

void DrawSyncNow(const AppState& state, const ScreenContext& ctx, const Dispatch& dispatch) {
  const Metrics& m = ctx.theme.metrics;
  const bool running = state.sync.has_value() && state.sync->running;
  const bool busy = running || state.sync_requested;
  const bool can_sync = state.sync_available && !busy;
  const std::string& label = Tr(ctx, busy ? "status.syncing" : "status.sync_now");
  const ImVec2 size(std::max(ButtonWidth(ctx, label), 5.0f * m.primary), SyncNowHeight(ctx));
  if (BigButton(ctx, label, "status.sync_now",
                can_sync ? ButtonKind::kPrimary : ButtonKind::kDisabled, size)) {
    dispatch(SyncNowPressed{});
  }
}

}  // namespace

void DrawStatusScreen(const AppState& state, StatusUi& ui, const ScreenContext& ctx,
                      const Dispatch& dispatch) {
  const Palette& p = ctx.theme.palette;
  const Metrics& m = ctx.theme.metrics;
  NavBar(ctx, dispatch);
  Heading(ctx, "status.title", Tr(ctx, "status.title"));
  // The report pages when it is taller than the room left above Sync now.
  const float list_height = ImGui::GetContentRegionAvail().y - SyncNowHeight(ctx) - m.gap;
  BeginPagedList(ctx, "status.list", ui.list, std::max(m.target, list_height));
  Paragraph(ctx, "status.intro", Tr(ctx, "status.intro"), p.text);
  Paragraph(ctx, "status.last_sync.label", Tr(ctx, "status.last_sync.label"), p.text,
            FontRole::kLabel);
  Paragraph(ctx, "status.last_sync.value", LastSyncText(state, ctx), p.text);
  Paragraph(ctx, "status.waiting.label", Tr(ctx, "status.waiting.label"), p.text, FontRole::kLabel);
  Paragraph(ctx, "status.waiting.value", WaitingText(state, ctx), p.text);
  if (state.sync.has_value() && state.sync->issues > 0) {
    Paragraph(ctx, "status.issues",
              TrFormat(ctx, "status.issues", {{"count", std::to_string(state.sync->issues)}}),
              p.text);
  }
  DrawProblem(state, ctx);
  EndPagedList(ctx, "status.list", ui.list);
  DrawSyncNow(state, ctx, dispatch);
}

}  // namespace raida::kiosk

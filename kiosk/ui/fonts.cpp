// LoadFonts: reads DejaVu Sans regular and bold once, adds them to the ImGui atlas at every size
// the kiosk uses, and builds the atlas.
//
// The files are read and checked here, before ImGui sees them: ImGui asserts (and the kiosk would
// abort) on a missing file or on bytes that are not a font, while a kiosk with a broken font
// package must instead say which file is wrong. Each file is read into memory once and shared by
// its sizes; the atlas owns the first copy and frees it on destruction.
#include "kiosk/ui/fonts.h"

#include <imgui.h>

#include <array>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "kiosk/ui/root.h"
#include "raida/core/glyph_ranges.h"

namespace raida::kiosk {
namespace {

// The glyph ranges are shared with the lesson-pack validator: raida/core/glyph_ranges.h.
constexpr auto kGlyphRanges = core::GlyphRangeTable<ImWchar>();

constexpr std::array<TextSize, 3> kTextSizes = {TextSize::kNormal, TextSize::kLarge,
                                                TextSize::kLargest};
constexpr int kRolesPerSize = 3;

int FontIndex(TextSize size, FontRole role) {
  return static_cast<int>(size) * kRolesPerSize + static_cast<int>(role);
}

// TrueType/OpenType signatures that stb_truetype accepts; anything else would trip its assert.
bool LooksLikeFont(const std::vector<char>& bytes) {
  if (bytes.size() < 12) {
    return false;
  }
  static constexpr std::array<const char*, 4> kTags = {"\x00\x01\x00\x00", "true", "OTTO", "typ1"};
  for (const char* tag : kTags) {
    if (std::memcmp(bytes.data(), tag, 4) == 0) {
      return true;
    }
  }
  return false;
}

core::Result<std::vector<char>> ReadFontFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::MakeError(core::ErrorCode::kNotFound, "font file not found: " + path);
  }
  // One read of the whole file: a byte-by-byte istreambuf_iterator copy of the two 700 KB fonts
  // was most of the kiosk's start-up time in a Debug build.
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  std::vector<char> bytes(size > 0 ? static_cast<size_t>(size) : 0);
  if (size < 0 || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())) || in.bad()) {
    return core::MakeError(core::ErrorCode::kIo, "cannot read font file: " + path);
  }
  if (!LooksLikeFont(bytes)) {
    return core::MakeError(core::ErrorCode::kCorrupt, "not a TrueType font: " + path);
  }
  return bytes;
}

// Copies `bytes` into memory the atlas owns (ImGui frees it with its own allocator).
void* AtlasCopy(const std::vector<char>& bytes) {
  void* data = ImGui::MemAlloc(bytes.size());
  std::memcpy(data, bytes.data(), bytes.size());
  return data;
}

void AddFont(ImFontAtlas& atlas, void* data, int size, float px, bool owned) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = owned;
  config.OversampleH = 1;  // at 36 px and up sub-pixel oversampling only grows the atlas
  config.OversampleV = 1;
  config.PixelSnapH = true;
  atlas.AddFontFromMemoryTTF(data, size, px, &config, kGlyphRanges.data());
}

}  // namespace

float BodyFontPx(TextSize size) {
  switch (size) {
    case TextSize::kNormal: {
      return 36.0f;
    }
    case TextSize::kLarge: {
      return 42.0f;
    }
    case TextSize::kLargest: {
      return 48.0f;
    }
  }
  return 36.0f;
}

float HeadingFontPx(TextSize size) { return BodyFontPx(size) * 4.0f / 3.0f; }

const ImWchar* KioskGlyphRanges() { return kGlyphRanges.data(); }

ImFont* KioskFont(TextSize size, FontRole role) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  const int index = FontIndex(size, role);
  if (index < atlas->Fonts.Size) {
    return atlas->Fonts[index];
  }
  return atlas->Fonts.Size > 0 ? atlas->Fonts[0] : nullptr;
}

core::Status LoadFonts(ImGuiIO& io, const FontOptions& options) {
  auto regular = ReadFontFile(options.regular_path);
  if (!regular.ok()) {
    return regular.error();
  }
  auto bold = ReadFontFile(options.bold_path);
  if (!bold.ok()) {
    return bold.error();
  }
  ImFontAtlas& atlas = *io.Fonts;
  atlas.Clear();
  void* regular_data = AtlasCopy(*regular);
  void* bold_data = AtlasCopy(*bold);
  const int regular_size = static_cast<int>(regular->size());
  const int bold_size = static_cast<int>(bold->size());
  bool regular_owned = true;
  bool bold_owned = true;
  // Order matters: KioskFont() finds a font by FontIndex(size, role).
  for (TextSize size : kTextSizes) {
    AddFont(atlas, regular_data, regular_size, BodyFontPx(size), regular_owned);
    AddFont(atlas, bold_data, bold_size, BodyFontPx(size), bold_owned);
    AddFont(atlas, bold_data, bold_size, HeadingFontPx(size), false);
    regular_owned = false;
    bold_owned = false;
  }
  if (!atlas.Build()) {
    atlas.Clear();
    return core::MakeError(
        core::ErrorCode::kCorrupt,
        "cannot build the font atlas from " + options.regular_path + " and " + options.bold_path);
  }
  return core::Ok();
}

}  // namespace raida::kiosk

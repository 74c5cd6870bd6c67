// The on-screen keyboard through simulated touches (UX-4, UX-11, UX-13, TA-6, TA-8): every
// Lithuanian and Polish letter, small and capital, typed key by key and saved through the real
// PersonRepository, then read back from the database file byte for byte; one-shot Shift;
// Backspace that removes a whole letter; the length limit in letters; Done; bounce and drag-out.
#include "kiosk/ui/keyboard.h"

#include <gtest/gtest.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/state/text_edit.h"
#include "raida/core/clock.h"
#include "raida/core/database.h"
#include "raida/core/district_data.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"
#include "support/demo_state.h"
#include "support/widget_driver.h"

namespace raida::kiosk::testing {
namespace {

constexpr const char* kId = "kb";
constexpr size_t kMaxChars = 64;
constexpr float kPause = 0.2f;  // longer than the bounce window between taps

// A person at the kiosk typing into a text that lives outside the keyboard, as in AppState.
class Typist {
 public:
  explicit Typist(KeyboardLayout layout, const WidgetSetup& setup = {},
                  size_t max_chars = kMaxChars)
      : driver_(setup), layout_(layout), max_chars_(max_chars) {
    driver_.SetDraw([this](const ScreenContext& ctx) {
      KeyboardField(ctx, "kb.field", text, "…");
      const KeyboardEdit edit = OnScreenKeyboard(ctx, kId, layout_, text, max_chars_);
      if (edit.changed) {
        text = edit.text;
        ++changes;
      }
      if (edit.submitted) {
        submitted.push_back(edit.text);
      }
    });
    driver_.Settle(3);
  }

  WidgetDriver& driver() { return driver_; }

  // Taps the key `name` ("shift", "backspace", a code point via KeyboardKeyId) and pauses.
  void TapKey(const std::string& id) {
    driver_.Tap(id);
    driver_.Wait(kPause);
  }
  // Types every code point of `utf8` (small letters of the layout; capitals with Shift first).
  void Type(const std::string& lower, bool capitals) {
    for (const char* p = lower.c_str(); *p != '\0';) {
      unsigned int c = 0;
      p += ImTextCharFromUtf8(&c, p, nullptr);
      if (capitals) {
        TapKey(std::string(kId) + ".key.shift");
      }
      TapKey(KeyboardKeyId(kId, static_cast<char32_t>(c)));
    }
  }

  std::string text;
  int changes = 0;
  std::vector<std::string> submitted;

 private:
  WidgetDriver driver_;
  KeyboardLayout layout_;
  size_t max_chars_;
};

constexpr const char* kLithuanianSmall = "ąčęėįšųūž";
constexpr const char* kLithuanianCapital = "ĄČĘĖĮŠŲŪŽ";
constexpr const char* kPolishSmall = "ąćęłńóśźż";
constexpr const char* kPolishCapital = "ĄĆĘŁŃÓŚŹŻ";

TEST(KeyboardTest, LayoutFollowsTheLanguage) {
  EXPECT_EQ(LayoutForLanguage("lt"), KeyboardLayout::kLithuanian);
  EXPECT_EQ(LayoutForLanguage("pl"), KeyboardLayout::kPolish);
  EXPECT_EQ(LayoutForLanguage("en"), KeyboardLayout::kEnglish);
  EXPECT_EQ(LayoutForLanguage("de"), KeyboardLayout::kEnglish);
  EXPECT_EQ(KeyboardKeyId("search", U'\u0105'), "search.key.U+0105");
  EXPECT_EQ(KeyboardKeyId("search", U'a'), "search.key.U+0061");
}

TEST(KeyboardTest, EachLayoutHasItsNationalRowAndEveryLatinLetter) {
  for (const KeyboardLayout layout :
       {KeyboardLayout::kLithuanian, KeyboardLayout::kPolish, KeyboardLayout::kEnglish}) {
    Typist typist(layout);
    const UiProbe& probe = typist.driver().probe();
    for (char32_t c = U'a'; c <= U'z'; ++c) {
      EXPECT_NE(probe.Find(KeyboardKeyId(kId, c)), nullptr) << static_cast<char>(c);
    }
    for (const char* name : {"shift", "backspace", "space", "hyphen", "done"}) {
      EXPECT_NE(probe.Find(std::string(kId) + ".key." + name), nullptr) << name;
    }
    const size_t national = layout == KeyboardLayout::kEnglish ? 0u : 9u;
    EXPECT_EQ(probe.IdsWithPrefix(std::string(kId) + ".key.U+").size(), 26u + national);
  }
  Typist polish(KeyboardLayout::kPolish);
  EXPECT_NE(polish.driver().probe().Find(KeyboardKeyId(kId, U'\u0142')), nullptr) << "ł";
  EXPECT_EQ(polish.driver().probe().Find(KeyboardKeyId(kId, U'\u0117')), nullptr) << "no ė";
}

TEST(KeyboardTest, TypesEveryLithuanianLetterSmallAndCapital) {
  Typist typist(KeyboardLayout::kLithuanian);
  typist.Type(kLithuanianSmall, false);
  typist.Type(kLithuanianSmall, true);
  EXPECT_EQ(typist.text, std::string(kLithuanianSmall) + kLithuanianCapital);
}

TEST(KeyboardTest, TypesEveryPolishLetterSmallAndCapital) {
  Typist typist(KeyboardLayout::kPolish);
  typist.Type(kPolishSmall, false);
  typist.Type(kPolishSmall, true);
  EXPECT_EQ(typist.text, std::string(kPolishSmall) + kPolishCapital);
}

TEST(KeyboardTest, ShiftIsVisibleAndCapitalisesOneLetter) {
  Typist typist(KeyboardLayout::kLithuanian);
  const std::string a_key = KeyboardKeyId(kId, U'\u0105');
  EXPECT_EQ(typist.driver().Find(a_key)->text, "ą");
  const ImVec4 normal = typist.driver().Find("kb.key.shift")->bg_normal;
  typist.TapKey("kb.key.shift");
  EXPECT_EQ(typist.driver().Find(a_key)->text, "Ą") << "keycaps show capitals";
  EXPECT_NE(typist.driver().Find("kb.key.shift")->bg_normal.x, normal.x) << "Shift shows it is on";
  typist.TapKey(a_key);
  typist.TapKey(a_key);
  EXPECT_EQ(typist.text, "Ąą");
  EXPECT_EQ(typist.driver().Find(a_key)->text, "ą");
  typist.TapKey("kb.key.shift");
  typist.TapKey("kb.key.shift");  // on and off again
  typist.TapKey(KeyboardKeyId(kId, U'o'));
  EXPECT_EQ(typist.text, "Ąąo");
}

TEST(KeyboardTest, BackspaceRemovesOneWholeLetter) {
  Typist typist(KeyboardLayout::kPolish);
  typist.Type("żółw", false);
  ASSERT_EQ(typist.text, "żółw");
  for (const char* expected : {"żół", "żó", "ż", ""}) {
    typist.TapKey("kb.key.backspace");
    EXPECT_EQ(typist.text, expected);
  }
  const int changes = typist.changes;
  typist.TapKey("kb.key.backspace");
  EXPECT_EQ(typist.changes, changes) << "nothing to remove is no change";
}

TEST(KeyboardTest, SpaceHyphenAndDone) {
  Typist typist(KeyboardLayout::kLithuanian);
  typist.Type("ona", false);
  typist.TapKey("kb.key.hyphen");
  typist.TapKey("kb.key.space");
  typist.Type("ž", false);
  EXPECT_EQ(typist.text, "ona- ž");
  EXPECT_TRUE(typist.submitted.empty());
  typist.TapKey("kb.key.done");
  EXPECT_EQ(typist.submitted, std::vector<std::string>{"ona- ž"});
}

TEST(KeyboardTest, LimitCountsLettersNotBytes) {
  Typist typist(KeyboardLayout::kLithuanian, WidgetSetup{}, 3);
  typist.Type("ąčęė", false);
  EXPECT_EQ(typist.text, "ąčę");
  EXPECT_EQ(CharacterCount(typist.text), 3u);
}

TEST(KeyboardTest, TwoHitsWithin150MsTypeOnce) {
  Typist typist(KeyboardLayout::kLithuanian);
  const std::string key = KeyboardKeyId(kId, U'\u0161');
  typist.driver().Tap(key);
  typist.driver().Tap(key);  // four frames later: 67 ms
  EXPECT_EQ(typist.text, "š");
  typist.driver().Wait(kPause);
  typist.driver().Tap(key);
  EXPECT_EQ(typist.text, "šš") << "after the bounce window the key types again";
  typist.driver().Tap(KeyboardKeyId(kId, U'a'));  // another key is never a bounce
  EXPECT_EQ(typist.text, "šša");
}

TEST(KeyboardTest, PressOnAKeyAndDragOutTypesNothing) {
  Typist typist(KeyboardLayout::kLithuanian);
  const ProbeRecord key = *typist.driver().Find(KeyboardKeyId(kId, U'g'));
  ImGuiHarness& h = typist.driver().harness();
  const auto& frame = typist.driver().frame();
  h.MoveTo(Center(key), frame);
  h.Press(frame);
  h.MoveTo(ImVec2(Center(key).x, key.min.y - 200.0f), frame);
  h.Release(frame);
  h.Lift(frame);
  EXPECT_EQ(typist.text, "");
  EXPECT_EQ(typist.changes, 0);
}

TEST(KeyboardTest, KeysAreEighteenMillimetresAndFitTheNarrowPanel) {
  for (const TextSize size : {TextSize::kNormal, TextSize::kLargest}) {
    WidgetSetup setup;
    setup.display = ImVec2(1366, 768);
    setup.px_per_mm = 3.97f;
    setup.text_size = size;
    Typist typist(KeyboardLayout::kPolish, setup);
    float bottom = 0.0f;
    float top = 1e9f;
    for (const ProbeRecord& r : typist.driver().probe().items) {
      if (r.role != ProbeRole::kTarget) {
        continue;
      }
      EXPECT_GE(r.max.x - r.min.x, kKeyboardKeyMm * setup.px_per_mm) << r.id;
      EXPECT_GE(r.max.y - r.min.y, kKeyboardKeyMm * setup.px_per_mm) << r.id;
      EXPECT_LE(r.max.x, setup.display.x) << r.id;
      top = std::min(top, r.min.y);
      bottom = std::max(bottom, r.max.y);
    }
    EXPECT_NEAR(bottom - top, KeyboardHeight(typist.driver().ctx(), KeyboardLayout::kPolish), 1.0f);
  }
}

// TA-8: the letters typed on the keyboard reach the database file unchanged.
TEST(KeyboardTest, EveryLetterTypedIsStoredAndReadBackByteForByte) {
  const std::string path = ::testing::TempDir() + "raida_keyboard_test.db";
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::remove((path + suffix).c_str());
  }
  Typist lithuanian(KeyboardLayout::kLithuanian);
  lithuanian.Type(kLithuanianSmall, false);
  lithuanian.Type(kLithuanianSmall, true);
  Typist polish(KeyboardLayout::kPolish);
  polish.Type(kPolishSmall, false);
  polish.Type(kPolishSmall, true);
  const std::string given = std::string(kLithuanianSmall) + kLithuanianCapital;
  const std::string family = std::string(kPolishSmall) + kPolishCapital;
  ASSERT_EQ(lithuanian.text, given);
  ASSERT_EQ(polish.text, family);

  core::ManualClock clock(1'795'428'000'000);
  std::string person_id;
  {
    auto store = core::Store::Open(core::StoreOptions{path}, clock);
    ASSERT_TRUE(store.ok()) << store.error().message;
    core::DistrictLoadOptions options;
    options.only_center_id = kDemoCenterId;
    auto loaded = core::LoadDistrictFile(
        **store, std::string(RAIDA_ASSETS_DIR) + "/demo/rokiskis.json", options);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    core::PersonRepository people(**store);
    auto found = people.FindByCardCode(kDemoCardCode);
    ASSERT_TRUE(found.ok() && found->has_value());
    core::Person person = **found;
    person_id = person.id;
    person.given_name = lithuanian.text;
    person.family_name = polish.text;
    const core::Status saved = people.Update(person);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
  }
  {
    auto store = core::Store::Open(core::StoreOptions{path}, clock);
    ASSERT_TRUE(store.ok()) << store.error().message;
    auto read = core::PersonRepository(**store).Get(person_id);
    ASSERT_TRUE(read.ok() && read->has_value());
    EXPECT_EQ((*read)->given_name, given);
    EXPECT_EQ((*read)->family_name, family);
    auto raw = (*store)->db().Prepare(
        "SELECT CAST(given_name AS BLOB), CAST(family_name AS BLOB) FROM person WHERE id = ?1");
    ASSERT_TRUE(raw.ok());
    raw->Bind(1, person_id);
    auto row = raw->Step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ(raw->ColumnBlob(0), std::vector<uint8_t>(given.begin(), given.end()));
    EXPECT_EQ(raw->ColumnBlob(1), std::vector<uint8_t>(family.begin(), family.end()));
    EXPECT_EQ(raw->ColumnBlob(0).size(), 36u) << "18 letters of two bytes each, in NFC";
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::remove((path + suffix).c_str());
  }
}

}  // namespace
}  // namespace raida::kiosk::testing

// Sealed notes (sealed_notes.h): a note opens with the key and step it was sealed for and with
// nothing else (another person's key, another step, one changed byte: a clear kCorrupt, never a
// garbled text); a person key wrapped for one person and center unwraps only there; the center
// key file is 0600, and a kiosk without one gets a plain kNotFound. The person repository writes
// a wrapped key with the person's row, once.
#include "raida/core/sealed_notes.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core_test_support.h"
#include "raida/core/person_repository.h"

namespace raida::core {
namespace {

using testing::TempDir;

constexpr const char* kStep = "step-1";
constexpr const char* kOna = "person-ona";
constexpr const char* kText = "Needs a lift to the labour office on Tuesdays";

bool Contains(const std::vector<uint8_t>& bytes, const std::string& text) {
  return std::search(bytes.begin(), bytes.end(), text.begin(), text.end()) != bytes.end();
}

TEST(SealedNotesTest, NoteRoundTripsAndNamesItsSealer) {
  const SecretKey key = SecretKey::Random();
  auto sealed = SealNote(key, kOna, kStep, kText);
  ASSERT_TRUE(sealed.ok()) << sealed.error().message;
  EXPECT_FALSE(Contains(*sealed, kText));
  EXPECT_FALSE(Contains(*sealed, "labour"));
  auto sealer = NoteSealer(*sealed);
  ASSERT_TRUE(sealer.ok());
  EXPECT_EQ(*sealer, kOna);
  auto opened = OpenNote(key, kStep, *sealed);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(*opened, kText);
  // A fresh nonce per write: the same note sealed twice differs.
  EXPECT_NE(*SealNote(key, kOna, kStep, kText), *sealed);
}

TEST(SealedNotesTest, WrongKeyWrongStepAndChangedBytesAreClearErrors) {
  const SecretKey key = SecretKey::Random();
  const std::vector<uint8_t> sealed = SealNote(key, kOna, kStep, kText).value();

  auto other_key = OpenNote(SecretKey::Random(), kStep, sealed);
  ASSERT_FALSE(other_key.ok());
  EXPECT_EQ(other_key.error().code, ErrorCode::kCorrupt);

  auto other_step = OpenNote(key, "step-2", sealed);  // a ciphertext copied onto another row
  ASSERT_FALSE(other_step.ok());
  EXPECT_EQ(other_step.error().code, ErrorCode::kCorrupt);

  for (size_t at = 0; at < sealed.size(); ++at) {
    std::vector<uint8_t> changed = sealed;
    changed[at] ^= 0x01;
    auto opened = OpenNote(key, kStep, changed);
    ASSERT_FALSE(opened.ok()) << "byte " << at;
    EXPECT_EQ(opened.error().code, ErrorCode::kCorrupt) << "byte " << at;
  }
  EXPECT_FALSE(OpenNote(key, kStep, std::vector<uint8_t>(sealed.begin(), sealed.end() - 1)).ok());
  EXPECT_FALSE(OpenNote(key, kStep, {}).ok());
}

TEST(SealedNotesTest, EmptyNoteIsRefused) {
  auto sealed = SealNote(SecretKey::Random(), kOna, kStep, "");
  ASSERT_FALSE(sealed.ok());
  EXPECT_EQ(sealed.error().code, ErrorCode::kInvalidArgument);
}

TEST(SealedNotesTest, PersonKeyUnwrapsOnlyForItsPersonAndCenter) {
  const SecretKey center = SecretKey::Random();
  const SecretKey person = SecretKey::Random();
  const std::vector<uint8_t> wrapped = WrapPersonKey(center, kOna, person);
  EXPECT_FALSE(Contains(wrapped, std::string(reinterpret_cast<const char*>(person.data()), 32)));

  auto unwrapped = UnwrapPersonKey(center, kOna, wrapped);
  ASSERT_TRUE(unwrapped.ok()) << unwrapped.error().message;
  EXPECT_TRUE(std::equal(person.data(), person.data() + 32, unwrapped->data()));

  auto other_center = UnwrapPersonKey(SecretKey::Random(), kOna, wrapped);
  ASSERT_FALSE(other_center.ok());
  EXPECT_EQ(other_center.error().code, ErrorCode::kCorrupt);
  auto other_person = UnwrapPersonKey(center, "person-jonas", wrapped);
  ASSERT_FALSE(other_person.ok());
  EXPECT_EQ(other_person.error().code, ErrorCode::kCorrupt);
  std::vector<uint8_t> changed = wrapped;
  changed.back() ^= 0x80;
  EXPECT_EQ(UnwrapPersonKey(center, kOna, changed).error().code, ErrorCode::kCorrupt);
}

TEST(SealedNotesTest, CenterKeyFileIsPrivateAndItsAbsenceIsPlain) {
  TempDir dir;
  const std::string path = CenterKeyPathFor(dir.File("kiosk.db"));
  EXPECT_EQ(path, dir.File("kiosk.db.center-key"));

  auto missing = ReadCenterKeyFile(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("provision"), std::string::npos);

  const SecretKey key = SecretKey::Random();
  ASSERT_OK(WriteCenterKeyFile(path, key));
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto read = ReadCenterKeyFile(path);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_TRUE(std::equal(key.data(), key.data() + 32, read->data()));

  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto shared = ReadCenterKeyFile(path);
  ASSERT_FALSE(shared.ok());
  EXPECT_EQ(shared.error().code, ErrorCode::kUnauthorized);
}

TEST(SealedNotesTest, PersonRepositoryWritesTheKeyWithTheRowAndOnlyOnce) {
  ManualClock clock(testing::kTestNowMs);
  auto store = testing::OpenStore(clock);
  const auto catalog = testing::SeedCatalog(*store);
  PersonRepository people(*store);
  const SecretKey center = SecretKey::Random();
  Person ona = testing::SamplePerson(catalog.center_id);
  ona.id = kOna;
  const std::vector<uint8_t> wrapped = WrapPersonKey(center, kOna, SecretKey::Random());
  ASSERT_OK(people.Register(ona, wrapped));
  EXPECT_EQ(people.NotesKey(kOna).value(), wrapped);
  // One outbox entry, the insert, carries the key (hex like every BLOB).
  EXPECT_EQ(testing::QueryInt(*store,
                              "SELECT count(*) FROM outbox WHERE tbl = 'person' AND "
                              "json_extract(cols, '$.notes_key') IS NOT NULL"),
            1);
  EXPECT_OK(people.SetNotesKey(kOna, wrapped));  // the same key again: nothing to do
  auto other = people.SetNotesKey(kOna, WrapPersonKey(center, kOna, SecretKey::Random()));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  EXPECT_EQ(people.NotesKey(kOna).value(), wrapped);

  Person jonas = testing::SamplePerson(catalog.center_id, "Jonas", "Petraitis");
  auto registered = people.Register(jonas);
  ASSERT_TRUE(registered.ok());
  EXPECT_TRUE(people.NotesKey(registered->id).value().empty());
  ASSERT_OK(people.SetNotesKey(registered->id,
                               WrapPersonKey(center, registered->id, SecretKey::Random())));
  EXPECT_FALSE(people.NotesKey(registered->id).value().empty());
  EXPECT_EQ(people.NotesKey("person-nobody").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace raida::core

// The coordinator's "Lists and export" (issue 5 item 7): the reducer alone (one audit entry per
// file asked for, refusals that change nothing, back), and ListsStorage on a real store with the
// demo district: the three CSV files hold what their purpose needs and nothing more, a name
// a spreadsheet would run as a formula is defused, and an unwritable folder leaves no file.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/state/lists_storage.h"
#include "kiosk/state/reduce.h"
#include "kiosk/state/reduce_lists.h"
#include "raida/core/attendance_repository.h"
#include "raida/core/district_data.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"
#include "tests/kiosk_state/effects_found.h"

namespace raida::kiosk {
namespace {

namespace fs = std::filesystem;

constexpr const char* kId = "coordinator.bajorai.1";
constexpr const char* kCenter = "center.bajorai";
constexpr int64_t kWallT0 = 1'795'428'000'000;  // 2026-11-23 10:00 UTC

AppState SignedInHome() {
  AppState state;
  state.center_id = kCenter;
  state.today = "2026-11-23";
  state.language = "pl";
  state.screen = Screen::kCoordinator;
  state.coordinator.view = CoordinatorView::kHome;
  state.coordinator.signed_in = SignedInCoordinator{kId, "Rasa V."};
  return state;
}

ListOfferingsLoaded TwoOfferings() {
  return ListOfferingsLoaded{{{"offering.a", "Kurs A", "2026-11-02", "2026-12-14", "Bajorai", 9},
                              {"offering.b", "Kurs B", "2026-10-01", "2026-10-20", "", 0}}};
}

TEST(ListsReduceTest, AnOfferingsListsEachWithOneAuditEntry) {
  AppState state = SignedInHome();
  auto effects = Reduce(state, OpenCoordinatorTask{CoordinatorView::kLists});
  ASSERT_EQ(state.coordinator.view, CoordinatorView::kLists);
  const auto load = All<LoadListOfferings>(effects);
  ASSERT_EQ(load.size(), 1u);
  EXPECT_EQ(load[0].center_id, kCenter);
  EXPECT_EQ(load[0].language, "pl");
  EXPECT_EQ(load[0].today, "2026-11-23");
  EXPECT_TRUE(state.coordinator.lists.loading);
  Reduce(state, TwoOfferings());
  EXPECT_FALSE(state.coordinator.lists.loading);
  ASSERT_EQ(state.coordinator.lists.offerings.size(), 2u);

  EXPECT_TRUE(Reduce(state, ChooseListOffering{"offering.nowhere"}).empty());
  EXPECT_EQ(state.coordinator.lists.step, ListsStep::kOfferings);
  Reduce(state, ChooseListOffering{"offering.a"});
  EXPECT_EQ(state.coordinator.lists.step, ListsStep::kOffering);

  effects = Reduce(state, ExportList{ListKind::kAttendance});
  const auto writes = All<WriteList>(effects);
  ASSERT_EQ(writes.size(), 1u);
  EXPECT_EQ(writes[0].offering_id, "offering.a");
  EXPECT_EQ(writes[0].kind, ListKind::kAttendance);
  const auto audits = All<WriteAudit>(effects);
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(audits[0].actor_id, kId);
  EXPECT_EQ(audits[0].action, "export.attendance");
  EXPECT_EQ(audits[0].record_table, "course_offering");
  EXPECT_EQ(audits[0].record_id, "offering.a");
  // While the file is written, another tap does nothing.
  EXPECT_TRUE(Reduce(state, ExportList{ListKind::kParticipants}).empty());

  Reduce(state, ListExported{"offering.a", ListKind::kAttendance, "/data/exports/x.csv", 7});
  EXPECT_FALSE(state.coordinator.lists.writing);
  EXPECT_EQ(state.coordinator.lists.written_path, "/data/exports/x.csv");
  EXPECT_EQ(state.coordinator.lists.written_rows, 7);

  Reduce(state, ExportList{ListKind::kCompletions});
  Reduce(state, ListExportFailed{"offering.a"});
  EXPECT_FALSE(state.coordinator.lists.writing);
  EXPECT_EQ(state.coordinator.lists.error_key, "lists.error.not_written");
  EXPECT_TRUE(state.coordinator.lists.written_path.empty());

  Reduce(state, GoBack{});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kLists);
  EXPECT_EQ(state.coordinator.lists.step, ListsStep::kOfferings);
  Reduce(state, GoBack{});
  EXPECT_EQ(state.coordinator.view, CoordinatorView::kHome);
}

TEST(ListsReduceTest, NobodyButASignedInCoordinatorOnTheTaskExports) {
  AppState state = SignedInHome();
  Reduce(state, OpenCoordinatorTask{CoordinatorView::kLists});
  Reduce(state, TwoOfferings());
  Reduce(state, ChooseListOffering{"offering.a"});
  AppState resident = state;
  resident.coordinator.signed_in.reset();
  EXPECT_TRUE(Reduce(resident, ExportList{ListKind::kParticipants}).empty());
  // Sign-out wipes the task, its offerings and the file's path.
  Reduce(state, ListExported{"offering.a", ListKind::kParticipants, "/data/exports/x.csv", 3});
  Reduce(state, GoHome{});
  EXPECT_TRUE(state.coordinator.lists.offerings.empty());
  EXPECT_TRUE(state.coordinator.lists.written_path.empty());
}

class ListsStorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    dir_ = fs::temp_directory_path() /
           ("raida-lists-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    clock_.SetWallMs(kWallT0);
    core::StoreOptions options;
    options.path = (dir_ / "kiosk.db").string();
    options.mode = core::OpenMode::kCreateIfMissing;
    store_ = std::move(core::Store::Open(options, clock_)).value();
    core::DistrictLoadOptions load;
    load.only_center_id = kCenter;
    ASSERT_TRUE(core::LoadDistrictFile(
                    *store_, std::string(RAIDA_SOURCE_DIR) + "/assets/demo/rokiskis.json", load)
                    .ok());
  }
  void TearDown() override {
    store_.reset();
    std::error_code ignored;
    fs::permissions(dir_ / "exports", fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(dir_, ignored);
  }

  // The first session of `offering_id`.
  std::string FirstSession(const std::string& offering_id) {
    auto stmt = store_->db().Prepare(
        "SELECT id FROM course_session WHERE offering_id = ? ORDER BY date, start_time LIMIT 1");
    stmt->Bind(1, offering_id);
    EXPECT_TRUE(stmt->Step().value());
    return stmt->ColumnText(0);
  }
  // An offering of the center with at least one session.
  std::string AnOffering() {
    auto stmt = store_->db().Prepare(
        "SELECT o.id FROM course_offering o WHERE o.center_id = ? AND EXISTS (SELECT 1 FROM "
        "course_session s WHERE s.offering_id = o.id) ORDER BY o.id LIMIT 1");
    stmt->Bind(1, kCenter);
    EXPECT_TRUE(stmt->Step().value());
    return stmt->ColumnText(0);
  }

  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  ListExported Write(const std::string& offering_id, ListKind kind) {
    auto result = lists_.Run(*store_, WriteList{offering_id, kind});
    EXPECT_TRUE(result.ok());
    const auto* done = FindMessage<ListExported>(**result);
    EXPECT_NE(done, nullptr);
    return done ? *done : ListExported{};
  }

  fs::path dir_;
  core::ManualClock clock_;
  std::unique_ptr<core::Store> store_;
  ListsStorage lists_{(fs::temp_directory_path() / "unused").string()};
};

TEST_F(ListsStorageTest, TheOfferingsOfThisCenterWithTitlesInTheLanguage) {
  const std::string today = "2026-11-23";
  auto result = lists_.Run(*store_, LoadListOfferings{kCenter, "pl", today});
  ASSERT_TRUE(result.ok());
  const auto& loaded = GetMessage<ListOfferingsLoaded>(**result);
  ASSERT_FALSE(loaded.offerings.empty());
  // Running on the day first, then coming (soonest first), then ended (latest first).
  const auto rank = [&](const ListOffering& o) {
    return o.ends_on < today ? 2 : o.starts_on > today ? 1 : 0;
  };
  for (size_t i = 1; i < loaded.offerings.size(); ++i) {
    const ListOffering& a = loaded.offerings[i - 1];
    const ListOffering& b = loaded.offerings[i];
    ASSERT_LE(rank(a), rank(b)) << a.id << " " << b.id;
    if (rank(a) == 1 && rank(b) == 1) {
      EXPECT_LE(a.starts_on, b.starts_on);
    }
  }
  for (const ListOffering& offering : loaded.offerings) {
    EXPECT_FALSE(offering.title.empty());
    EXPECT_EQ(offering.title.rfind("course.", 0), std::string::npos) << offering.title;
  }
}

TEST_F(ListsStorageTest, EachFileHoldsWhatItsPurposeNeedsAndNoMore) {
  lists_ = ListsStorage((dir_ / "exports").string());
  const std::string offering = AnOffering();
  core::PersonRepository people(*store_);
  core::Person person;
  person.home_center_id = kCenter;
  person.given_name = "=HYPERLINK(\"x\")";
  person.family_name = "Žemaitytė, Ona";
  person.birth_year = 1951;
  person.phone = "+37061234567";
  person.village = "Bajorai";
  auto registered = people.Register(person);
  ASSERT_TRUE(registered.ok()) << registered.error().message;
  core::EnrollmentRepository enrollments(*store_);
  auto enrollment = enrollments.RequestSignUp(registered->id, offering, {"transport"});
  ASSERT_TRUE(enrollment.ok()) << enrollment.error().message;
  ASSERT_TRUE(enrollments.SetStatus(enrollment->id, core::EnrollmentStatus::kConfirmed, "").ok());
  ASSERT_TRUE(core::AttendanceRepository(*store_)
                  .Mark(FirstSession(offering), registered->id, core::AttendanceMark::kExcused, kId)
                  .ok());

  for (const ListKind kind :
       {ListKind::kParticipants, ListKind::kAttendance, ListKind::kCompletions}) {
    const ListExported done = Write(offering, kind);
    ASSERT_TRUE(fs::exists(done.path)) << done.path;
    EXPECT_EQ(fs::path(done.path).parent_path(), dir_ / "exports");
    EXPECT_NE(done.path.find(ListKindName(kind)), std::string::npos);
    EXPECT_NE(done.path.find("2026-11-23-1000"), std::string::npos) << done.path;
    const std::string csv = Read(done.path);
    EXPECT_EQ(csv.rfind("\xEF\xBB\xBF"
                        "family_name,given_name,",
                        0),
              0u)
        << csv;
    EXPECT_EQ(csv.find("+37061234567"), std::string::npos) << csv;
    EXPECT_EQ(csv.find("1951"), std::string::npos) << csv;
    EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos) << csv;
    EXPECT_FALSE(fs::exists(done.path + ".tmp"));
    if (kind == ListKind::kCompletions) {
      EXPECT_EQ(csv.find("Ona"), std::string::npos) << "no certificate yet\n" << csv;
      continue;
    }
    EXPECT_NE(csv.find("\"Žemaitytė, Ona\",\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos) << csv;
    EXPECT_GE(done.rows, 1);
    if (kind == ListKind::kParticipants) {
      EXPECT_NE(csv.find(",confirmed,transport\r\n"), std::string::npos) << csv;
    } else {
      EXPECT_NE(csv.find(",excused"), std::string::npos) << csv;
    }
  }
}

TEST_F(ListsStorageTest, AFolderThatCannotBeWrittenLeavesNoFile) {
  if (::geteuid() == 0) {
    // root writes into a read-only folder: a path under a regular file cannot be created by
    // anybody.
    std::ofstream(dir_ / "exports") << "a file, not a folder";
    lists_ = ListsStorage((dir_ / "exports" / "inside").string());
  } else {
    fs::create_directories(dir_ / "exports");
    fs::permissions(dir_ / "exports", fs::perms::owner_read | fs::perms::owner_exec);
    lists_ = ListsStorage((dir_ / "exports").string());
  }
  auto result = lists_.Run(*store_, WriteList{AnOffering(), ListKind::kParticipants});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(HoldsMessage<ListExportFailed>(**result));
}

}  // namespace
}  // namespace raida::kiosk

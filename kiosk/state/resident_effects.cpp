// The storage lane's work for the resident's screens (see resident_effects.h).
//
// Cancel and undo failures the person can act on (the sign-up changed meanwhile, the offering is
// gone) become notices; anything else is a storage fault for the runner.
#include "kiosk/state/resident_effects.h"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <utility>

#include "kiosk/state/reduce_resident.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/model.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

constexpr size_t kPepperBytes = 32;

core::Result<std::string> ReadPepper(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::MakeError(core::ErrorCode::kIo, "cannot read the PIN pepper " + path);
  }
  std::string pepper((std::istreambuf_iterator<char>(in)), {});
  if (pepper.size() != kPepperBytes) {
    return core::MakeError(core::ErrorCode::kCorrupt, "the PIN pepper " + path + " is damaged");
  }
  return pepper;
}

core::Result<std::string> CreatePepper(const std::string& path) {
  if (sodium_init() < 0) {
    return core::MakeError(core::ErrorCode::kInternal, "libsodium could not be initialised");
  }
  std::array<char, kPepperBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      return core::MakeError(core::ErrorCode::kIo, "cannot write the PIN pepper " + temporary);
    }
  }
  ::chmod(temporary.c_str(), S_IRUSR | S_IWUSR);
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    return core::MakeError(core::ErrorCode::kIo, "cannot create the PIN pepper " + path);
  }
  spdlog::info("created the PIN pepper {}", path);
  return std::string(bytes.data(), bytes.size());
}

// The person behind a sign-in, as the screens need them, with their unfinished sign-up.
core::Result<MaybeAction> SignedIn(core::Store& store, const core::Person& person) {
  SignedInPerson signed_in;
  signed_in.id = person.id;
  signed_in.given_name = person.given_name;
  signed_in.needs = person.needs;
  SignInDone done;
  done.person = std::move(signed_in);
  RAIDA_ASSIGN_OR_RETURN(auto draft, core::EnrollmentRepository(store).TakeDraft(person.id));
  if (draft) {
    done.draft = SignUpDraftView{draft->course_id, draft->offering_id, draft->needs};
    spdlog::info("sign-in: an unfinished sign-up was kept for this person");
  }
  return MaybeAction(std::move(done));
}

core::Result<std::optional<core::Person>> PersonWithCard(core::Store& store,
                                                         const std::string& card_code) {
  RAIDA_ASSIGN_OR_RETURN(auto person, core::PersonRepository(store).FindByCardCode(card_code));
  // A merged person's card no longer signs in (the record kept has its own card and PIN).
  if (!person || person->erased || person->merged_into) {
    return std::optional<core::Person>();
  }
  return person;
}

const char* PinNoticeKey(core::PinOutcome outcome) {
  switch (outcome) {
    case core::PinOutcome::kLocked:
      return kPinLockedKey;
    case core::PinOutcome::kCoordinatorReset:
      return kPinResetKey;
    default:
      return kWrongPinKey;
  }
}

// A cancel or undo the repository refused for a reason the person can see.
bool PersonCanActOn(core::ErrorCode code) {
  return code == core::ErrorCode::kConflict || code == core::ErrorCode::kNotFound;
}

}  // namespace

std::string PinPepperPath(const std::string& db_path) { return db_path + ".pepper"; }

core::Result<std::string> LoadOrCreatePinPepper(const std::string& path) {
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    return ReadPepper(path);
  }
  return CreatePepper(path);
}

core::Result<MaybeAction> RunSignInWithCard(core::Store& store, const SignInWithCard& effect) {
  RAIDA_ASSIGN_OR_RETURN(auto person, PersonWithCard(store, effect.card_code));
  if (!person) {
    spdlog::info("sign-in: card code not known at this kiosk");
    return MaybeAction(SignInDone{});
  }
  RAIDA_ASSIGN_OR_RETURN(const bool has_pin, core::PersonRepository(store).HasPin(person->id));
  if (has_pin) {
    spdlog::info("sign-in: card known, asking for its PIN");
    return MaybeAction(SignInNeedsPin{effect.card_code});
  }
  spdlog::info("sign-in with a card code succeeded");
  return SignedIn(store, *person);
}

core::Result<MaybeAction> RunSignInWithPin(core::Store& store, const std::string& pepper,
                                           const SignInWithPin& effect) {
  RAIDA_ASSIGN_OR_RETURN(auto person, PersonWithCard(store, effect.card_code));
  if (!person) {
    return MaybeAction(SignInDone{});  // erased or re-carded since the card was read
  }
  RAIDA_ASSIGN_OR_RETURN(const core::PinCheck check,
                         core::PersonRepository(store).CheckPin(person->id, effect.pin, pepper));
  if (check.outcome == core::PinOutcome::kOk || check.outcome == core::PinOutcome::kNoPin) {
    spdlog::info("sign-in with a card code and PIN succeeded");
    return SignedIn(store, *person);
  }
  spdlog::info("sign-in: PIN refused ({})", PinNoticeKey(check.outcome));
  SignInDone refused;
  refused.error_key = PinNoticeKey(check.outcome);
  return MaybeAction(std::move(refused));
}

core::Result<MaybeAction> RunSearchCatalog(core::Store& store, const SearchCatalog& effect) {
  RAIDA_ASSIGN_OR_RETURN(
      auto courses, core::CatalogRepository(store).SearchCourses(effect.query, effect.language));
  CatalogSearched searched;
  searched.query = effect.query;
  searched.language = effect.language;
  for (const core::Course& course : courses) {
    searched.course_ids.push_back(course.id);
  }
  return MaybeAction(std::move(searched));
}

core::Result<MaybeAction> RunLoadMyCourses(core::Store& store, const LoadMyCourses& effect) {
  core::CatalogRepository catalog(store);
  RAIDA_ASSIGN_OR_RETURN(auto enrollments,
                         core::EnrollmentRepository(store).ListForPerson(effect.person_id));
  MyCoursesLoaded loaded{effect.person_id, effect.language, {}};
  for (const core::Enrollment& enrollment : enrollments) {
    MyCourseView view;
    view.enrollment_id = enrollment.id;
    view.status = core::EnrollmentStatusName(enrollment.status);
    RAIDA_ASSIGN_OR_RETURN(auto offering, catalog.GetOffering(enrollment.offering_id));
    if (offering) {
      view.starts_on = offering->starts_on;
      view.place = offering->place;
      RAIDA_ASSIGN_OR_RETURN(auto course, catalog.GetCourse(offering->course_id));
      if (course) {
        view.course_title = core::Localize(course->title, effect.language);
      }
    }
    loaded.courses.push_back(std::move(view));
  }
  // Newest first: what the person just did is at the top.
  std::reverse(loaded.courses.begin(), loaded.courses.end());
  return MaybeAction(std::move(loaded));
}

core::Result<MaybeAction> RunCancelSignUp(core::Store& store, const CancelSignUp& effect) {
  core::Status cancelled =
      core::EnrollmentRepository(store).CancelByPerson(effect.enrollment_id, effect.person_id);
  if (!cancelled.ok() && !PersonCanActOn(cancelled.error().code)) {
    return cancelled.error();
  }
  if (!cancelled.ok()) {
    spdlog::warn("cancelling {} refused: {}", effect.enrollment_id, cancelled.error().message);
    return MaybeAction(CancelDone{effect.enrollment_id, kCancelFailedKey});
  }
  spdlog::info("sign-up {} cancelled at the kiosk", effect.enrollment_id);
  return MaybeAction(CancelDone{effect.enrollment_id, ""});
}

core::Result<MaybeAction> RunUndoCancelSignUp(core::Store& store, const UndoCancelSignUp& effect) {
  auto again =
      core::EnrollmentRepository(store).UndoCancelByPerson(effect.enrollment_id, effect.person_id);
  if (!again.ok() && !PersonCanActOn(again.error().code)) {
    return again.error();
  }
  if (!again.ok()) {
    spdlog::warn("undoing the cancellation of {} refused: {}", effect.enrollment_id,
                 again.error().message);
    return MaybeAction(UndoDone{effect.enrollment_id, kUndoFailedKey});
  }
  spdlog::info("sign-up {} requested again (undo)", effect.enrollment_id);
  return MaybeAction(UndoDone{effect.enrollment_id, ""});
}

core::Result<MaybeAction> RunSaveSignUpDraft(core::Store& store, const SaveSignUpDraft& effect) {
  core::SignUpDraft draft;
  draft.person_id = effect.person_id;
  draft.course_id = effect.draft.course_id;
  draft.offering_id = effect.draft.offering_id;
  draft.needs = effect.draft.needs;
  core::Status saved = core::EnrollmentRepository(store).SaveDraft(std::move(draft));
  if (!saved.ok()) {
    spdlog::warn("an unfinished sign-up could not be kept: {}", saved.error().message);
  } else {
    spdlog::info("an unfinished sign-up was kept for the person's next sign-in");
  }
  return MaybeAction();
}

}  // namespace raida::kiosk

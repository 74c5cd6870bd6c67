// PlanStorage: the "Action plan" view on the storage lane (see plan_storage.h).
//
// A person who is no longer on this kiosk (erased or merged by a sync meanwhile), or a goal or
// step that is not theirs, is a PlanChangeFailed said in plain words, not a fault: nothing is
// written. The log gets ids and outcomes only.
#include "kiosk/state/plan_storage.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "kiosk/state/person_storage.h"  // SendToPrinter
#include "kiosk/state/reduce_plan.h"
#include "kiosk/state/text_edit.h"
#include "raida/core/action_plan_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/private_file.h"
#include "raida/core/sealed_notes.h"
#include "raida/core/store.h"

namespace raida::kiosk {
namespace {

constexpr const char* kNoticeGone = "plan.notice.gone";
constexpr const char* kNoticeNotHers = "plan.notice.not_found";
constexpr const char* kErrorEmptyTitle = "plan.error.empty_title";
constexpr const char* kErrorImpossibleDate = "plan.error.impossible_date";
constexpr const char* kNoticeNotesUnavailable = "plan.notice.notes_unavailable";
constexpr const char* kNoticeNoteKeyMissing = "plan.notice.note_key_missing";

using MaybeAction = std::optional<Action>;

core::Result<std::optional<core::Person>> UsablePerson(core::Store& store,
                                                       const std::string& person_id) {
  RAIDA_ASSIGN_OR_RETURN(auto found, core::PersonRepository(store).Get(person_id));
  if (!found || found->erased || found->merged_into) {
    return std::optional<core::Person>();
  }
  return found;
}

// The ids of every plan, goal and step of the person (to refuse one that is not theirs).
struct Owned {
  std::set<std::string> plans, goals, steps;
};

core::Result<Owned> OwnedBy(core::Store& store, const std::string& person_id) {
  core::ActionPlanRepository plans(store);
  Owned owned;
  RAIDA_ASSIGN_OR_RETURN(auto listed, plans.ListPlansForPerson(person_id));
  for (const core::ActionPlan& plan : listed) {
    owned.plans.insert(plan.id);
    RAIDA_ASSIGN_OR_RETURN(auto goals, plans.ListGoals(plan.id));
    for (const core::PlanGoal& goal : goals) {
      owned.goals.insert(goal.id);
      RAIDA_ASSIGN_OR_RETURN(auto steps, plans.ListSteps(goal.id));
      for (const core::PlanStep& step : steps) {
        owned.steps.insert(step.id);
      }
    }
  }
  return owned;
}

// The plan after a change: PlanLoaded, or PlanChangeFailed when the person is not here.
core::Result<MaybeAction> Loaded(core::Store& store, const std::string& person_id,
                                 const std::string& center_key_path) {
  RAIDA_ASSIGN_OR_RETURN(auto person, UsablePerson(store, person_id));
  if (!person) {
    spdlog::info("action plan of {}: the person is not on this kiosk", person_id);
    return MaybeAction(PlanChangeFailed{person_id, kNoticeGone});
  }
  RAIDA_ASSIGN_OR_RETURN(PlanView plan, ReadCurrentPlan(store, person_id, center_key_path));
  return MaybeAction(PlanLoaded{person_id, std::move(plan)});
}

// The center key, or nullopt (logged by code only) when this kiosk has none it can use.
std::optional<core::SecretKey> CenterKey(const std::string& path) {
  if (path.empty()) {
    return std::nullopt;
  }
  auto key = core::ReadCenterKeyFile(path);
  if (!key.ok()) {
    spdlog::warn("sealed notes: no usable center key ({}): {}",
                 core::ErrorCodeName(key.error().code), key.error().message);
    return std::nullopt;
  }
  return std::move(key).value();
}

// The notes key of `person_id`, unwrapped; nullopt when they have none or it does not open.
std::optional<core::SecretKey> PersonKey(core::Store& store, const core::SecretKey& center,
                                         const std::string& person_id) {
  auto wrapped = core::PersonRepository(store).NotesKey(person_id);
  if (!wrapped.ok() || wrapped->empty()) {
    return std::nullopt;
  }
  auto key = core::UnwrapPersonKey(center, person_id, *wrapped);
  if (!key.ok()) {
    spdlog::warn("sealed notes: the notes key of {} does not open here", person_id);
    return std::nullopt;
  }
  return std::move(key).value();
}

// Opens each sealed note of `steps` with its sealer's key (looked up once per sealer).
void OpenNotes(core::Store& store, const core::SecretKey& center,
               const std::vector<core::PlanStep>& steps, std::vector<PlanStepView>& views) {
  std::map<std::string, std::optional<core::SecretKey>> keys;  // by sealer
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].notes_sealed.empty()) {
      continue;
    }
    auto sealer = core::NoteSealer(steps[i].notes_sealed);
    if (!sealer.ok()) {
      continue;
    }
    auto known = keys.find(*sealer);
    if (known == keys.end()) {
      known = keys.emplace(*sealer, PersonKey(store, center, *sealer)).first;
    }
    if (!known->second) {
      continue;
    }
    auto text = core::OpenNote(*known->second, steps[i].id, steps[i].notes_sealed);
    if (text.ok()) {
      views[i].note_state = PlanNote::kShown;
      views[i].note = std::move(text).value();
    }
  }
}

// Refuses a change when the person is gone or `id` is not among their `ids` (plans, goals or
// steps).
core::Result<MaybeAction> Refusal(core::Store& store, const std::string& person_id,
                                  const std::string& id, std::set<std::string> Owned::*ids) {
  RAIDA_ASSIGN_OR_RETURN(auto person, UsablePerson(store, person_id));
  if (!person) {
    return MaybeAction(PlanChangeFailed{person_id, kNoticeGone});
  }
  RAIDA_ASSIGN_OR_RETURN(Owned owned, OwnedBy(store, person_id));
  if ((owned.*ids).count(id) == 0) {
    spdlog::warn("action plan of {}: {} is not theirs; nothing changed", person_id, id);
    return MaybeAction(PlanChangeFailed{person_id, kNoticeNotHers});
  }
  return MaybeAction();
}

std::string DateWords(const core::Translations& words, const std::string& language,
                      const std::string& iso) {
  if (!IsPlanDate(iso)) {
    return iso;
  }
  const int month = std::stoi(iso.substr(5, 2));
  std::string text = words.Get(language, "common.date");
  const std::pair<const char*, std::string> parts[] = {
      {"{year}", iso.substr(0, 4)},
      {"{month}", words.Get(language, "common.month." + std::to_string(month))},
      {"{day}", std::to_string(std::stoi(iso.substr(8, 2)))}};
  for (const auto& [name, value] : parts) {
    if (const size_t at = text.find(name); at != std::string::npos) {
      text.replace(at, std::string(name).size(), value);
    }
  }
  return text;
}

std::string Fill(std::string text, const char* name, const std::string& value) {
  const std::string field = std::string("{") + name + "}";
  if (const size_t at = text.find(field); at != std::string::npos) {
    text.replace(at, field.size(), value);
  }
  return text;
}

}  // namespace

PlanStorage::PlanStorage(PlanStorageOptions options) : options_(std::move(options)) {
  if (options_.data_dir.empty()) {
    options_.data_dir = ".";
  }
  if (options_.i18n_dir.empty()) {
    options_.i18n_dir = std::string(RAIDA_ASSETS_DIR) + "/i18n";
  }
}

const core::Translations* PlanStorage::Words() {
  if (!words_) {
    auto loaded = core::Translations::LoadDir(options_.i18n_dir);
    if (!loaded.ok()) {
      spdlog::error("action plan: translations not available: {}",
                    core::ErrorCodeName(loaded.error().code));
      return nullptr;
    }
    words_ = std::move(loaded).value();
  }
  return &*words_;
}

core::Result<PlanView> ReadCurrentPlan(core::Store& store, const std::string& person_id,
                                       const std::string& center_key_path) {
  core::ActionPlanRepository plans(store);
  RAIDA_ASSIGN_OR_RETURN(auto listed, plans.ListPlansForPerson(person_id));
  const core::ActionPlan* current = nullptr;
  for (const core::ActionPlan& plan : listed) {  // oldest first: the newest open one wins
    if (plan.status != "closed" || current == nullptr || current->status == "closed") {
      current = &plan;
    }
  }
  PlanView view;
  if (current == nullptr) {
    return view;
  }
  view.id = current->id;
  view.status = current->status;
  const std::optional<core::SecretKey> center = CenterKey(center_key_path);
  view.notes_kept = center.has_value();
  RAIDA_ASSIGN_OR_RETURN(auto goals, plans.ListGoals(current->id));
  for (const core::PlanGoal& goal : goals) {
    PlanGoalView goal_view{goal.id, goal.title, goal.achieved, {}};
    RAIDA_ASSIGN_OR_RETURN(auto steps, plans.ListSteps(goal.id));
    for (const core::PlanStep& step : steps) {
      PlanStepView step_view{step.id, step.title, step.due_on,
                             core::InstitutionName(step.institution), step.done};
      step_view.note_state = step.notes_sealed.empty() ? PlanNote::kNone : PlanNote::kUnreadable;
      goal_view.steps.push_back(std::move(step_view));
    }
    if (center) {
      OpenNotes(store, *center, steps, goal_view.steps);
    }
    view.goals.push_back(std::move(goal_view));
  }
  return view;
}

core::Result<MaybeAction> PlanStorage::Run(core::Store& store, const LoadPlan& effect) {
  return Loaded(store, effect.person_id, options_.center_key_path);
}

core::Result<MaybeAction> PlanStorage::Run(core::Store& store, const SavePlanGoal& effect) {
  const std::string title = TrimPlanTitle(effect.title);
  if (title.empty()) {
    return MaybeAction(PlanChangeFailed{effect.person_id, kErrorEmptyTitle});
  }
  RAIDA_ASSIGN_OR_RETURN(auto person, UsablePerson(store, effect.person_id));
  if (!person) {
    return MaybeAction(PlanChangeFailed{effect.person_id, kNoticeGone});
  }
  core::ActionPlanRepository plans(store);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());  // the plan and its goal, or neither
  RAIDA_ASSIGN_OR_RETURN(PlanView current, ReadCurrentPlan(store, effect.person_id));
  std::string plan_id = current.status == "closed" ? std::string() : current.id;
  if (plan_id.empty()) {
    RAIDA_ASSIGN_OR_RETURN(auto created, plans.CreatePlan(effect.person_id, effect.coordinator_id));
    plan_id = created.id;
  }
  RAIDA_ASSIGN_OR_RETURN(auto goal, plans.AddGoal(plan_id, title));
  RAIDA_TRY(scope.Commit());
  spdlog::info("action plan {}: goal {} added", plan_id, goal.id);
  return Loaded(store, effect.person_id, options_.center_key_path);
}

core::Result<MaybeAction> PlanStorage::Run(core::Store& store, const SavePlanStep& effect) {
  const std::string title = TrimPlanTitle(effect.title);
  const auto institution = core::ParseInstitution(effect.institution);
  if (title.empty() || !institution) {
    return MaybeAction(PlanChangeFailed{effect.person_id, kErrorEmptyTitle});
  }
  if (!effect.due_on.empty() && !IsPlanDate(effect.due_on)) {
    return MaybeAction(PlanChangeFailed{effect.person_id, kErrorImpossibleDate});
  }
  RAIDA_ASSIGN_OR_RETURN(auto refused,
                         Refusal(store, effect.person_id, effect.goal_id, &Owned::goals));
  if (refused) {
    return refused;
  }
  core::PlanStep step;
  step.goal_id = effect.goal_id;
  step.title = title;
  step.due_on = effect.due_on;
  step.institution = *institution;
  RAIDA_ASSIGN_OR_RETURN(auto added, core::ActionPlanRepository(store).AddStep(std::move(step)));
  spdlog::info("action plan goal {}: step {} added", effect.goal_id, added.id);
  return Loaded(store, effect.person_id, options_.center_key_path);
}

core::Result<MaybeAction> PlanStorage::Run(core::Store& store, const SavePlanStepDone& effect) {
  RAIDA_ASSIGN_OR_RETURN(auto refused,
                         Refusal(store, effect.person_id, effect.step_id, &Owned::steps));
  if (refused) {
    return refused;
  }
  RAIDA_TRY(core::ActionPlanRepository(store).MarkStepDone(effect.step_id, effect.done));
  spdlog::info("action plan step {}: {}", effect.step_id, effect.done ? "done" : "not done");
  return Loaded(store, effect.person_id, options_.center_key_path);
}

core::Result<MaybeAction> PlanStorage::Run(core::Store& store, const SavePlanGoalAchieved& effect) {
  RAIDA_ASSIGN_OR_RETURN(auto refused,
                         Refusal(store, effect.person_id, effect.goal_id, &Owned::goals));
  if (refused) {
    return refused;
  }
  RAIDA_TRY(core::ActionPlanRepository(store).SetGoalAchieved(effect.goal_id, effect.achieved));
  spdlog::info("action plan goal {}: {}", effect.goal_id,
               effect.achieved ? "achieved" : "not achieved");
  return Loaded(store, effect.person_id, options_.center_key_path);
}

core::Result<MaybeAction> PlanStorage::Run(core::Store& store, const SavePlanStatus& effect) {
  RAIDA_ASSIGN_OR_RETURN(auto refused,
                         Refusal(store, effect.person_id, effect.plan_id, &Owned::plans));
  if (refused) {
    return refused;
  }
  RAIDA_TRY(core::ActionPlanRepository(store).SetPlanStatus(effect.plan_id, effect.status));
  spdlog::info("action plan {}: {}", effect.plan_id, effect.status);
  return Loaded(store, effect.person_id, options_.center_key_path);
}

core::Result<MaybeAction> PlanStorage::Run(core::Store& store, const SavePlanStepNote& effect) {
  RAIDA_ASSIGN_OR_RETURN(auto refused,
                         Refusal(store, effect.person_id, effect.step_id, &Owned::steps));
  if (refused) {
    return refused;
  }
  const std::string text = AppendText("", TrimPlanTitle(effect.text), kMaxPlanNoteChars);
  core::ActionPlanRepository plans(store);
  if (text.empty()) {
    RAIDA_TRY(plans.SetStepNotes(effect.step_id, {}));
    spdlog::info("action plan step {}: note cleared", effect.step_id);
    return Loaded(store, effect.person_id, options_.center_key_path);
  }
  const std::optional<core::SecretKey> center = CenterKey(options_.center_key_path);
  if (!center) {
    return MaybeAction(PlanChangeFailed{effect.person_id, kNoticeNotesUnavailable});
  }
  const std::optional<core::SecretKey> key = PersonKey(store, *center, effect.person_id);
  if (!key) {
    spdlog::info("action plan step {}: note not kept, {} has no notes key here yet", effect.step_id,
                 effect.person_id);
    return MaybeAction(PlanChangeFailed{effect.person_id, kNoticeNoteKeyMissing});
  }
  RAIDA_ASSIGN_OR_RETURN(auto sealed, core::SealNote(*key, effect.person_id, effect.step_id, text));
  RAIDA_TRY(plans.SetStepNotes(effect.step_id, sealed));
  spdlog::info("action plan step {}: note sealed and saved", effect.step_id);
  return Loaded(store, effect.person_id, options_.center_key_path);
}

core::Status KeepDemoNotes(core::Store& store, const std::string& center_key_path,
                           const std::string& center_id) {
  if (!std::filesystem::exists(center_key_path)) {
    RAIDA_TRY(core::WriteCenterKeyFile(center_key_path, core::SecretKey::Random()));
  }
  auto center = core::ReadCenterKeyFile(center_key_path);
  if (!center.ok()) {
    return center.error();
  }
  core::PersonRepository people(store);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(auto listed, people.ListByCenter(center_id));
  for (const core::Person& person : listed) {
    RAIDA_ASSIGN_OR_RETURN(auto wrapped, people.NotesKey(person.id));
    if (wrapped.empty()) {
      RAIDA_TRY(people.SetNotesKey(
          person.id, core::WrapPersonKey(*center, person.id, core::SecretKey::Random())));
    }
  }
  return scope.Commit();
}

core::Result<MaybeAction> PlanStorage::Run(core::Store& store, const PrintPlan& effect) {
  PlanPrinted printed{effect.person_id, "", false};
  RAIDA_ASSIGN_OR_RETURN(auto person, UsablePerson(store, effect.person_id));
  RAIDA_ASSIGN_OR_RETURN(PlanView plan, ReadCurrentPlan(store, effect.person_id));
  const core::Translations* words = Words();
  if (!person || plan.id != effect.plan_id || words == nullptr) {
    spdlog::warn("action plan {}: summary not written (gone, changed or no words)", effect.plan_id);
    return MaybeAction(std::move(printed));
  }
  const std::filesystem::path folder = std::filesystem::path(options_.data_dir) / "plans";
  const std::string path = (folder / ("plan-" + plan.id + ".txt")).string();
  const core::Status written = core::WritePrivateFile(
      path, PlanSummaryText(plan, person->given_name + " " + person->family_name, *words,
                            effect.language, effect.today));
  if (!written.ok()) {
    spdlog::error("action plan {}: summary not written to the data folder: {}", effect.plan_id,
                  core::ErrorCodeName(written.error().code));
    return MaybeAction(std::move(printed));
  }
  printed.path = path;
  printed.sent_to_printer = SendToPrinter(options_.print_program, path);
  spdlog::info("action plan {}: summary written, {}", effect.plan_id,
               printed.sent_to_printer ? "sent to the printer" : "not sent to a printer");
  return MaybeAction(std::move(printed));
}

std::string PlanSummaryText(const PlanView& plan, const std::string& name,
                            const core::Translations& words, const std::string& language,
                            const std::string& today) {
  const auto word = [&](const std::string& key) -> const std::string& {
    return words.Get(language, key);
  };
  const auto [done, total] = PlanProgress(plan);
  std::string text = word("plan.summary.title") + "\n" + name + "\n";
  text += Fill(word("plan.summary.printed"), "date", DateWords(words, language, today)) + "\n";
  text += word("plan.status." + plan.status) + "\n";
  text += Fill(Fill(word("plan.progress"), "done", std::to_string(done)), "total",
               std::to_string(total)) +
          "\n";
  int number = 0;
  for (const PlanGoalView& goal : plan.goals) {
    text += "\n" + std::to_string(++number) + ". " + goal.title;
    text += goal.achieved ? "  (" + word("plan.goal.achieved") + ")\n" : "\n";
    for (const PlanStepView& step : goal.steps) {
      text += std::string(step.done ? "   [x] " : "   [ ] ") + step.title + "\n";
      std::string line = word("plan.institution." + step.institution) + " \u00B7 ";
      line += step.due_on.empty()
                  ? word("plan.step.no_date")
                  : Fill(word("plan.step.due"), "date", DateWords(words, language, step.due_on));
      line += " \u00B7 " + word(step.done ? "plan.step.done" : "plan.step.not_done");
      text += "       " + line + "\n";
    }
    if (goal.steps.empty()) {
      text += "       " + word("plan.goal.no_steps") + "\n";
    }
  }
  if (plan.goals.empty()) {
    text += "\n" + word("plan.none") + "\n";
  }
  return text;
}

}  // namespace raida::kiosk

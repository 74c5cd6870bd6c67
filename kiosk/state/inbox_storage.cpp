// InboxStorage: the sign-up inbox's storage work (see inbox_storage.h).
//
// Seats as this kiosk can honestly tell them: "confirmed here" counts the enrollments holding a
// seat (confirmed, attended, completed) in this database; "not yet sent" are those of them with a
// change still in the outbox; the district office's last count is the seat holders whose row is
// as the last sync left it (no change of this kiosk waiting), shown with the time of that sync.
//
// Conflicts come from sync_issue (ReplyApplier records the server's per-change results there):
// an enrollment the server answered "waitlisted" and that is still waitlisted here, unless a
// coordinator has waitlisted it since (its reason then starts with "waitlist.").
#include "kiosk/state/inbox_storage.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/state/effect_runner.h"
#include "kiosk/state/reduce_inbox.h"
#include "raida/core/audit_log.h"
#include "raida/core/catalog_repository.h"
#include "raida/core/enrollment_repository.h"
#include "raida/core/person_repository.h"
#include "raida/core/store.h"
#include "raida/sync/sync_status.h"

namespace raida::kiosk {
namespace {

constexpr int kMaxIssuesRead = 1000;

bool HoldsSeat(core::EnrollmentStatus status) {
  return status == core::EnrollmentStatus::kConfirmed ||
         status == core::EnrollmentStatus::kAttended ||
         status == core::EnrollmentStatus::kCompleted;
}

// Every offering of the center, cancelled and ended ones included (a move checks them).
core::Result<std::vector<core::Offering>> CenterOfferings(core::Store& store,
                                                          const std::string& center_id) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT id, course_id, center_id, starts_on, ends_on, place, capacity, "
                         "cancelled FROM course_offering WHERE center_id = ? AND deleted = 0 "
                         "ORDER BY starts_on, id"));
  stmt.Bind(1, center_id);
  std::vector<core::Offering> offerings;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) {
      return offerings;
    }
    core::Offering o;
    o.id = stmt.ColumnText(0);
    o.course_id = stmt.ColumnText(1);
    o.center_id = stmt.ColumnText(2);
    o.starts_on = stmt.ColumnText(3);
    o.ends_on = stmt.ColumnText(4);
    o.place = stmt.ColumnText(5);
    o.capacity = static_cast<int>(stmt.ColumnInt(6));
    o.cancelled = stmt.ColumnInt(7) != 0;
    offerings.push_back(std::move(o));
  }
}

// Enrollment ids with a change of this kiosk not yet acknowledged by the district office.
core::Result<std::set<std::string>> UnsentEnrollments(core::Store& store) {
  RAIDA_ASSIGN_OR_RETURN(
      core::Statement stmt,
      store.db().Prepare("SELECT DISTINCT pk FROM outbox WHERE tbl = 'enrollment'"));
  std::set<std::string> ids;
  while (true) {
    RAIDA_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) {
      return ids;
    }
    ids.insert(stmt.ColumnText(0));
  }
}

core::Result<int> SeatsTaken(core::EnrollmentRepository& enrollments,
                             const std::string& offering_id) {
  RAIDA_ASSIGN_OR_RETURN(auto rows, enrollments.ListForOffering(offering_id));
  return static_cast<int>(std::count_if(
      rows.begin(), rows.end(), [](const core::Enrollment& e) { return HoldsSeat(e.status); }));
}

std::optional<Action> Refused(const SaveInboxDecision& effect, const char* key) {
  spdlog::info("inbox: enrollment {}: {} refused ({})", effect.enrollment_id,
               InboxDecisionName(effect.decision), key);
  return Action(InboxSaved{effect.enrollment_id, key});
}

}  // namespace

core::Result<std::optional<Action>> InboxStorage::Run(core::Store& store, const LoadInbox& effect) {
  core::CatalogRepository catalog(store);
  core::EnrollmentRepository enrollments(store);
  core::PersonRepository people(store);
  RAIDA_ASSIGN_OR_RETURN(std::vector<core::Offering> offerings,
                         CenterOfferings(store, effect.center_id));
  RAIDA_ASSIGN_OR_RETURN(std::set<std::string> unsent, UnsentEnrollments(store));
  RAIDA_ASSIGN_OR_RETURN(std::vector<sync::SyncIssue> issues,
                         sync::ListSyncIssues(store, kMaxIssuesRead));
  std::map<std::string, std::string> waitlisted_by_office;  // enrollment id -> position
  for (const sync::SyncIssue& issue : issues) {
    if (issue.table == "enrollment" && issue.outcome == "waitlisted") {
      waitlisted_by_office.emplace(issue.pk, issue.detail);  // newest first: keep the newest
    }
  }

  InboxLoaded loaded;
  loaded.center_id = effect.center_id;
  std::map<std::string, core::LocalizedText> titles;
  std::vector<InboxRequest> conflicts;
  for (const core::Offering& offering : offerings) {
    if (!titles.count(offering.course_id)) {
      RAIDA_ASSIGN_OR_RETURN(std::optional<core::Course> course,
                             catalog.GetCourse(offering.course_id));
      titles[offering.course_id] = course ? course->title : core::LocalizedText{};
    }
    InboxOffering view;
    view.id = offering.id;
    view.course_id = offering.course_id;
    view.course_title = titles[offering.course_id];
    view.starts_on = offering.starts_on;
    view.ends_on = offering.ends_on;
    view.place = offering.place;
    view.capacity = offering.capacity;
    view.cancelled = offering.cancelled;
    const bool open = !offering.cancelled && offering.ends_on >= effect.today;
    RAIDA_ASSIGN_OR_RETURN(std::vector<core::Enrollment> rows,
                           enrollments.ListForOffering(offering.id));
    std::sort(rows.begin(), rows.end(), [](const core::Enrollment& a, const core::Enrollment& b) {
      return a.requested_at_ms < b.requested_at_ms;
    });
    for (const core::Enrollment& e : rows) {
      const bool waiting = unsent.count(e.id) > 0;
      if (HoldsSeat(e.status)) {
        ++view.confirmed_here;
        view.unsent += waiting ? 1 : 0;
        view.district_count += waiting ? 0 : 1;
      }
      const bool pending = e.status == core::EnrollmentStatus::kRequested ||
                           e.status == core::EnrollmentStatus::kWaitlisted;
      if (!open || !pending) {
        continue;
      }
      RAIDA_ASSIGN_OR_RETURN(std::optional<core::Person> person, people.Get(e.person_id));
      if (!person || person->erased) {
        continue;
      }
      InboxRequest request;
      request.enrollment_id = e.id;
      request.offering_id = e.offering_id;
      request.person_id = e.person_id;
      request.person_name = person->given_name + " " + person->family_name;
      request.status = core::EnrollmentStatusName(e.status);
      request.needs = e.needs;
      request.requested_at_ms = e.requested_at_ms;
      const auto issue = waitlisted_by_office.find(e.id);
      if (e.status == core::EnrollmentStatus::kWaitlisted && issue != waitlisted_by_office.end() &&
          e.reason.rfind("waitlist.", 0) != 0) {
        request.conflict = true;
        request.waitlist_position = issue->second;
        conflicts.push_back(std::move(request));
      } else {
        loaded.requests.push_back(std::move(request));
      }
    }
    loaded.offerings.push_back(std::move(view));
  }
  loaded.requests.insert(loaded.requests.begin(), conflicts.begin(), conflicts.end());

  RAIDA_ASSIGN_OR_RETURN(sync::SyncStatus status, sync::ReadSyncStatus(store));
  if (status.last_success_ms > 0) {
    loaded.last_sync_date = LocalIsoDate(status.last_success_ms);
    loaded.last_sync_time = LocalClockTime(status.last_success_ms);
  }
  spdlog::info("inbox: {} offerings, {} requests, {} conflicts", loaded.offerings.size(),
               loaded.requests.size(), conflicts.size());
  return std::optional<Action>(std::move(loaded));
}

core::Result<std::optional<Action>> InboxStorage::Run(core::Store& store,
                                                      const SaveInboxDecision& effect) {
  using S = core::EnrollmentStatus;
  core::CatalogRepository catalog(store);
  core::EnrollmentRepository enrollments(store);
  RAIDA_ASSIGN_OR_RETURN(auto scope, store.BeginWrite());
  RAIDA_ASSIGN_OR_RETURN(std::optional<core::Enrollment> enrollment,
                         enrollments.Get(effect.enrollment_id));
  if (!enrollment ||
      (enrollment->status != S::kRequested && enrollment->status != S::kWaitlisted)) {
    return Refused(effect, kInboxChangedKey);
  }
  RAIDA_ASSIGN_OR_RETURN(std::optional<core::Offering> offering,
                         catalog.GetOffering(enrollment->offering_id));
  if (!offering || offering->center_id != effect.center_id) {
    return Refused(effect, kInboxChangedKey);
  }
  switch (effect.decision) {
    case InboxDecision::kConfirm: {
      if (offering->capacity <= 0) {
        return Refused(effect, kInboxNoCapacityKey);
      }
      RAIDA_ASSIGN_OR_RETURN(int taken, SeatsTaken(enrollments, offering->id));
      if (taken >= offering->capacity) {
        return Refused(effect, kInboxNoSeatKey);
      }
      RAIDA_TRY(enrollments.SetStatus(enrollment->id, S::kConfirmed, effect.reason));
      break;
    }
    case InboxDecision::kWaitlist:
      if (enrollment->status == S::kWaitlisted) {
        return Refused(effect, kInboxAlreadyWaitlistedKey);
      }
      RAIDA_TRY(enrollments.SetStatus(enrollment->id, S::kWaitlisted, effect.reason));
      break;
    case InboxDecision::kCancel:
      RAIDA_TRY(enrollments.SetStatus(enrollment->id, S::kCancelled, effect.reason));
      break;
    case InboxDecision::kMove: {
      RAIDA_ASSIGN_OR_RETURN(std::optional<core::Offering> target,
                             catalog.GetOffering(effect.move_to));
      if (!target || target->center_id != effect.center_id ||
          target->course_id != offering->course_id || target->id == offering->id) {
        return Refused(effect, kInboxChangedKey);
      }
      if (target->cancelled) {
        return Refused(effect, kInboxMoveCancelledKey);
      }
      if (target->ends_on < effect.today) {
        return Refused(effect, kInboxMoveEndedKey);
      }
      RAIDA_TRY(enrollments.SetStatus(enrollment->id, S::kCancelled, effect.reason));
      auto moved = enrollments.RequestSignUp(enrollment->person_id, target->id, enrollment->needs);
      if (!moved.ok()) {
        if (moved.error().code == core::ErrorCode::kConflict) {
          return Refused(effect, kInboxMoveAlreadyKey);  // the scope rolls the cancel back
        }
        return moved.error();
      }
      break;
    }
  }
  core::AuditEntry entry;
  entry.actor_id = effect.actor_id;
  entry.action = InboxAuditAction(effect.decision);
  entry.record_table = "enrollment";
  entry.record_id = enrollment->id;
  RAIDA_TRY(core::AuditLog(store).Append(std::move(entry)));
  RAIDA_TRY(scope.Commit());
  spdlog::info("inbox: enrollment {}: {} saved", effect.enrollment_id,
               InboxDecisionName(effect.decision));
  return std::optional<Action>(InboxSaved{effect.enrollment_id, ""});
}

}  // namespace raida::kiosk

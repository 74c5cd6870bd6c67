// The reducer's part for certificates earned through lessons (declared in reduce_lesson.h): the
// result of IssueCertificate, and when its notice goes up and comes down.
//
// The notice tells the person their certificate's code once no page or question of a lesson is
// on screen: the feedback to the last answer is read first, then the lesson's end shows with
// the notice over it. OK (DismissNotice) takes it down and the code leaves the state; "My
// progress" lists the certificate from the database.
#include "kiosk/state/reduce_lesson.h"

namespace raida::kiosk {

std::vector<Effect> ReduceLesson(AppState& state, const CertificateIssued& action) {
  if (!state.person || state.person->id != action.person_id) {
    return {};  // signed out meanwhile: the certificate waits in "My progress"
  }
  state.lesson.certificate_notice = action.certificate;  // FollowCertificateNotice puts it up
  state.lesson.certificate_notice_up = false;
  state.lesson.progress_key.clear();  // "My progress" shows it when open
  return {};
}

void FollowCertificateNotice(AppState& state) {
  LessonState& lesson = state.lesson;
  if (!lesson.certificate_notice) {
    return;
  }
  if (lesson.certificate_notice_up) {
    if (state.notice_key != kCertificateIssuedKey) {  // OK, or another notice took its place
      lesson.certificate_notice.reset();
      lesson.certificate_notice_up = false;
    }
    return;
  }
  const bool mid_lesson =
      state.screen == Screen::kLesson && lesson.player && !lesson.player->at_end;
  if (state.notice_key.empty() && !mid_lesson) {
    state.notice_key = kCertificateIssuedKey;
    lesson.certificate_notice_up = true;
  }
}

}  // namespace raida::kiosk

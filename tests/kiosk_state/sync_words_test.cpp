// The status screen's words for what the sync code reports: every kind of SyncClient message
// maps to its sentence, and the last success reads as today / yesterday / N days ago / never.
#include "kiosk/state/sync_words.h"

#include <gtest/gtest.h>

namespace raida::kiosk {
namespace {

TEST(SyncErrorKeyTest, TheSyncCodesMessagesMapToTheirSentences) {
  EXPECT_EQ(SyncErrorKey(""), "");
  EXPECT_EQ(SyncErrorKey("no connection to the district office"), "status.error.no_connection");
  EXPECT_EQ(SyncErrorKey("no connection to the district office (Couldn't connect to server)"),
            "status.error.no_connection");
  EXPECT_EQ(SyncErrorKey("the connection to the district office is too slow (timed out)"),
            "status.error.slow");
  EXPECT_EQ(SyncErrorKey("the connection to the district office broke off"), "status.error.slow");
  EXPECT_EQ(SyncErrorKey("refused: device revoked"), "status.error.refused");
  EXPECT_EQ(SyncErrorKey("refused: the district office does not accept this kiosk (unknown)"),
            "status.error.refused");
  EXPECT_EQ(SyncErrorKey("refused: the district office did not accept the sync (epoch)"),
            "status.error.server");
  EXPECT_EQ(SyncErrorKey("the district office's server could not be verified (certificate or "
                         "key pin)"),
            "status.error.certificate");
  EXPECT_EQ(SyncErrorKey("this kiosk is not provisioned yet (run raida-sync provision)"),
            "status.error.not_provisioned");
  EXPECT_EQ(SyncErrorKey("no device secret at /var/lib/raida/kiosk.db.secret"),
            "status.error.not_provisioned");
  EXPECT_EQ(SyncErrorKey("another sync is running on this database"), "status.error.busy");
  EXPECT_EQ(SyncErrorKey("the kiosk's database cannot be read: disk I/O error"),
            "status.error.database");
  EXPECT_EQ(SyncErrorKey("something nobody expected"), "status.error.other");
}

TEST(SyncErrorKeyTest, OnlyAnUnknownOrRevokedDeviceIsARefusal) {
  EXPECT_TRUE(IsRefusal("refused: device revoked"));
  EXPECT_TRUE(IsRefusal("refused: the district office does not accept this kiosk (x)"));
  EXPECT_FALSE(IsRefusal("refused: the district office did not accept the sync (x)"));
  EXPECT_FALSE(IsRefusal("no connection to the district office"));
  EXPECT_FALSE(IsRefusal(""));
}

SyncView SucceededOn(const std::string& day) {
  SyncView sync;
  sync.last_success_ms = 1;
  sync.last_success_day = day;
  sync.last_success_time = "14:05";
  return sync;
}

TEST(DescribeLastSyncTest, ReadsAsTodayYesterdayDaysAgoOrNever) {
  EXPECT_STREQ(DescribeLastSync(SyncView{}, "2026-11-22").key, "status.when.never");
  LastSyncWords today = DescribeLastSync(SucceededOn("2026-11-22"), "2026-11-22");
  EXPECT_STREQ(today.key, "status.when.today");
  EXPECT_EQ(today.time, "14:05");
  EXPECT_STREQ(DescribeLastSync(SucceededOn("2026-11-21"), "2026-11-22").key,
               "status.when.yesterday");
  LastSyncWords ago = DescribeLastSync(SucceededOn("2026-11-19"), "2026-11-22");
  EXPECT_STREQ(ago.key, "status.when.days_ago");
  EXPECT_EQ(ago.days, "3");
  // Across a month and a year end, and a leap day.
  EXPECT_EQ(DescribeLastSync(SucceededOn("2026-12-30"), "2027-01-02").days, "3");
  EXPECT_EQ(DescribeLastSync(SucceededOn("2028-02-28"), "2028-03-01").days, "2");
}

TEST(DescribeLastSyncTest, ADayAfterTodayIsShownAsADate) {
  LastSyncWords future = DescribeLastSync(SucceededOn("2031-01-01"), "2026-11-22");
  EXPECT_STREQ(future.key, "status.when.date");
  EXPECT_EQ(future.date, "2031-01-01");
}

TEST(DaysBetweenTest, RejectsWhatIsNotADate) {
  long days = 0;
  EXPECT_FALSE(DaysBetween("", "2026-11-22", days));
  EXPECT_FALSE(DaysBetween("2026-13-01", "2026-11-22", days));
  EXPECT_FALSE(DaysBetween("2026-11-22x", "2026-11-22", days));
  EXPECT_TRUE(DaysBetween("2026-11-22", "2026-11-22", days));
  EXPECT_EQ(days, 0);
}

}  // namespace
}  // namespace raida::kiosk

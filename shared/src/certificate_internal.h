// Reading certificate rows, shared by certificate_repository.cpp and certificate_lookup.cpp
// (internal to raida::core).
#pragma once

#include <optional>
#include <string>

#include "raida/core/certificate_repository.h"
#include "raida/core/result.h"
#include "raida/core/store.h"

namespace raida::core::detail {

struct StoredCertificate {
  Certificate certificate;
  bool deleted = false;  // withdrawn (a tombstone from the district office)
};

// The row `id` of certificate, live or not; nullopt when there is none.
Result<std::optional<StoredCertificate>> ReadCertificate(Store& store, const std::string& id);

// The center of offering `offering_id`; "" for an empty id or an unknown offering.
Result<std::string> OfferingCenter(Store& store, const std::string& offering_id);

// The columns ReadCertificateRow reads, in order, for SELECTs from certificate.
inline constexpr const char* kCertificateColumns =
    "id, person_id, course_id, center_id, offering_id, issued_on, started_on, finished_on, hours,"
    " language, code, issued_hlc, deleted";
// One row selected with kCertificateColumns (from column `first` on).
StoredCertificate ReadCertificateRow(Statement& s, int first = 0);

}  // namespace raida::core::detail

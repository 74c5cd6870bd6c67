// Error code names and the invariant-failure path behind RAIDA_CHECK.
#include "raida/core/result.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>

namespace raida::core {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kCorrupt:
      return "corrupt";
    case ErrorCode::kFull:
      return "full";
    case ErrorCode::kBusy:
      return "busy";
    case ErrorCode::kTooNew:
      return "too_new";
    case ErrorCode::kNetwork:
      return "network";
    case ErrorCode::kUnauthorized:
      return "unauthorized";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "unknown";
}

void CheckFailed(const char* file, int line, const char* condition) {
  // stderr first: the logger itself might be what is broken.
  std::fprintf(stderr, "raida: check failed at %s:%d: %s\n", file, line, condition);
  std::fflush(stderr);
  spdlog::critical("check failed at {}:{}: {}", file, line, condition);
  spdlog::shutdown();
  std::abort();
}

}  // namespace raida::core

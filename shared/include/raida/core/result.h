// Result<T> and Error: how every Raida library boundary reports failure.
//
// A function that can fail returns Result<T>: either a value or an Error with a code the caller
// can act on and a message for the log. Exceptions from third-party libraries (nlohmann-json,
// std::filesystem) are caught at the adapter edge and turned into an Error; they never cross a
// library boundary, a thread, an effect or the kiosk's frame loop. std::expected is not
// available on this compiler (g++ 12), so this is a small stand-in with the same shape.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <variant>

namespace raida::core {

enum class ErrorCode {
  kInvalidArgument,  // the caller passed something malformed (bad input, not a bug)
  kNotFound,         // a file, row or key that should exist does not
  kConflict,         // a uniqueness or state-machine rule refused the change
  kIo,               // the operating system refused a read or write
  kCorrupt,          // a file exists but is not what it should be (database, JSON, font)
  kFull,             // the disk or database is full
  kBusy,             // another process holds the lock; retry later
  kTooNew,           // the data was written by a newer version of Raida
  kNetwork,          // the other side could not be reached or went away mid-request
  kUnauthorized,     // a signature, device or account was refused
  kInternal,         // a bug: an invariant did not hold
};

// Short stable name of a code, for logs and JSON ("invalid_argument", "too_new", ...).
const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // for the log and the operator; never shown raw to a resident
};

inline Error MakeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

// Aborts with a message when an invariant does not hold. The service manager restarts us;
// continuing with broken state could write bad data to a person's record.
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition);
#define RAIDA_CHECK(condition)                                            \
  do {                                                                    \
    if (!(condition)) {                                                   \
      ::raida::core::CheckFailed(__FILE__, __LINE__, #condition);         \
    }                                                                     \
  } while (false)

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design, like expected
  Result(Error error) : data_(std::move(error)) {}  // NOLINT

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Contract: value() only when ok(), error() only when !ok(); checked.
  T& value() & {
    RAIDA_CHECK(ok());
    return std::get<0>(data_);
  }
  const T& value() const& {
    RAIDA_CHECK(ok());
    return std::get<0>(data_);
  }
  T&& value() && {
    RAIDA_CHECK(ok());
    return std::get<0>(std::move(data_));
  }
  const Error& error() const {
    RAIDA_CHECK(!ok());
    return std::get<1>(data_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> data_;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    RAIDA_CHECK(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

inline Status Ok() { return Status(); }

}  // namespace raida::core

// Propagates an error from an expression returning Result<...>; evaluates to nothing.
#define RAIDA_TRY(expr)                      \
  do {                                       \
    auto raida_try_result_ = (expr);         \
    if (!raida_try_result_.ok()) {           \
      return raida_try_result_.error();      \
    }                                        \
  } while (false)

// Assigns the value of a Result<T> expression to `lhs`, or returns its error.
#define RAIDA_ASSIGN_OR_RETURN(lhs, expr)              \
  auto RAIDA_CONCAT_(raida_res_, __LINE__) = (expr);   \
  if (!RAIDA_CONCAT_(raida_res_, __LINE__).ok()) {     \
    return RAIDA_CONCAT_(raida_res_, __LINE__).error(); \
  }                                                    \
  lhs = std::move(RAIDA_CONCAT_(raida_res_, __LINE__)).value()
#define RAIDA_CONCAT_INNER_(a, b) a##b
#define RAIDA_CONCAT_(a, b) RAIDA_CONCAT_INNER_(a, b)

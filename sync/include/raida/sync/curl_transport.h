// CurlTransport: the real Transport, one libcurl easy handle reused for a whole session so the
// connection (and a TLS session) is kept alive between requests.
//
// Tuned for village links (../shared/reference/sync-protocol.md §2.5): a connect timeout, a
// low-speed limit instead of a tight total timeout (a slow transfer that keeps moving is never
// killed), a generous total cap, TCP keep-alive, no signals, no redirects, http and https only.
// Anything but loopback (127.0.0.1, localhost, ::1) must use https; with a pin ("sha256//<base64
// of the server key's SHA-256>") libcurl refuses a server whose public key does not match, and
// the pin alone decides: the certificate's dates and chain are not checked, so a kiosk whose
// clock is years wrong still reaches its server. Without a pin the usual CA checks apply.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "raida/core/result.h"
#include "raida/sync/transport.h"

namespace raida::sync {

struct CurlOptions {
  std::string base_url;    // "https://raida.rokiskis.lt" or "http://127.0.0.1:8080"
  std::string pinned_key;  // "sha256//..." or "" for no pin
  int64_t connect_timeout_ms = 30'000;
  int64_t low_speed_bytes_per_s = 64;  // slower than this ...
  int64_t low_speed_time_s = 60;       // ... for this long aborts the transfer
  int64_t total_timeout_ms = 15 * 60 * 1000;
  size_t max_reply_bytes = 8 * 1024 * 1024;
};

// Whether `url`'s host is loopback (127.0.0.0/8, localhost, ::1). False for a malformed URL.
bool IsLoopbackUrl(const std::string& url);

class CurlTransport final : public Transport {
 public:
  // Checks the URL (http/https; https unless loopback) and creates the handle.
  // kInvalidArgument for a URL the client refuses, kInternal when libcurl fails to start.
  static core::Result<std::unique_ptr<CurlTransport>> Create(const CurlOptions& options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  TransportResult Post(const HttpRequest& request) override;

 private:
  struct Impl;
  explicit CurlTransport(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace raida::sync

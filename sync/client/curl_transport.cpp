// CurlTransport: one reusable libcurl easy handle, configured for slow and flaky links.
//
// The handle keeps its connection between Post() calls (keep-alive); headers and body of each
// reply are collected by callbacks with a size cap. Failures are sorted into the kinds the sync
// engine acts on (no connection, timeout, reset, TLS); the libcurl error text goes only into
// the message for the log.
#include "raida/sync/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

namespace raida::sync {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr int64_t kInitialPostBytes = 64 * 1024;

struct ReplySink {
  HttpReply reply;
  size_t max_bytes = 0;
  bool too_big = false;
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<ReplySink*>(user);
  const size_t bytes = size * count;
  if (sink->reply.body.size() + bytes > sink->max_bytes) {
    sink->too_big = true;
    return 0;
  }
  sink->reply.body.append(data, bytes);
  return bytes;
}

std::string Trim(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.pop_back();
  }
  size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) {
    ++start;
  }
  return text.substr(start);
}

size_t WriteHeader(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<ReplySink*>(user);
  const size_t bytes = size * count;
  const std::string line(data, bytes);
  if (line.rfind("HTTP/", 0) == 0) {
    sink->reply.headers.clear();  // a new response (after 100 Continue) starts over
    return bytes;
  }
  const size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    sink->reply.headers[name] = Trim(line.substr(colon + 1));
  }
  return bytes;
}

NetworkFailureKind ClassifyCurlError(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return NetworkFailureKind::kTimeout;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_WRITE_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return NetworkFailureKind::kReset;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
      return NetworkFailureKind::kTls;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return NetworkFailureKind::kRefusedLocally;
    default:
      return NetworkFailureKind::kNoConnection;
  }
}

}  // namespace

struct CurlTransport::Impl {
  CurlOptions options;
  std::string base;  // without a trailing '/'
  CURL* curl = nullptr;
  char error_buffer[CURL_ERROR_SIZE] = {};

  ~Impl() {
    if (curl != nullptr) {
      curl_easy_cleanup(curl);
    }
  }

  // The options that stay the same for every request of the session.
  bool ConfigureOnce() {
    const auto& o = options;
    bool ok = curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                                static_cast<long>(o.connect_timeout_ms)) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT,
                                static_cast<long>(o.low_speed_bytes_per_s)) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
                                static_cast<long>(o.low_speed_time_s)) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(o.total_timeout_ms)) ==
                   CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_USERAGENT, "raida-sync-client") == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &WriteBody) == CURLE_OK;
    ok = ok && curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &WriteHeader) == CURLE_OK;
    if (!o.pinned_key.empty()) {
      // The pin is the trust anchor: the server's key must match it exactly. The certificate's
      // dates and chain are not checked as well, because a kiosk whose clock is years wrong (a
      // dead RTC battery) would otherwise refuse its own server forever and never learn the
      // right time from it (sync-protocol.md: time-insensitive validation when the pin matches).
      ok = ok && curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, o.pinned_key.c_str()) == CURLE_OK;
      ok = ok && curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L) == CURLE_OK;
      ok = ok && curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L) == CURLE_OK;
    }
    return ok;
  }
};

bool IsLoopbackUrl(const std::string& url) {
  CURLU* parsed = curl_url();
  if (parsed == nullptr) {
    return false;
  }
  bool loopback = false;
  char* host = nullptr;
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
    const std::string h = host;
    loopback = h == "localhost" || h == "[::1]" || h == "::1" || h.rfind("127.", 0) == 0;
    curl_free(host);
  }
  curl_url_cleanup(parsed);
  return loopback;
}

core::Result<std::unique_ptr<CurlTransport>> CurlTransport::Create(const CurlOptions& options) {
  const std::string& url = options.base_url;
  const bool https = url.rfind("https://", 0) == 0;
  const bool http = url.rfind("http://", 0) == 0;
  if (!https && !http) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "server address \"" + url + "\" must start with https:// or http://");
  }
  if (http && !IsLoopbackUrl(url)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "server address \"" + url +
                         "\" must use https:// (plain http is allowed only on this machine)");
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->base = url;
  while (!impl->base.empty() && impl->base.back() == '/') {
    impl->base.pop_back();
  }
  impl->curl = curl_easy_init();
  if (impl->curl == nullptr || !impl->ConfigureOnce()) {
    return MakeError(ErrorCode::kInternal, "libcurl could not prepare requests to " + url);
  }
  return std::unique_ptr<CurlTransport>(new CurlTransport(std::move(impl)));
}

CurlTransport::CurlTransport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CurlTransport::~CurlTransport() = default;

TransportResult CurlTransport::Post(const HttpRequest& request) {
  CURL* curl = impl_->curl;
  ReplySink sink;
  sink.max_bytes = impl_->options.max_reply_bytes;
  const std::string url = impl_->base + request.path;
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  impl_->error_buffer[0] = '\0';
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &sink);
  const CURLcode code = curl_easy_perform(curl);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  if (sink.too_big) {
    return NetworkFailure{NetworkFailureKind::kReset,
                          "the reply from " + url + " was larger than the client accepts"};
  }
  if (code != CURLE_OK) {
    std::string message = url + ": " + curl_easy_strerror(code);
    if (impl_->error_buffer[0] != '\0') {
      message += " (" + std::string(impl_->error_buffer) + ")";
    }
    return NetworkFailure{ClassifyCurlError(code), message};
  }
  long status = 0;
  long header_bytes = 0;
  long request_bytes = 0;
  curl_off_t body_down = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(curl, CURLINFO_HEADER_SIZE, &header_bytes);
  curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_bytes);
  curl_easy_getinfo(curl, CURLINFO_SIZE_DOWNLOAD_T, &body_down);
  sink.reply.status = static_cast<int>(status);
  // libcurl counts a POSTFIELDS body in CURLINFO_REQUEST_SIZE when it goes out with the headers
  // (bodies under its MAX_INITIAL_POST_SIZE, 64 KiB); a larger one is sent afterwards.
  const auto body_bytes = static_cast<int64_t>(request.body.size());
  sink.reply.wire_bytes_up = request_bytes + (body_bytes >= kInitialPostBytes ? body_bytes : 0);
  sink.reply.wire_bytes_down = header_bytes + static_cast<int64_t>(body_down);
  return std::move(sink.reply);
}

}  // namespace raida::sync

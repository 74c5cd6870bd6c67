// CheckHealth: one bounded GET /api/v1/health with libcurl, parsed into ServerHealth.
//
// The request is limited in every way a village link can hurt: a connect timeout and a total
// timeout, no signals (so it is safe on any thread), no redirects, only http and https, and a cap
// on the size of the answer. libcurl and nlohmann-json errors become core::Error values here.
#include "raida/sync/health_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <nlohmann/json.hpp>
#include <utility>

namespace raida::sync {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr size_t kMaxHealthBodyBytes = 64 * 1024;

struct BodySink {
  std::string body;
  bool too_big = false;
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<BodySink*>(user);
  const size_t bytes = size * count;
  if (sink->body.size() + bytes > kMaxHealthBodyBytes) {
    sink->too_big = true;
    return 0;  // makes libcurl abort the transfer with CURLE_WRITE_ERROR
  }
  sink->body.append(data, bytes);
  return bytes;
}

bool StartsWithNoCase(const std::string& text, const std::string& prefix) {
  if (text.size() < prefix.size()) {
    return false;
  }
  return std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;

// Sets the options every health request uses; false when libcurl refuses one.
bool Configure(CURL* curl, const std::string& url, int timeout_ms, BodySink& sink,
               char* error_buffer) {
  const long timeout = std::max(1, timeout_ms);
  bool ok = curl_easy_setopt(curl, CURLOPT_URL, url.c_str()) == CURLE_OK;
  ok = ok && curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK;
  ok = ok && curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK;
  ok = ok && curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L) == CURLE_OK;
  ok = ok && curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeout) == CURLE_OK;
  ok = ok && curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout) == CURLE_OK;
  ok = ok && curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &WriteBody) == CURLE_OK;
  ok = ok && curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink) == CURLE_OK;
  ok = ok && curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer) == CURLE_OK;
  ok = ok && curl_easy_setopt(curl, CURLOPT_USERAGENT, "raida-sync-client") == CURLE_OK;
  return ok;
}

// Plain words for the ways a request fails before an answer arrives.
std::string DescribeCurlError(CURLcode code, const char* error_buffer, const std::string& url) {
  std::string what;
  switch (code) {
    case CURLE_COULDNT_CONNECT:
      what = "the server did not accept the connection";
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
      what = "the server's name could not be found";
      break;
    case CURLE_OPERATION_TIMEDOUT:
      what = "the server did not answer in time";
      break;
    default:
      what = curl_easy_strerror(code);
      break;
  }
  if (error_buffer[0] != '\0') {
    what += " (" + std::string(error_buffer) + ")";
  }
  return "cannot reach " + url + ": " + what;
}

core::Result<ServerHealth> ParseHealth(const std::string& body, const std::string& url) {
  try {
    const auto doc = nlohmann::json::parse(body);
    if (!doc.is_object() || doc.value("status", "") != "ok") {
      return MakeError(ErrorCode::kCorrupt, url + " did not answer with status \"ok\"");
    }
    ServerHealth health;
    health.server_version = doc.at("server_version").get<std::string>();
    health.schema_version = doc.at("schema_version").get<int>();
    health.server_time_ms = doc.at("server_time_ms").get<int64_t>();
    const auto& district = doc.at("district_id");
    health.district_id = district.is_null() ? "" : district.get<std::string>();
    return health;
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kCorrupt,
                     url + " answered with something other than Raida's health JSON: " + e.what());
  }
}

}  // namespace

core::Result<ServerHealth> CheckHealth(const std::string& base_url, int timeout_ms) {
  if (!StartsWithNoCase(base_url, "http://") && !StartsWithNoCase(base_url, "https://")) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "server address \"" + base_url + "\" must start with http:// or https://");
  }
  std::string url = base_url;
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  url += "/api/v1/health";

  CurlHandle curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    return MakeError(ErrorCode::kInternal, "libcurl could not create a request");
  }
  BodySink sink;
  char error_buffer[CURL_ERROR_SIZE] = {};
  if (!Configure(curl.get(), url, timeout_ms, sink, error_buffer)) {
    return MakeError(ErrorCode::kInternal, "libcurl refused the request options for " + url);
  }
  const CURLcode code = curl_easy_perform(curl.get());
  if (sink.too_big) {
    return MakeError(ErrorCode::kCorrupt, url + " answered with more than 64 KiB");
  }
  if (code != CURLE_OK) {
    const ErrorCode kind = code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL
                               ? ErrorCode::kInvalidArgument
                               : ErrorCode::kNetwork;
    return MakeError(kind, DescribeCurlError(code, error_buffer, url));
  }
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status >= 500) {
    return MakeError(ErrorCode::kNetwork,
                     url + " answered HTTP " + std::to_string(status) + "; try again later");
  }
  if (status != 200) {
    return MakeError(ErrorCode::kCorrupt, url + " answered HTTP " + std::to_string(status) +
                                              ": is this a Raida district server?");
  }
  return ParseHealth(sink.body, url);
}

}  // namespace raida::sync

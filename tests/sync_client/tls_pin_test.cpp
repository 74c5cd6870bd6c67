// The real CurlTransport against a TLS server on 127.0.0.1 (httplib::SSLServer, ephemeral port)
// whose self-signed certificate is made by the test: the pinned key is what decides. A kiosk with
// a dead RTC battery sees its server's certificate as not yet valid or long expired; with the
// right pin it still syncs (and can then correct its clock from the server's time), with a wrong
// pin or no pin it is refused as a TLS failure.
#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "raida/sync/curl_transport.h"

namespace raida::sync::testing {
namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;

constexpr long kDay = 24L * 3600L;

KeyPtr MakeKey() { return KeyPtr(EVP_EC_gen("P-256"), &EVP_PKEY_free); }

// A self-signed certificate for `key`, valid from now + `from_s` to now + `to_s` (seconds).
CertPtr MakeCertificate(EVP_PKEY* key, long from_s, long to_s) {
  CertPtr cert(X509_new(), &X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), from_s);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), to_s);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("raida.example"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_sign(cert.get(), key, EVP_sha256());
  return cert;
}

// libcurl's pin for `key`: "sha256//" + base64 of the SHA-256 of its DER SubjectPublicKeyInfo.
std::string PinOf(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  const int length = i2d_PUBKEY(key, &der);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(der, static_cast<size_t>(length), digest);
  OPENSSL_free(der);
  unsigned char base64[64] = {};
  EVP_EncodeBlock(base64, digest, SHA256_DIGEST_LENGTH);
  return "sha256//" + std::string(reinterpret_cast<char*>(base64));
}

// A TLS server answering every POST /api/v1/sync with "ok", for the life of the object.
class TlsServer {
 public:
  TlsServer(X509* cert, EVP_PKEY* key) : server_(cert, key) {
    server_.Post("/api/v1/sync", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("ok", "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 2000 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~TlsServer() {
    server_.stop();
    thread_.join();
  }
  TlsServer(const TlsServer&) = delete;
  TlsServer& operator=(const TlsServer&) = delete;
  bool valid() const { return server_.is_valid() && port_ > 0; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::SSLServer server_;
  int port_ = -1;
  std::thread thread_;
};

TransportResult PostOnce(const std::string& url, const std::string& pin) {
  CurlOptions options;
  options.base_url = url;
  options.pinned_key = pin;
  options.connect_timeout_ms = 5'000;
  options.total_timeout_ms = 15'000;
  auto transport = CurlTransport::Create(options);
  EXPECT_TRUE(transport.ok()) << transport.error().message;
  if (!transport.ok()) {
    return NetworkFailure{};
  }
  return (*transport)->Post(HttpRequest{"/api/v1/sync", {}, "{}"});
}

struct Validity {
  const char* name;
  long from_s;
  long to_s;
};

class TlsPinTest : public ::testing::TestWithParam<Validity> {};

TEST_P(TlsPinTest, TheMatchingPinIsEnoughWhateverTheDates) {
  KeyPtr key = MakeKey();
  ASSERT_NE(key, nullptr);
  CertPtr cert = MakeCertificate(key.get(), GetParam().from_s, GetParam().to_s);
  TlsServer server(cert.get(), key.get());
  ASSERT_TRUE(server.valid());

  const TransportResult pinned = PostOnce(server.url(), PinOf(key.get()));
  ASSERT_TRUE(std::holds_alternative<HttpReply>(pinned))
      << std::get<NetworkFailure>(pinned).message;
  EXPECT_EQ(std::get<HttpReply>(pinned).status, 200);
  EXPECT_EQ(std::get<HttpReply>(pinned).body, "ok");
}

TEST_P(TlsPinTest, AnotherKeysPinIsRefused) {
  KeyPtr key = MakeKey();
  KeyPtr other = MakeKey();
  CertPtr cert = MakeCertificate(key.get(), GetParam().from_s, GetParam().to_s);
  TlsServer server(cert.get(), key.get());
  ASSERT_TRUE(server.valid());

  const TransportResult refused = PostOnce(server.url(), PinOf(other.get()));
  ASSERT_TRUE(std::holds_alternative<NetworkFailure>(refused));
  EXPECT_EQ(std::get<NetworkFailure>(refused).kind, NetworkFailureKind::kTls);
}

TEST_P(TlsPinTest, WithoutAPinAnUntrustedCertificateIsRefused) {
  KeyPtr key = MakeKey();
  CertPtr cert = MakeCertificate(key.get(), GetParam().from_s, GetParam().to_s);
  TlsServer server(cert.get(), key.get());
  ASSERT_TRUE(server.valid());

  const TransportResult refused = PostOnce(server.url(), "");
  ASSERT_TRUE(std::holds_alternative<NetworkFailure>(refused));
  EXPECT_EQ(std::get<NetworkFailure>(refused).kind, NetworkFailureKind::kTls);
}

INSTANTIATE_TEST_SUITE_P(Dates, TlsPinTest,
                         ::testing::Values(Validity{"CurrentlyValid", -kDay, 365 * kDay},
                                           Validity{"NotYetValid", 3650 * kDay, 7300 * kDay},
                                           Validity{"LongExpired", -7300 * kDay, -3650 * kDay}),
                         [](const ::testing::TestParamInfo<Validity>& param_info) {
                           return std::string(param_info.param.name);
                         });

}  // namespace
}  // namespace raida::sync::testing

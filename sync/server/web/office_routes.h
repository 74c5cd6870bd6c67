// The district office's web pages: what raida-server serves under /office, for an ordinary
// browser on the office network.
//
//   GET  /office                    the signed-in person's first page, else the sign-in page
//   GET  /office/sign-in            sign-in form;  POST: sign in (lockout: office_accounts.h)
//   POST /office/sign-out           ends the session
//   GET  /office/lang?to=pl&back=…  chooses the page language (remembered in a cookie)
//   GET  /office/static/office.css  the stylesheet
//   GET  /office/kiosks             every center's kiosks and their sync health (admin;
//                                   coordinator: own center)
//   GET  /office/kiosks/revoke?device=N, POST /office/kiosks/revoke   confirm, then revoke (admin)
//   GET  /office/kiosks/code?center=ID,  POST /office/kiosks/code     confirm, then show a
//                                   one-time provisioning code (admin)
//   GET  /office/certificates, POST /office/certificates   verify a certificate code (admin;
//                                   coordinator: certificates of own center)
//   GET  /office/programme?from=&to=&center=   sign-ups, attendance, lessons and certificates
//                                   per center and course, with an SVG chart (every role;
//                                   coordinator: own center)
//   GET  /office/report?from=&to=&center=, /office/report.csv, /office/report.xlsx   the
//                                   participants report, counts only (every role; coordinator:
//                                   own center)
//   GET  /office/people?q=, /office/people/person?id=   search, a person across centers, likely
//                                   duplicates, erasures and the review queue (admin;
//                                   coordinator: own center)
//   GET/POST /office/people/merge, /office/people/erase   confirm, then merge or erase (admin)
//   POST /office/people/review/retry   run a set-aside change through the merge rules again (admin)
//   GET/POST /office/people/review/discard   confirm, then discard a set-aside change (admin)
//   GET  /office/catalog, POST /office/catalog/publish   courses, offerings, pack versions;
//                                   publish a pack folder (admin)
//
// Every answer carries the security headers (a CSP without inline script or style,
// frame-ancestors 'none' and X-Frame-Options DENY, nosniff, Referrer-Policy no-referrer,
// Cache-Control no-store). A request without a session is sent to the sign-in page; a page the
// role may not see is 403; a POST whose CSRF token does not match the session's is 403 and
// changes nothing. Sign-ins, sign-outs, lockouts, actions and every page access to personal
// data go to the office audit (ids only).
#pragma once

#include <httplib.h>
#include <spdlog/logger.h>

#include <memory>
#include <mutex>
#include <string>

#include "raida/core/clock.h"
#include "raida/core/store.h"
#include "sync_engine.h"
#include "web/office_accounts.h"

namespace raida::server::web {

// What the office pages need from the server. Everything pointed to must outlive the
// httplib::Server the routes are installed on.
struct OfficeDeps {
  core::Store* store = nullptr;
  std::mutex* store_mutex = nullptr;  // guards store and engine, as for the sync routes
  SyncEngine* engine = nullptr;
  const core::Clock* clock = nullptr;
  std::shared_ptr<spdlog::logger> logger;
  // The address the server listens on: cookies are marked Secure unless it is loopback (a TLS
  // proxy in front of a loopback server forwards "X-Forwarded-Proto: https", which also does).
  std::string listen_address = "127.0.0.1";
  std::string i18n_dir = RAIDA_ASSETS_DIR "/i18n/office";  // lt.json, pl.json, en.json
  OfficePolicy policy;
};

// Registers the routes above on `http`. Call before the server's catch-all error handling is
// relied on; the routes keep what they need alive themselves.
void InstallOfficeRoutes(httplib::Server& http, OfficeDeps deps);
// The same with the default translations directory and policy (what ServerApp uses).
void InstallOfficeRoutes(httplib::Server& http, core::Store& store, std::mutex& store_mutex,
                         SyncEngine& engine, const core::Clock& clock,
                         std::shared_ptr<spdlog::logger> logger, const std::string& listen_address);

}  // namespace raida::server::web

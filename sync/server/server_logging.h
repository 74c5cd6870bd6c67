// The district server's log: spdlog to stderr, and with a log directory also to rotating files.
//
// Log lines never carry personal data (see ServerApp's request log). The logger is not put in
// spdlog's global registry, so tests can make as many as they like.
#pragma once

#include <spdlog/logger.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "raida/core/result.h"

namespace raida::server {

constexpr size_t kLogFileMaxBytes = 5 * 1024 * 1024;  // per file
constexpr size_t kLogFilesKept = 5;                   // raida-server.log, .1.log, ... .4.log

// A logger named "raida-server" writing to stderr and, when `log_dir` is set, to
// <log_dir>/raida-server.log (created with its directory; rotated at kLogFileMaxBytes).
// kIo when the directory or file cannot be created.
core::Result<std::shared_ptr<spdlog::logger>> MakeServerLogger(
    const std::optional<std::string>& log_dir);

}  // namespace raida::server

// MakeServerLogger: stderr plus optional rotating files. Every line is flushed as it is written:
// the server logs one line per request, and a crash must not swallow the lines that explain it.
// spdlog and filesystem exceptions stop here.
#include "server_logging.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <utility>
#include <vector>

namespace raida::server {

core::Result<std::shared_ptr<spdlog::logger>> MakeServerLogger(
    const std::optional<std::string>& log_dir) {
  std::vector<spdlog::sink_ptr> sinks;
  sinks.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
  if (log_dir) {
    try {
      std::filesystem::create_directories(*log_dir);
      const std::string file = (std::filesystem::path(*log_dir) / "raida-server.log").string();
      sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file, kLogFileMaxBytes,
                                                                             kLogFilesKept - 1));
    } catch (const std::exception& e) {
      return core::MakeError(core::ErrorCode::kIo,
                             "cannot write logs to " + *log_dir + ": " + e.what());
    }
  }
  auto logger = std::make_shared<spdlog::logger>("raida-server", sinks.begin(), sinks.end());
  logger->set_level(spdlog::level::info);
  logger->flush_on(spdlog::level::info);
  return logger;
}

}  // namespace raida::server

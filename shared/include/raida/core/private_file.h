// Files with people's data that the kiosk hands out (attendance lists, action plan summaries):
// written whole or not at all, and readable only by the kiosk's own user.
#pragma once

#include <string>

#include "raida/core/result.h"

namespace raida::core {

// Creates `dir` (and its parents) when missing, the last one with mode 0700. A folder that is
// already there keeps its mode: a district may have set up a shared collection folder on purpose.
Status MakePrivateFolder(const std::string& dir);

// Writes `bytes` to `path` through "<path>.tmp" (mode 0600, flushed to disk, renamed over `path`,
// then the folder flushed), so a power cut leaves the old file or the new one, never half of one.
// The folder is made with MakePrivateFolder. kIo with the reason when anything fails (the
// temporary is removed).
Status WritePrivateFile(const std::string& path, const std::string& bytes);

}  // namespace raida::core

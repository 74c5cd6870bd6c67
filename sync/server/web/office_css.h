// The office pages' stylesheet (office.css), compiled into the server so it needs no files
// beside the binary; the build generates the definition from office.css.
#pragma once

#include <string>

namespace raida::server::web {

// The text of office.css.
const std::string& OfficeCss();

}  // namespace raida::server::web

// Effects: work Reduce() asks for that touches storage or the network. They run on a worker
// thread (EffectRunner) and come back as result actions.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace raida::kiosk {

struct LoadCatalog { std::string language; };
struct LoadCourse { std::string course_id; std::string language; };
struct SignInWithCard { std::string card_code; };
struct SaveSignUp {
  std::string person_id;
  std::string offering_id;
  std::vector<std::string> needs;
};
struct CheckServer {};

using Effect = std::variant<LoadCatalog, LoadCourse, SignInWithCard, SaveSignUp, CheckServer>;

}  // namespace raida::kiosk

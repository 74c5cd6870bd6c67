// Pieces of the lesson-pack reader shared by lesson_pack.cpp (documents) and
// lesson_pack_load.cpp (pack folders and loading them into a Store). Internal to raida::core.
#pragma once

#include <string>

#include "json_fields.h"
#include "raida/core/lesson_pack.h"

namespace raida::core::detail {

// One lesson object; error paths start at `path` ("" for a lesson file, "lessons[2]" inside a
// document).
Result<Lesson> ParseLesson(const json_fields::Json& json, const std::string& path);
// The manifest's fields other than "lessons" and "folder" (kTooNew for another "format").
Result<PackDocument> ParsePackHeader(const json_fields::Json& json);
// kCorrupt when two lessons share an id.
Status CheckLessonIds(const PackDocument& pack);
// kCorrupt "not JSON: <parser message with line and column>".
Result<json_fields::Json> ParseJsonText(const std::string& text);

}  // namespace raida::core::detail

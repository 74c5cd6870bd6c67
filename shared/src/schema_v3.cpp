// Schema version 3: what the resident's kiosk needs beyond the catalog and sign-ups — finding a
// course by a word, and an optional PIN beside the card code.
//
// course_search is an FTS5 index over every course's title and summary in all languages, with
// the unicode61 tokenizer folding case and removing diacritics (remove_diacritics 2), so
// "kompiuteri" typed without "ė" or "š" still finds "Kompiuteris ir planšetė". Polish "ł" has no
// decomposition in Unicode and survives remove_diacritics, so the indexed text (and the query,
// see CatalogRepository::SearchCourses) maps ł/Ł to l/L first. The index is kept in step with
// the course table by triggers (course rows only change while applying published data, and the
// triggers fire then too); its rowid is the course's rowid.
//
// person_pin holds a resident's PIN as an Argon2id string and the count of wrong guesses. It is
// a table of its own, local to this kiosk and never synced, rather than a column of person:
// every column of a synced table travels in the outbox and in pulls (schema.h), and a PIN hash
// peppered with this device's key is of no use anywhere else (DESIGN: PINs are hashed with a
// device pepper). An erasure that reaches the person row removes the PIN with it.
#include "raida/core/schema.h"

namespace raida::core {

std::string SchemaV3Sql() {
  return R"sql(
CREATE VIRTUAL TABLE course_search USING fts5(
  course_id UNINDEXED,
  title,
  summary,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER course_search_insert AFTER INSERT ON course
BEGIN
  INSERT INTO course_search(rowid, course_id, title, summary) VALUES (NEW.rowid, NEW.id,
    replace(replace((SELECT group_concat(value, ' ') FROM json_each(NEW.title)), 'ł', 'l'),
      'Ł', 'L'),
    replace(replace((SELECT group_concat(value, ' ') FROM json_each(NEW.summary)), 'ł', 'l'),
      'Ł', 'L'));
END;
CREATE TRIGGER course_search_update AFTER UPDATE OF title, summary ON course
BEGIN
  DELETE FROM course_search WHERE rowid = OLD.rowid;
  INSERT INTO course_search(rowid, course_id, title, summary) VALUES (NEW.rowid, NEW.id,
    replace(replace((SELECT group_concat(value, ' ') FROM json_each(NEW.title)), 'ł', 'l'),
      'Ł', 'L'),
    replace(replace((SELECT group_concat(value, ' ') FROM json_each(NEW.summary)), 'ł', 'l'),
      'Ł', 'L'));
END;
CREATE TRIGGER course_search_delete AFTER DELETE ON course
BEGIN
  DELETE FROM course_search WHERE rowid = OLD.rowid;
END;
INSERT INTO course_search(rowid, course_id, title, summary)
  SELECT rowid, id,
    replace(replace((SELECT group_concat(value, ' ') FROM json_each(course.title)), 'ł', 'l'),
      'Ł', 'L'),
    replace(replace((SELECT group_concat(value, ' ') FROM json_each(course.summary)), 'ł', 'l'),
      'Ł', 'L')
  FROM course;

CREATE TABLE person_pin(
  person_id TEXT PRIMARY KEY,
  pin_hash TEXT NOT NULL CHECK (pin_hash <> ''),
  failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked_until_ms INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;
CREATE TRIGGER person_erased_drops_pin AFTER UPDATE OF erased ON person WHEN NEW.erased = 1
BEGIN
  DELETE FROM person_pin WHERE person_id = NEW.id;
END;
)sql";
}

}  // namespace raida::core

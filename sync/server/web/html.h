// HtmlWriter: building HTML text where every piece of data is escaped by default.
//
// The office pages show names of centers, kiosks and people that anyone at a kiosk may have
// typed, so nothing from the database or the request may ever reach the page as markup. The
// writer makes that the easy path: Text() and every attribute value are escaped; tag and
// attribute *names* are string literals of our own code. There is deliberately no "raw" append:
// markup comes only from Open/Close/Void, so a page cannot contain an unescaped value.
//
//   HtmlWriter html;
//   {
//     auto row = html.Scoped("tr", {{"class", "late"}});
//     html.Element("td", center_name);          // "<td>Bajorų &lt;centras&gt;</td>"
//   }
//   std::string page = html.Take();
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace raida::server::web {

// One attribute: a name from our code and a value that is escaped when written. An attribute
// whose value is kBooleanAttr is written as a bare name (`required`, `selected`).
using HtmlAttr = std::pair<std::string_view, std::string_view>;
using HtmlAttrs = std::initializer_list<HtmlAttr>;
inline constexpr std::string_view kBooleanAttr = "\x01";

// `text` with & < > " ' replaced by character references, safe in element text and in quoted
// attribute values.
std::string EscapeHtml(std::string_view text);

class HtmlWriter {
 public:
  // An open element that closes itself when it goes out of scope.
  class ScopedElement {
   public:
    ScopedElement(HtmlWriter& writer, std::string_view tag) : writer_(&writer), tag_(tag) {}
    ScopedElement(ScopedElement&& other) noexcept
        : writer_(std::exchange(other.writer_, nullptr)), tag_(other.tag_) {}
    ScopedElement(const ScopedElement&) = delete;
    ScopedElement& operator=(const ScopedElement&) = delete;
    ScopedElement& operator=(ScopedElement&&) = delete;
    ~ScopedElement() {
      if (writer_ != nullptr) {
        writer_->Close(tag_);
      }
    }

   private:
    HtmlWriter* writer_;
    std::string_view tag_;
  };

  // "<!DOCTYPE html>" — the first thing of a page.
  void Doctype();
  // <tag attrs...>; `tag` must be a literal of our own code.
  void Open(std::string_view tag, HtmlAttrs attrs = {});
  // Same, with attributes built at run time (names still our own literals).
  void Open(std::string_view tag, const std::vector<HtmlAttr>& attrs);
  // </tag>
  void Close(std::string_view tag);
  // Open now, Close when the returned object is destroyed.
  [[nodiscard]] ScopedElement Scoped(std::string_view tag, HtmlAttrs attrs = {});
  // <tag attrs...> for elements without content (input, link, meta, br).
  void Void(std::string_view tag, HtmlAttrs attrs = {});
  // <tag attrs...>escaped text</tag>
  void Element(std::string_view tag, std::string_view text, HtmlAttrs attrs = {});
  // Escaped text.
  void Text(std::string_view text);

  const std::string& str() const { return out_; }
  // The HTML written so far; the writer is empty afterwards.
  std::string Take() { return std::exchange(out_, std::string()); }

 private:
  void OpenWith(std::string_view tag, const HtmlAttr* begin, const HtmlAttr* end);
  void WriteAttr(const HtmlAttr& attr);

  std::string out_;
};

}  // namespace raida::server::web

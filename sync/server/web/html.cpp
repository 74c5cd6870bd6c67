// HtmlWriter; see html.h. Escaping covers both contexts the writer produces (element text and
// double-quoted attribute values), so one function serves both.
#include "web/html.h"

namespace raida::server::web {

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

void HtmlWriter::Doctype() { out_ += "<!DOCTYPE html>\n"; }

void HtmlWriter::WriteAttr(const HtmlAttr& attr) {
  out_.push_back(' ');
  out_ += attr.first;
  if (attr.second == kBooleanAttr) {
    return;
  }
  out_ += "=\"";
  out_ += EscapeHtml(attr.second);
  out_.push_back('"');
}

void HtmlWriter::OpenWith(std::string_view tag, const HtmlAttr* begin, const HtmlAttr* end) {
  out_.push_back('<');
  out_ += tag;
  for (const HtmlAttr* attr = begin; attr != end; ++attr) {
    WriteAttr(*attr);
  }
  out_.push_back('>');
}

void HtmlWriter::Open(std::string_view tag, HtmlAttrs attrs) {
  OpenWith(tag, attrs.begin(), attrs.end());
}

void HtmlWriter::Open(std::string_view tag, const std::vector<HtmlAttr>& attrs) {
  OpenWith(tag, attrs.data(), attrs.data() + attrs.size());
}

void HtmlWriter::Close(std::string_view tag) {
  out_ += "</";
  out_ += tag;
  out_.push_back('>');
}

HtmlWriter::ScopedElement HtmlWriter::Scoped(std::string_view tag, HtmlAttrs attrs) {
  Open(tag, attrs);
  return ScopedElement(*this, tag);
}

void HtmlWriter::Void(std::string_view tag, HtmlAttrs attrs) { Open(tag, attrs); }

void HtmlWriter::Element(std::string_view tag, std::string_view text, HtmlAttrs attrs) {
  Open(tag, attrs);
  Text(text);
  Close(tag);
}

void HtmlWriter::Text(std::string_view text) { out_ += EscapeHtml(text); }

}  // namespace raida::server::web

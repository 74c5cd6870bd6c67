// HttpFraming and LinkQueue; see fault_link.h.
#include "fault_link.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace raida::testing::detail {
namespace {

constexpr size_t kMaxHeadBytes = 64 * 1024;

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// The Content-Length of a header block, or -1.
int64_t ContentLength(const std::string& head) {
  const std::string lower = Lower(head);
  const std::string name = "\r\ncontent-length:";
  const size_t at = lower.find(name);
  if (at == std::string::npos) {
    return -1;
  }
  size_t pos = at + name.size();
  while (pos < lower.size() && lower[pos] == ' ') {
    ++pos;
  }
  int64_t value = 0;
  bool digits = false;
  while (pos < lower.size() && std::isdigit(static_cast<unsigned char>(lower[pos])) != 0) {
    value = value * 10 + (lower[pos] - '0');
    digits = true;
    ++pos;
  }
  return digits ? value : -1;
}

}  // namespace

void HttpFraming::Feed(std::string_view bytes) {
  if (header_end_ >= 0 || head_.size() >= kMaxHeadBytes) {
    return;
  }
  const size_t search_from = head_.size() < 3 ? 0 : head_.size() - 3;
  head_.append(bytes.substr(0, kMaxHeadBytes - head_.size()));
  const size_t end = head_.find("\r\n\r\n", search_from);
  if (end == std::string::npos) {
    return;
  }
  header_end_ = static_cast<int64_t>(end + 4);
  head_.resize(end + 4);
  start_line_ = head_.substr(0, head_.find("\r\n"));
  const int64_t length = ContentLength(head_);
  message_end_ = length < 0 ? -1 : header_end_ + length;
  head_.clear();
  head_.shrink_to_fit();
}

void LinkQueue::Push(std::string_view bytes, int64_t now_us) {
  const int64_t latency_us = shape_.latency_ms * 1000;
  if (shape_.rate_bytes_per_s <= 0) {
    slices_.push_back({now_us + latency_us, std::string(bytes)});
    queued_ += static_cast<int64_t>(bytes.size());
    return;
  }
  // Slices of about 10 ms of link time, so a capped link delivers smoothly.
  const auto slice_bytes = static_cast<size_t>(std::max<int64_t>(1, shape_.rate_bytes_per_s / 100));
  for (size_t at = 0; at < bytes.size(); at += slice_bytes) {
    const std::string_view slice = bytes.substr(at, slice_bytes);
    const int64_t start = std::max(now_us, link_free_us_);
    link_free_us_ =
        start + static_cast<int64_t>(slice.size()) * 1'000'000 / shape_.rate_bytes_per_s;
    slices_.push_back({link_free_us_ + latency_us, std::string(slice)});
    queued_ += static_cast<int64_t>(slice.size());
  }
}

int64_t LinkQueue::NextDueUs() const {
  return slices_.empty() ? std::numeric_limits<int64_t>::max() : slices_.front().due_us;
}

void LinkQueue::Consume(size_t n) {
  Slice& front = slices_.front();
  queued_ -= static_cast<int64_t>(n);
  if (n >= front.bytes.size()) {
    slices_.pop_front();
  } else {
    front.bytes.erase(0, n);
  }
}

}  // namespace raida::testing::detail

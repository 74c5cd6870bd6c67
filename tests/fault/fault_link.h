// The socket-free parts of FaultProxy: when each forwarded byte is due (latency and a bandwidth
// cap, as one queue per direction) and where the first HTTP message of a byte stream ends
// (header block and Content-Length), so the proxy can place cuts, stalls and replays by phase.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "fault_proxy.h"

namespace raida::testing::detail {

// Finds the end of the first message in a byte stream fed in pieces.
class HttpFraming {
 public:
  void Feed(std::string_view bytes);
  int64_t header_end() const { return header_end_; }    // -1 until "\r\n\r\n" was seen
  int64_t message_end() const { return message_end_; }  // -1 without a Content-Length
  const std::string& start_line() const { return start_line_; }

 private:
  std::string head_;  // the stream's first bytes, until the header block is complete
  int64_t header_end_ = -1;
  int64_t message_end_ = -1;
  std::string start_line_;
};

// Bytes waiting in one direction, each slice with the time (µs, steady clock) it is due.
// A slice is serialised onto the capped link after the previous one, then delayed by latency.
class LinkQueue {
 public:
  explicit LinkQueue(LinkShape shape) : shape_(shape) {}
  void Push(std::string_view bytes, int64_t now_us);
  bool empty() const { return slices_.empty(); }
  int64_t queued_bytes() const { return queued_; }
  // When the front slice is due; INT64_MAX when the queue is empty.
  int64_t NextDueUs() const;
  const std::string& Front() const { return slices_.front().bytes; }
  // Drops the first `n` bytes of the front slice (the whole slice when it is used up).
  void Consume(size_t n);

 private:
  struct Slice {
    int64_t due_us;
    std::string bytes;
  };
  LinkShape shape_;
  std::deque<Slice> slices_;
  int64_t queued_ = 0;
  int64_t link_free_us_ = 0;
};

}  // namespace raida::testing::detail

#pragma once
// multipart/form-data (RFC 7578) as a streaming push parser, kcgi style: every size has a cap, and a part's
// data is handed on in small pieces as it arrives, so memory stays bounded by the header cap plus a small
// window whatever the size of an uploaded file. Violations throw http::Error: 413 when a size or count
// limit is passed, 400 for malformed structure or a body that ends early.
//
//   auto boundary = http::boundary_from_content_type(req.content_type());
//   if (!boundary) throw http::bad_request("...");
//   MyUploadSink sink(tx);                     // implements http::MultipartCallbacks
//   http::read_multipart(req, *boundary, {.max_part_bytes = 25 << 20, .max_total_bytes = 100 << 20}, sink);
//
// Or, for a form of ordinary fields plus files: read_multipart_form() collects the fields into pairs that
// http::check() validates and passes only the file parts to the callbacks.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portico::http {

class Request;

// The boundary of a "multipart/form-data; boundary=..." Content-Type (type and parameter names are
// case-insensitive; the value may be a quoted string). nullopt when the type is something else, the
// parameters are malformed, or the boundary is missing or not 1..70 characters of RFC 2046 bchars.
std::optional<std::string> boundary_from_content_type(std::string_view content_type);

struct MultipartLimits {
  size_t max_parts = 20;           // parts (fields and files) in one body; more is 413
  size_t max_header_bytes = 8192;  // one part's header block; more is 400
  // Required, no default: the caps of the handler, which must agree with nginx's client_max_body_size.
  // A parser constructed with either left at 0 throws std::invalid_argument.
  size_t max_part_bytes = 0;       // data of one file part (a part with a filename); more is 413
  size_t max_total_bytes = 0;      // the whole body as sent (delimiters, headers, preamble, epilogue); more is 413
  size_t max_field_bytes = 64 * 1024;  // data of one non-file part; more is 413
};

struct PartHeaders {
  std::string name;                     // Content-Disposition name: non-empty, valid UTF-8, no controls
  // Present for a file part (even when empty: a file input with no file chosen sends filename="").
  // filename* (RFC 5987, UTF-8 or ISO-8859-1) wins over filename; only the last path segment is kept, and
  // it is valid UTF-8 without control characters. Display text only: never a storage name.
  std::optional<std::string> filename;
  std::string content_type = "text/plain";  // as sent (RFC 7578 §4.4 default when absent); never trust it
  bool is_file() const { return filename.has_value(); }
};

// What the parser reports, in order: on_part_begin, any number of on_part_data (never empty; the view is
// valid only during the call), on_part_end. on_part_end is called only once the delimiter after the data
// has been seen, so a part cut off by an early end of the body never ends. An exception thrown by a
// callback (e.g. 415 from a content check) propagates out of feed() and leaves the parser failed.
class MultipartCallbacks {
 public:
  virtual ~MultipartCallbacks() = default;
  virtual void on_part_begin(const PartHeaders& headers) = 0;
  virtual void on_part_data(std::string_view chunk) = 0;
  virtual void on_part_end() = 0;
};

class MultipartParser {
 public:
  // Input is processed in windows of at most this many bytes, however large a chunk feed() is given;
  // data handed to on_part_data is never longer than kWindow + boundary length.
  static constexpr size_t kWindow = 16 * 1024;

  // Throws 400 if the boundary is not 1..70 RFC 2046 bchars; std::invalid_argument if a required limit is 0.
  MultipartParser(std::string_view boundary, const MultipartLimits& limits, MultipartCallbacks& callbacks);
  MultipartParser(const MultipartParser&) = delete;
  MultipartParser& operator=(const MultipartParser&) = delete;

  // Any chunking of the body is fine: a delimiter or header block may be split across calls.
  // Must not be called from inside a callback.
  void feed(std::string_view chunk);
  // The body has ended: throws 400 unless the close delimiter was seen (a client gone mid-upload).
  void finish();

  bool done() const { return state_ == State::epilogue; }
  size_t parts() const { return parts_; }
  size_t buffered_bytes() const { return buf_.size(); }  // held between feeds: < header cap + window

 private:
  enum class State { preamble, after_delimiter, headers, body, epilogue, failed };
  void process();
  void emit(size_t from, size_t n);

  std::string delim_;  // "\r\n--" + boundary
  MultipartLimits limits_;
  MultipartCallbacks& cb_;
  State state_ = State::preamble;
  std::string buf_;          // unconsumed input: a possible partial delimiter, a partial header block
  size_t total_ = 0;         // bytes fed
  size_t parts_ = 0;         // parts begun
  size_t part_bytes_ = 0;    // data bytes of the current part
  size_t padding_ = 0;       // transport padding seen after the current delimiter
  size_t header_scan_ = 0;   // how far into a partial header block the end has been searched for
  bool in_part_ = false;     // on_part_begin called, on_part_end not yet
  bool is_file_ = false;
};

// Reads the request body in 64 KiB chunks through the parser: 413 if the declared Content-Length is over
// limits.max_total_bytes (before anything is read), 400 if the body is absent, ends before its declared
// length (the client went away) or ends before the close delimiter. Never reads past Content-Length.
void read_multipart(Request& req, std::string_view boundary, const MultipartLimits& limits,
                    MultipartCallbacks& callbacks);

// Keeps non-file parts as (name, value) pairs, in order, for http::check(); passes file parts on to files.
class FormCollector final : public MultipartCallbacks {
 public:
  explicit FormCollector(MultipartCallbacks& files) : files_(files) {}
  std::vector<std::pair<std::string, std::string>> fields;

  void on_part_begin(const PartHeaders& h) override;
  void on_part_data(std::string_view chunk) override;
  void on_part_end() override;

 private:
  MultipartCallbacks& files_;
  bool file_ = false;
};

// A whole multipart/form-data request: 415 if the Content-Type is not multipart/form-data, 400 if its
// boundary is missing or invalid, then read_multipart() with a FormCollector. Returns the non-file fields.
std::vector<std::pair<std::string, std::string>> read_multipart_form(Request& req, const MultipartLimits& limits,
                                                                     MultipartCallbacks& files);

}  // namespace portico::http

#include "http/multipart.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "http/error.hpp"
#include "http/request.hpp"
#include "http/validate.hpp"

namespace portico::http {

namespace {

constexpr size_t kMaxBoundary = 70;      // RFC 2046 §5.1.1
constexpr size_t kMaxPadding = 256;      // transport padding after a delimiter: a few spaces at most in practice
constexpr size_t kReadChunk = 64 * 1024;

bool is_tchar(char c) {  // RFC 9110 token
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_bchar(char c) {  // RFC 2046 bcharsnospace and space
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool valid_boundary(std::string_view b) {
  return !b.empty() && b.size() <= kMaxBoundary && b.back() != ' ' && std::all_of(b.begin(), b.end(), is_bchar);
}

// A header value with parameters: type *( OWS ";" OWS [ name "=" ( token / quoted-string ) ] ).
// The type and parameter names are lower-cased. nullopt when malformed or when a parameter name repeats
// (two names or two boundaries are ambiguous, so neither is chosen).
struct ParamValue {
  std::string type;
  std::vector<std::pair<std::string, std::string>> params;
  const std::string* get(std::string_view name) const {
    for (const auto& [k, v] : params)
      if (k == name) return &v;
    return nullptr;
  }
};

std::optional<ParamValue> parse_params(std::string_view s) {
  size_t i = 0, n = s.size();
  auto skip_ows = [&] {
    while (i < n && (s[i] == ' ' || s[i] == '\t')) ++i;
  };
  skip_ows();
  size_t b = i;
  while (i < n && (is_tchar(s[i]) || s[i] == '/')) ++i;
  if (i == b) return std::nullopt;
  ParamValue out;
  out.type = lower(s.substr(b, i - b));
  skip_ows();
  while (i < n) {
    if (s[i] != ';') return std::nullopt;
    ++i;
    skip_ows();
    if (i == n || s[i] == ';') continue;  // an empty parameter, e.g. a trailing ";"
    b = i;
    while (i < n && is_tchar(s[i])) ++i;
    if (i == b || i == n || s[i] != '=') return std::nullopt;
    std::string name = lower(s.substr(b, i - b));
    ++i;
    std::string value;
    if (i < n && s[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        char c = s[i++];
        if (c == '"') { closed = true; break; }
        // Only \" and \\ are escapes: browsers send Windows paths with bare backslashes.
        if (c == '\\' && i < n && (s[i] == '"' || s[i] == '\\')) c = s[i++];
        value += c;
      }
      if (!closed) return std::nullopt;
    } else {
      b = i;
      while (i < n && s[i] != ';' && s[i] != ' ' && s[i] != '\t' && s[i] != '"') ++i;
      if (i == b) return std::nullopt;
      value = s.substr(b, i - b);
    }
    if (out.get(name)) return std::nullopt;
    out.params.emplace_back(std::move(name), std::move(value));
    skip_ows();
  }
  return out;
}

// RFC 5987 ext-value: charset'[language]'pct-encoded, UTF-8 or ISO-8859-1; returned as UTF-8.
std::optional<std::string> decode_ext_value(std::string_view v) {
  size_t q1 = v.find('\'');
  if (q1 == std::string_view::npos) return std::nullopt;
  size_t q2 = v.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) return std::nullopt;
  std::string charset = lower(v.substr(0, q1));
  std::string_view enc = v.substr(q2 + 1);
  std::string raw;
  for (size_t i = 0; i < enc.size(); ++i) {
    char c = enc[i];
    if (c == '%') {
      if (i + 2 >= enc.size()) return std::nullopt;
      int h = hex(enc[i + 1]), l = hex(enc[i + 2]);
      if (h < 0 || l < 0) return std::nullopt;
      raw += static_cast<char>(h * 16 + l);
      i += 2;
    } else if (c > 0x20 && c < 0x7F) {
      raw += c;
    } else {
      return std::nullopt;
    }
  }
  if (charset == "utf-8") return valid_utf8(raw) ? std::optional<std::string>(std::move(raw)) : std::nullopt;
  if (charset == "iso-8859-1") {
    std::string out;
    for (unsigned char c : raw) {
      if (c < 0x80) out += static_cast<char>(c);
      else { out += static_cast<char>(0xC0 | (c >> 6)); out += static_cast<char>(0x80 | (c & 0x3F)); }
    }
    return out;
  }
  return std::nullopt;
}

std::string last_path_segment(std::string_view name) {
  size_t slash = name.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

// block: the header lines of one part, each ending in CRLF, without the blank line.
PartHeaders parse_part_headers(std::string_view block) {
  std::vector<std::pair<std::string, std::string>> headers;  // lower-cased name, trimmed value
  size_t i = 0;
  while (i < block.size()) {
    size_t e = block.find("\r\n", i);
    if (e == std::string_view::npos) e = block.size();
    std::string_view line = block.substr(i, e - i);
    i = e + 2;
    if (line.empty()) throw bad_request("An upload part has a malformed header.");
    for (char c : line) {
      auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\t') || u == 0x7F) throw bad_request("An upload part header contains control characters.");
    }
    if (line.front() == ' ' || line.front() == '\t') {  // obs-fold: a continuation of the previous header
      if (headers.empty()) throw bad_request("An upload part has a malformed header.");
      headers.back().second += ' ';
      headers.back().second += trim(line);
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 ||
        !std::all_of(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(colon), is_tchar))
      throw bad_request("An upload part has a malformed header.");
    headers.emplace_back(lower(line.substr(0, colon)), std::string(trim(line.substr(colon + 1))));
  }

  const std::string *disposition = nullptr, *type = nullptr;
  for (const auto& [k, v] : headers) {
    const std::string** slot = k == "content-disposition" ? &disposition : k == "content-type" ? &type : nullptr;
    if (!slot) continue;  // Content-Transfer-Encoding and the like are ignored (RFC 7578 §4.7)
    if (*slot) throw bad_request("An upload part repeats the " + k + " header.");
    *slot = &v;
  }
  if (!disposition) throw bad_request("An upload part has no Content-Disposition header.");
  auto cd = parse_params(*disposition);
  if (!cd || cd->type != "form-data") throw bad_request("An upload part is not form-data.");
  const std::string* name = cd->get("name");
  if (!name || name->empty()) throw bad_request("An upload part has no field name.");
  if (!valid_utf8(*name) || !no_controls(*name, false)) throw bad_request("An upload field name is not valid text.");

  PartHeaders h;
  h.name = *name;
  std::optional<std::string> filename;
  if (const std::string* ext = cd->get("filename*")) filename = decode_ext_value(*ext);  // invalid: ignored
  if (!filename) {
    if (const std::string* plain = cd->get("filename")) filename = *plain;
  }
  if (filename) {
    h.filename = last_path_segment(*filename);
    if (!valid_utf8(*h.filename) || !no_controls(*h.filename, false))
      throw bad_request("An uploaded file's name is not valid text.");
  }
  if (type && !type->empty()) h.content_type = *type;
  return h;
}

}  // namespace

std::optional<std::string> boundary_from_content_type(std::string_view content_type) {
  auto p = parse_params(content_type);
  if (!p || p->type != "multipart/form-data") return std::nullopt;
  const std::string* b = p->get("boundary");
  if (!b || !valid_boundary(*b)) return std::nullopt;
  return *b;
}

MultipartParser::MultipartParser(std::string_view boundary, const MultipartLimits& limits,
                                 MultipartCallbacks& callbacks)
    : limits_(limits), cb_(callbacks) {
  if (limits.max_part_bytes == 0 || limits.max_total_bytes == 0)
    throw std::invalid_argument("MultipartLimits: max_part_bytes and max_total_bytes must be set");
  if (!valid_boundary(boundary)) throw bad_request("The upload's boundary is not valid.");
  delim_ = "\r\n--";
  delim_ += boundary;
  // The first delimiter may open the body without a CRLF before it: pretend one was there.
  buf_ = "\r\n";
}

void MultipartParser::feed(std::string_view chunk) {
  if (state_ == State::failed) throw bad_request("The upload could not be read.");
  if (chunk.size() > limits_.max_total_bytes - total_) {  // total_ never passes the cap
    state_ = State::failed;
    buf_.clear();
    throw payload_too_large("The upload is too large.");
  }
  total_ += chunk.size();
  try {
    while (!chunk.empty() && state_ != State::epilogue) {  // the epilogue is ignored
      size_t take = std::min(chunk.size(), kWindow);
      buf_.append(chunk.data(), take);
      chunk.remove_prefix(take);
      process();
    }
  } catch (...) {
    state_ = State::failed;
    buf_.clear();
    throw;
  }
}

void MultipartParser::finish() {
  if (state_ == State::epilogue) return;
  bool started = parts_ > 0;
  state_ = State::failed;
  buf_.clear();
  throw bad_request(started ? "The upload ended before it was complete."
                            : "The upload holds no multipart data with the declared boundary.");
}

void MultipartParser::emit(size_t from, size_t n) {
  if (n == 0) return;
  part_bytes_ += n;
  if (part_bytes_ > (is_file_ ? limits_.max_part_bytes : limits_.max_field_bytes))
    throw payload_too_large(is_file_ ? "An uploaded file is too large." : "A form field is too long.");
  cb_.on_part_data(std::string_view(buf_).substr(from, n));
}

void MultipartParser::process() {
  const size_t d = delim_.size();
  size_t pos = 0;
  bool more = true;
  while (more) {
    more = false;
    const size_t size = buf_.size();
    switch (state_) {
      case State::preamble: {
        size_t i = buf_.find(delim_, pos);
        if (i == std::string::npos) {
          pos = std::max(pos, size - std::min(size, d - 1));  // keep what may be the start of a delimiter
          break;
        }
        pos = i + d;
        padding_ = 0;
        state_ = State::after_delimiter;
        more = true;
        break;
      }
      case State::after_delimiter: {
        while (pos < size && (buf_[pos] == ' ' || buf_[pos] == '\t')) {
          ++pos;
          if (++padding_ > kMaxPadding) throw bad_request("The upload has a malformed boundary line.");
        }
        if (pos == size) break;
        if (buf_[pos] == '-' && padding_ == 0) {
          if (pos + 1 == size) break;
          if (buf_[pos + 1] != '-') throw bad_request("The upload has a malformed boundary line.");
          pos += 2;
          if (in_part_) { in_part_ = false; cb_.on_part_end(); }
          state_ = State::epilogue;
          more = true;
          break;
        }
        if (buf_[pos] != '\r') throw bad_request("The upload has a malformed boundary line.");
        if (pos + 1 == size) break;
        if (buf_[pos + 1] != '\n') throw bad_request("The upload has a malformed boundary line.");
        pos += 2;
        if (in_part_) { in_part_ = false; cb_.on_part_end(); }
        if (++parts_ > limits_.max_parts) throw payload_too_large("The upload has too many parts.");
        header_scan_ = 0;
        state_ = State::headers;
        more = true;
        break;
      }
      case State::headers: {
        if (size - pos < 2) break;
        if (buf_.compare(pos, 2, "\r\n") == 0) throw bad_request("An upload part has no Content-Disposition header.");
        size_t e = buf_.find("\r\n\r\n", pos + header_scan_);
        if (e == std::string::npos) {
          if (size - pos > limits_.max_header_bytes) throw bad_request("An upload part's headers are too large.");
          header_scan_ = size - pos - std::min(size - pos, size_t{3});
          break;
        }
        if (e + 4 - pos > limits_.max_header_bytes) throw bad_request("An upload part's headers are too large.");
        PartHeaders h = parse_part_headers(std::string_view(buf_).substr(pos, e + 2 - pos));
        pos = e + 4;
        is_file_ = h.is_file();
        part_bytes_ = 0;
        in_part_ = true;
        cb_.on_part_begin(h);
        state_ = State::body;
        more = true;
        break;
      }
      case State::body: {
        size_t i = buf_.find(delim_, pos);
        if (i != std::string::npos) {
          emit(pos, i - pos);
          pos = i + d;
          padding_ = 0;
          state_ = State::after_delimiter;
          more = true;
          break;
        }
        // Hand on everything but the longest tail that could begin a delimiter.
        size_t keep = size;
        for (size_t p = std::max(pos, size - std::min(size, d - 1)); p < size; ++p) {
          if (buf_[p] == '\r' && buf_.compare(p, size - p, delim_, 0, size - p) == 0) { keep = p; break; }
        }
        emit(pos, keep - pos);
        pos = keep;
        break;
      }
      case State::epilogue:
        pos = size;
        break;
      case State::failed:
        throw bad_request("The upload could not be read.");
    }
  }
  buf_.erase(0, pos);
}

void read_multipart(Request& req, std::string_view boundary, const MultipartLimits& limits,
                    MultipartCallbacks& callbacks) {
  MultipartParser parser(boundary, limits, callbacks);
  size_t declared = req.content_length(limits.max_total_bytes);
  if (declared == 0) throw bad_request("The upload is empty.");
  auto buf = std::make_unique_for_overwrite<char[]>(kReadChunk);
  size_t got = 0;
  while (got < declared) {
    size_t r = req.read(buf.get(), std::min(kReadChunk, declared - got));
    if (r == 0) throw bad_request("The request body ended early.");
    got += r;
    parser.feed(std::string_view(buf.get(), r));
  }
  parser.finish();
}

void FormCollector::on_part_begin(const PartHeaders& h) {
  file_ = h.is_file();
  if (file_) files_.on_part_begin(h);
  else fields.emplace_back(h.name, std::string());
}

void FormCollector::on_part_data(std::string_view chunk) {
  if (file_) files_.on_part_data(chunk);
  else fields.back().second.append(chunk);
}

void FormCollector::on_part_end() {
  if (file_) files_.on_part_end();
}

std::vector<std::pair<std::string, std::string>> read_multipart_form(Request& req, const MultipartLimits& limits,
                                                                     MultipartCallbacks& files) {
  std::string_view ct = req.content_type();
  auto boundary = boundary_from_content_type(ct);
  if (!boundary) {
    auto p = parse_params(ct);
    if (p && p->type == "multipart/form-data") throw bad_request("The upload's boundary is missing or not valid.");
    throw unsupported_media_type("Send the form as multipart/form-data.");
  }
  FormCollector collector(files);
  read_multipart(req, *boundary, limits, collector);
  return std::move(collector.fields);
}

}  // namespace portico::http

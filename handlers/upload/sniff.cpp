#include "upload/sniff.hpp"

#include <array>
#include <stdexcept>

namespace portico::upload {

Sniffer::Sniffer() : m_(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) {
  if (!m_) throw std::runtime_error("libmagic: cannot start");
  if (magic_load(m_.get(), nullptr) != 0) throw std::runtime_error(std::string("libmagic: ") + magic_error(m_.get()));
}

std::string Sniffer::mime(std::string_view head) {
  const char* t = magic_buffer(m_.get(), head.data(), head.size());
  return t ? std::string(t) : std::string("application/octet-stream");
}

std::optional<std::string> allowed(std::string_view mime) {
  // Documents and pictures people send an office; nothing a browser or a desktop would run.
  static constexpr std::array<std::string_view, 16> kAllowed{{
      "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "image/heic", "image/tiff",
      "application/msword", "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
      "text/plain", "text/csv",
  }};
  for (std::string_view a : kAllowed)
    if (mime == a) return mime.starts_with("text/") ? std::string(mime) + "; charset=utf-8" : std::string(mime);
  return std::nullopt;
}

}  // namespace portico::upload

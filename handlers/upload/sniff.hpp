#pragma once
// The type of an upload, judged by libmagic on its first bytes: never by its name or the Content-Type
// the browser sent.
#include <magic.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace portico::upload {

// How many leading bytes are given to libmagic (enough for the Office formats' zip directory entries).
constexpr size_t kSniffBytes = 64 * 1024;

struct MagicDeleter {
  void operator()(magic_t m) const { magic_close(m); }
};

// One per worker thread: a magic_t is not safe to share.
class Sniffer {
 public:
  Sniffer();  // loads the system magic database; throws if it cannot
  // The MIME type libmagic sees in these leading bytes, e.g. "application/pdf".
  std::string mime(std::string_view head);

 private:
  std::unique_ptr<std::remove_pointer_t<magic_t>, MagicDeleter> m_;
};

// The allow-list: the stored content type for an accepted MIME type (text gets a charset), or nullopt.
std::optional<std::string> allowed(std::string_view mime);

}  // namespace portico::upload

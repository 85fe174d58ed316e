#pragma once
// The upload handler: "Send us Stuff" (SPEC §5), /upload. One or more files with an optional note, from a
// full account or a one-time visit; each file becomes a document in the Unassigned tab of the person's
// documents. Files stream through the multipart parser into PostgreSQL chunks in one transaction: a
// refused or broken upload leaves nothing behind, and memory does not grow with a file's size.
#include <optional>

#include "auth/context.hpp"
#include "fcgi/server.hpp"
#include "upload/sniff.hpp"
#include "upload/upload_db.hpp"

namespace portico::upload {

// Caps, as nginx's client_max_body_size for /upload (nginx/portico.conf) has the request's.
constexpr size_t kMaxFileBytes = 25 * 1024 * 1024;
constexpr size_t kMaxRequestBytes = 100 * 1024 * 1024;
constexpr size_t kMaxFiles = 10;
constexpr size_t kMaxNote = 2000;
// What one person may send in 24 hours: enough for any honest use, a ceiling for a flood or a stolen session.
constexpr int64_t kMaxFilesPerDay = 200;
constexpr int64_t kMaxBytesPerDay = int64_t{2} * 1024 * 1024 * 1024;

class Upload final : public fcgi::Worker {
 public:
  explicit Upload(const fcgi::Env& env);
  http::Response handle(http::Request& req) override;

 private:
  // task: the upload request these files answer (from ?task=), if any.
  http::Response receive(http::Request& req, const auth::Context& ctx, std::optional<int64_t> task);

  pg::Connection db_;
  auth::Sessions sessions_;
  UploadDb q_;
  Sniffer sniffer_;
};

}  // namespace portico::upload

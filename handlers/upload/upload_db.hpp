#pragma once
// All SQL of the upload handler.
#include <cstdint>
#include <optional>
#include <utility>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pg/connection.hpp"

namespace portico::upload {

class UploadDb {
 public:
  explicit UploadDb(pg::Connection& c) : c_(c) {}
  static std::span<const pg::Statement> statements();

  // In the caller's transaction: a new document of the contact in the Unassigned tab (its bytes follow
  // through docs::ChunkWriter); returns its id.
  int64_t create(int64_t org, int64_t contact, const std::string& title, const std::string& content_type,
                 const std::string& note);
  // The note sent with the files, on each of them.
  void set_note(int64_t org, const std::vector<int64_t>& ids, const std::string& note);
  // The audit row of one request's upload.
  void audit(int64_t org, int64_t contact, int64_t files, const std::optional<std::string>& ip);

  // Files and bytes the contact uploaded in the last 24 hours.
  std::pair<int64_t, int64_t> sent_last_day(int64_t org, int64_t contact);
  // An upload request (task type upload_request) assigned to the contact or one of their groups: its state,
  // and whether someone else holds it; nullopt when it is not theirs (or not an upload request).
  struct RequestState {
    std::string state;
    bool held_by_other = false;
  };
  std::optional<RequestState> request_state(int64_t org, int64_t contact, int64_t task);
  // In the caller's transaction, the one conditional UPDATE that answers the request with these documents
  // (open, and not held by someone else), then every live link of the task dies and the event and audit
  // rows are written — the task row first, as every route locks it. False when it was no longer open.
  bool answer_request(int64_t org, int64_t contact, int64_t task, const std::vector<int64_t>& documents,
                      const std::string& note, const std::optional<std::string>& ip);

 private:
  pg::Connection& c_;
};

}  // namespace portico::upload

#pragma once
// All SQL of the complete handler (one-time completion links, SPEC §3.2).
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "pg/connection.hpp"

namespace portico::complete {

// A completion link with its task, looked up by the stored hash of its secret under the Host's org.
struct LinkRow {
  int64_t org_id = 0;
  std::string org_name;
  bool found = false;  // false: the org has no link with this hash
  int64_t link_id = 0, task_id = 0, contact_id = 0;
  // live | completed | cancelled | revoked | expired (the task's state first, then the link's)
  std::string state;
  std::string type, title, instructions, spec;  // spec: JSON text
};

class CompleteDb {
 public:
  explicit CompleteDb(pg::Connection& c) : c_(c) {}
  static std::span<const pg::Statement> statements();

  // nullopt when no org serves this host. Reads only.
  std::optional<LinkRow> look_up(std::string_view host, const std::string& secret_hash);
  // In the caller's transaction: the one conditional UPDATE that completes the task (only from new or
  // in_progress, only through a live link), kills every live link of the task, and writes the task event
  // and the audit row. False when the task was no longer open (completed or cancelled meanwhile).
  bool finish(const LinkRow& link, const std::string& response_json, std::string_view ip);
  // Ends the session a browser brought along (a new id for the one-time visit).
  void drop_session(int64_t org, const std::string& id_hash_hex);

 private:
  pg::Connection& c_;
};

}  // namespace portico::complete

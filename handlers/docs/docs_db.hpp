#pragma once
// All SQL of the docs handler: what a contact may open, view links, and the view ledger.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "files/chunks.hpp"
#include "pg/connection.hpp"

namespace portico::docs {

using files::Served;

struct Listed {
  int64_t id = 0;
  std::string kind, title, content_type, created;  // created: "1 December 2026"
  int64_t size = 0;
};

struct LinkTarget {
  int64_t org_id = 0;
  bool found = false;  // false: the Host's org has no link with this hash
  int64_t contact_id = 0;
  Served doc;
  bool expired = false;           // older than the org's link_ttl
  bool contact_inactive = false;  // the recipient is no longer an active contact
};

// A view ledger row's facts: channel email_link, portal or one_time.
struct View {
  std::string_view channel;
  std::optional<std::string> ip;
  std::string_view user_agent;
};

class DocsDb {
 public:
  explicit DocsDb(pg::Connection& c) : c_(c) {}
  static std::span<const pg::Statement> statements();

  // What the contact sees: their own documents (uploaded, signed, issued to them) and every document
  // issued to their client, newest first.
  std::vector<Listed> list(int64_t org, int64_t contact);
  // One of those, or nullopt (another contact's, another org's, or none). With a view, its ledger row is
  // written in the same statement (one round trip) when the document is found.
  std::optional<Served> visible(int64_t org, int64_t contact, int64_t document, const std::optional<View>& view);
  // nullopt when no org serves the host.
  std::optional<LinkTarget> by_link(std::string_view host, const std::string& secret_hash);
  void record_view(int64_t org, int64_t document, int64_t contact, const View& view);

 private:
  pg::Connection& c_;
};

}  // namespace portico::files

#pragma once
// SQL of documents (/api/v1/documents): issue with recipients and their view links, lists by contact and
// tab, moving out of Unassigned, staff downloads (recorded as previews) and the view ledger. Rows carry
// one column "doc" (or "views"): the JSON staff see, built in SQL.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "caller.hpp"
#include "files/chunks.hpp"
#include "pg/connection.hpp"

namespace portico::api::documents_db {

std::span<const pg::Statement> statements();

struct Filter {
  std::optional<int64_t> contact_id;  // what that contact sees: their own and their client's documents
  std::optional<int64_t> client_id;   // issued to that client
  std::optional<std::string> tab, kind;
};
// Columns id, doc (JSON text); up to limit rows with id > after.
pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit);
// Columns id, doc (JSON text with recipients); no row when the org has no such document.
pg::Result get(pg::Connection& db, int64_t org, int64_t id);

struct Person {
  int64_t id = 0;
  std::string name, email, status;
  std::optional<int64_t> client_id;
};
// The org's contacts among ids (others are simply missing).
std::vector<Person> contacts(pg::Connection& db, int64_t org, const std::vector<int64_t>& ids);

// In the caller's transaction: the issued document (tab issued) with its audit row; returns its id.
// fields: the checked body without the content.
int64_t issue(pg::Connection& db, const Caller& who, const std::string& fields_json, const std::string& content_type);
// A recipient's view link; secret_hash raw 32 bytes. Returns the link id.
int64_t add_link(pg::Connection& db, int64_t org, int64_t document, int64_t contact, const std::string& secret_hash);

enum class Moved { done, not_found, not_upload };
// Moves an uploaded document between Unassigned and General, with an audit row.
Moved move(pg::Connection& db, const Caller& who, int64_t id, const std::string& tab);

// For a staff download, with the preview's ledger row (never a view).
std::optional<files::Served> preview(pg::Connection& db, const Caller& who, int64_t id, std::string_view user_agent);

// Columns found, status, contacts (JSON), views (JSON): per contact and the whole ledger.
pg::Result views(pg::Connection& db, int64_t org, int64_t id);

}  // namespace portico::api::documents_db

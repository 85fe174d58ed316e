#pragma once
// /api/v1/documents (SPEC §5): staff issue a document (invoice, quote, credit, contract, other) to a client
// or to one contact with recipient contacts, each e-mailed a personal view link (/d/{token}) in the same
// transaction; list a contact's documents by tab; read one with its per-recipient views; download it
// (recorded as a staff preview, never a view); move an upload out of Unassigned; the view ledger.
#include <cstdint>
#include <span>

#include <nlohmann/json.hpp>

#include "call.hpp"
#include "list_query.hpp"

namespace portico::api::documents {

// The decoded content of POST /documents is at most this (the API's bodies are capped at 1 MiB by nginx).
constexpr size_t kMaxContentBytes = 700 * 1024;

// The body of POST /documents: {"kind", "title", "client_id" | "contact_id" (exactly one), "recipients"?:
// [contact ids], "content_type"?, "content_base64"}. Returns the checked fields and the decoded content;
// throws 422 naming every bad field.
struct Issue {
  nlohmann::json fields;
  std::vector<int64_t> recipients;
  std::string content_type, content;
};
Issue check_issue(const nlohmann::json& body);

std::span<const QueryParam> filters();

http::Response list(Call& call);
http::Response get(Call& call, int64_t id);
http::Response issue(Call& call);
http::Response update(Call& call, int64_t id);
http::Response content(Call& call, int64_t id);
http::Response views(Call& call, int64_t id);

}  // namespace portico::api::documents

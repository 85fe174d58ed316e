#pragma once
// The evidence kept when someone signs a document (SPEC §2): what exactly was signed, from where.
#include <string_view>

#include <nlohmann/json.hpp>

namespace portico::tasks {

// The keys merged into a signature task's response: document_title, document_sha256 (hex SHA-256 of
// the document text as shown), client_address, user_agent (first 300 bytes). signed_at is set by the
// database in the statement that completes the task, so it is the commit's own clock.
nlohmann::json signature_evidence(const nlohmann::json& spec, std::string_view client_address,
                                  std::string_view user_agent);

}  // namespace portico::tasks

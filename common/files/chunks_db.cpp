// SQL of document bytes (document_chunk).
#include <array>

#include "files/chunks.hpp"

namespace portico::files {

namespace {
constexpr std::array<pg::Statement, 3> kList{{
    // $1 org, $2 document, $3 seq, $4 the bytes (binary parameter).
    {"files.chunk_put", "INSERT INTO document_chunk (org_id, document_id, seq, data) VALUES ($1, $2, $3, $4::bytea)"},
    {"files.chunk_get", "SELECT data FROM document_chunk WHERE org_id = $1 AND document_id = $2 AND seq = $3"},
    // $1 org, $2 document, $3 size, $4 SHA-256 (binary parameter).
    {"files.finish",
     "UPDATE document SET size_bytes = $3, sha256 = $4::bytea, updated_at = now() WHERE org_id = $1 AND id = $2"},
}};
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

}  // namespace portico::files

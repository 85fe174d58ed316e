#pragma once
// Document bytes in PostgreSQL (table document_chunk, sql/010_documents.sql), written and read one chunk
// at a time, so a handler's memory never grows with a file's size (DESIGN: files live in PostgreSQL).
#include <sodium.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "http/response.hpp"
#include "pg/connection.hpp"

namespace portico::files {

constexpr size_t kChunkBytes = 256 * 1024;  // the CHECK on document_chunk.data

// Appends bytes to one document in the caller's transaction, a chunk row each time kChunkBytes are
// buffered; finish() writes the last chunk and the document's size and SHA-256.
class ChunkWriter {
 public:
  ChunkWriter(pg::Connection& db, int64_t org_id, int64_t document_id);
  void write(std::string_view bytes);
  void finish();
  size_t size() const { return size_; }

 private:
  void flush();
  pg::Connection& db_;
  int64_t org_, doc_;
  std::string buf_;
  int seq_ = 0;
  size_t size_ = 0;
  crypto_hash_sha256_state sha_;
};

// What a document is served as.
struct Served {
  int64_t org_id = 0, document_id = 0;
  std::string title, content_type;
  int64_t size = 0;
};

// A response streaming the document's chunks, with its type, Content-Disposition (inline for types a
// browser shows safely, else attachment; always attachment when download) and no-store;
// nosniff is nginx's, on every response. Reads
// use db after the handler returned, from the same worker thread.
http::Response serve(pg::Connection& db, const Served& doc, bool download);

// Content types a browser may show inline: PDF, raster images and plain text.
bool inline_type(std::string_view content_type);

// A known mail or link scanner that fetches links before the person does: its fetch is no view.
bool link_scanner(std::string_view user_agent);

std::span<const pg::Statement> statements();

}  // namespace portico::files

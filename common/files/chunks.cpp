#include "files/chunks.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "http/request.hpp"
#include "log/log.hpp"

namespace portico::files {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// RFC 6266 / 5987: an ASCII fallback name and the UTF-8 name percent-encoded.
std::string disposition(bool attachment, std::string_view name) {
  std::string ascii, encoded;
  for (unsigned char c : name) {
    bool safe = std::isalnum(c) || std::string_view("-._ ()").find(static_cast<char>(c)) != std::string_view::npos;
    ascii += (c < 0x80 && safe) ? static_cast<char>(c) : '_';
    if (std::isalnum(c) || std::string_view("-._~").find(static_cast<char>(c)) != std::string_view::npos) {
      encoded += static_cast<char>(c);
    } else {
      constexpr char hex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  if (ascii.empty()) ascii = "document";
  return std::string(attachment ? "attachment" : "inline") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" +
         encoded;
}
}  // namespace

ChunkWriter::ChunkWriter(pg::Connection& db, int64_t org_id, int64_t document_id)
    : db_(db), org_(org_id), doc_(document_id) {
  buf_.reserve(kChunkBytes);
  crypto_hash_sha256_init(&sha_);
}

void ChunkWriter::write(std::string_view bytes) {
  crypto_hash_sha256_update(&sha_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  size_ += bytes.size();
  while (!bytes.empty()) {
    size_t take = std::min(bytes.size(), kChunkBytes - buf_.size());
    buf_.append(bytes.data(), take);
    bytes.remove_prefix(take);
    if (buf_.size() == kChunkBytes) flush();
  }
}

void ChunkWriter::flush() {
  if (buf_.empty()) return;
  db_.run("files.chunk_put", {org_, doc_, seq_++, pg::Param::bytes(buf_)});
  buf_.clear();
}

void ChunkWriter::finish() {
  flush();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&sha_, digest);
  db_.run("files.finish", {org_, doc_, static_cast<int64_t>(size_),
                          pg::Param::bytes(std::string_view(reinterpret_cast<char*>(digest), sizeof digest))});
}

bool inline_type(std::string_view t) {
  std::string_view base = t.substr(0, t.find(';'));
  return base == "application/pdf" || base == "image/png" || base == "image/jpeg" || base == "image/gif" ||
         base == "image/webp" || base == "text/plain";
}

bool link_scanner(std::string_view user_agent) {
  // Security gateways that open every link of an incoming message before it is delivered.
  static constexpr std::array<std::string_view, 12> kScanners{{
      "barracuda", "mimecast", "proofpoint", "safelinks", "symantec", "messagelabs",
      "trendmicro", "forcepoint", "fireeye", "ironport", "bitdefender", "googleimageproxy"}};
  std::string ua = lower(user_agent);
  return std::any_of(kScanners.begin(), kScanners.end(), [&](std::string_view s) { return ua.find(s) != std::string::npos; });
}

http::Response serve(pg::Connection& db, const Served& doc, bool download) {
  http::Response r;
  r.set("Content-Type", doc.content_type);
  r.set("Content-Disposition", disposition(download || !inline_type(doc.content_type), doc.title));
  // X-Content-Type-Options: nosniff comes from nginx, on every response.
  r.stream_length = static_cast<size_t>(doc.size);
  r.stream = [&db, doc](http::Request& req) {
    size_t sent = 0;
    try {
      for (int seq = 0; sent < static_cast<size_t>(doc.size); ++seq) {
        // Binary results: the chunk's raw bytes, without a hex text copy twice their size.
        pg::Result c = db.run_binary("files.chunk_get", {doc.org_id, doc.document_id, seq});
        if (c.empty()) break;
        std::string_view data = c.view(0, 0);
        req.write(data);
        sent += data.size();
      }
    } catch (const std::exception& e) {
      log::error(std::string("document ") + std::to_string(doc.document_id) + ": streaming stopped: " + e.what());
    }
    if (sent != static_cast<size_t>(doc.size))
      log::error("document " + std::to_string(doc.document_id) + ": sent " + std::to_string(sent) + " of " +
                 std::to_string(doc.size) + " bytes");
  };
  return r;
}

}  // namespace portico::files

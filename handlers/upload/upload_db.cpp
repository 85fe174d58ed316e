#include "upload/upload_db.hpp"

#include <array>

namespace portico::upload {

namespace {
constexpr std::array<pg::Statement, 3> kList{{
    {"upload.set_note", "UPDATE document SET note = $3 WHERE org_id = $1 AND id = ANY($2::bigint[])"},
    {"upload.create",
     "INSERT INTO document (org_id, kind, tab, title, content_type, note, contact_id) "
     "VALUES ($1, 'upload', 'unassigned', $3, $4, $5, $2) RETURNING id"},
    {"upload.audit",
     "INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, object_id, detail, ip) "
     "VALUES ($1, 'contact', $2, 'document.upload', 'contact', $2, jsonb_build_object('files', $3::bigint), $4::inet)"},
}};
}  // namespace

std::span<const pg::Statement> UploadDb::statements() { return kList; }

int64_t UploadDb::create(int64_t org, int64_t contact, const std::string& title, const std::string& content_type,
                         const std::string& note) {
  return c_.run("upload.create", {org, contact, title, content_type, note}).i64(0, 0);
}

void UploadDb::set_note(int64_t org, const std::vector<int64_t>& ids, const std::string& note) {
  std::string list = "{";
  for (size_t i = 0; i < ids.size(); ++i) list += (i ? "," : "") + std::to_string(ids[i]);
  c_.run("upload.set_note", {org, list + "}", note});
}

void UploadDb::audit(int64_t org, int64_t contact, int64_t files, std::string_view ip) {
  std::optional<std::string> addr;
  if (!ip.empty() && ip.find('/') == std::string_view::npos) addr = std::string(ip);
  c_.run("upload.audit", {org, contact, files, addr});
}

}  // namespace portico::upload

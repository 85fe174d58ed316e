#include "upload/upload_db.hpp"

#include <array>

#include "tasks/visible_db.hpp"

namespace portico::upload {

namespace {

constexpr std::array<pg::Statement, 6> kList{{
    {"upload.sent_last_day",
     "SELECT count(*), coalesce(sum(size_bytes), 0)::bigint FROM document "
     "WHERE org_id = $1 AND contact_id = $2 AND kind = 'upload' AND created_at > now() - interval '1 day'"},
    {"upload.set_note", "UPDATE document SET note = $3 WHERE org_id = $1 AND id = ANY($2::bigint[])"},
    {"upload.create",
     "INSERT INTO document (org_id, kind, tab, title, content_type, note, contact_id) "
     "VALUES ($1, 'upload', 'unassigned', $3, $4, $5, $2) RETURNING id"},
    {"upload.audit",
     "INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, object_id, detail, ip) "
     "VALUES ($1, 'contact', $2, 'document.upload', 'contact', $2, jsonb_build_object('files', $3::bigint), $4::inet)"},
    {"upload.request_state",
     "SELECT t.state, coalesce(t.taken_by <> $2, false) FROM task t "
     "WHERE t.org_id = $1 AND t.id = $3 AND t.type = 'upload_request' AND " PORTICO_TASK_VISIBLE},
    {"upload.answer_request",
     // $1 org, $2 contact, $3 task, $4 document ids, $5 note (NULL: none), $6 client address.
     "WITH t AS (UPDATE task t SET state = 'completed', completed_at = now(), completed_by = $2, "
     "                  completed_via = 'portal', completed_ip = $6::inet, updated_at = now(), "
     "                  response = jsonb_build_object('documents', to_jsonb($4::bigint[]), 'note', $5::text) "
     "           WHERE t.org_id = $1 AND t.id = $3 AND t.type = 'upload_request' "
     "           AND (t.state = 'new' OR (t.state = 'in_progress' AND t.taken_by = $2)) AND " PORTICO_TASK_VISIBLE " "
     "           RETURNING t.id), "
     "l AS (UPDATE completion_link SET dead_at = now(), dead_reason = 'completed' "
     "      WHERE org_id = $1 AND task_id IN (SELECT id FROM t) AND dead_at IS NULL), "
     "e AS (INSERT INTO task_event (org_id, task_id, kind, contact_id, detail) "
     "      SELECT $1, t.id, 'completed', $2, jsonb_build_object('via', 'portal', 'documents', to_jsonb($4::bigint[])) "
     "      FROM t), "
     "a AS (INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, object_id, detail, ip) "
     "      SELECT $1, 'contact', $2, 'task.complete', 'task', t.id, "
     "             jsonb_build_object('via', 'portal', 'type', 'upload_request'), $6::inet FROM t) "
     "SELECT id FROM t"},
}};

}  // namespace

std::span<const pg::Statement> UploadDb::statements() { return kList; }

int64_t UploadDb::create(int64_t org, int64_t contact, const std::string& title, const std::string& content_type,
                         const std::string& note) {
  return c_.run("upload.create", {org, contact, title, content_type, note}).i64(0, 0);
}

void UploadDb::set_note(int64_t org, const std::vector<int64_t>& ids, const std::string& note) {
  c_.run("upload.set_note", {org, ids, note});
}

void UploadDb::audit(int64_t org, int64_t contact, int64_t files, const std::optional<std::string>& ip) {
  c_.run("upload.audit", {org, contact, files, ip});
}

std::pair<int64_t, int64_t> UploadDb::sent_last_day(int64_t org, int64_t contact) {
  auto r = c_.run("upload.sent_last_day", {org, contact});
  return {r.i64(0, 0), r.i64(0, 1)};
}

std::optional<UploadDb::RequestState> UploadDb::request_state(int64_t org, int64_t contact, int64_t task) {
  auto r = c_.run("upload.request_state", {org, contact, task});
  if (r.empty()) return std::nullopt;
  return RequestState{r.str(0, 0), r.boolean(0, 1)};
}

bool UploadDb::answer_request(int64_t org, int64_t contact, int64_t task, const std::vector<int64_t>& documents,
                              const std::string& note, const std::optional<std::string>& ip) {
  std::optional<std::string> n;
  if (!note.empty()) n = note;
  return !c_.run("upload.answer_request", {org, contact, task, documents, n, ip}).empty();
}

}  // namespace portico::upload

#include "public/public_db.hpp"

#include <array>

namespace portico::public_portal {

namespace {

#define ISO_UTC(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI \"UTC\"')"

constexpr std::array<pg::Statement, 14> kList{{
    {"public.portal",
     "SELECT id, slug, title, introduction, multi_process, registration_enabled, allow_duplicates "
     "FROM portal WHERE org_id = $1 AND slug = $2 AND enabled"},
    {"public.processes",
     "SELECT p.id, p.name, p.description, jsonb_array_length(p.steps) FROM portal_process pp "
     "JOIN process p ON p.org_id = pp.org_id AND p.id = pp.process_id "
     "WHERE pp.org_id = $1 AND pp.portal_id = $2 ORDER BY pp.position, p.id"},
    {"public.failures",
     "SELECT (SELECT count(*) FROM login_failure WHERE org_id = $1 AND username = lower($2) "
     "        AND at > now() - make_interval(mins => $4)), "
     "       (SELECT count(*) FROM login_failure WHERE org_id = $1 AND ip = $3::inet "
     "        AND at > now() - make_interval(mins => $4))"},
    {"public.record_failure",
     "INSERT INTO login_failure (org_id, username, ip) VALUES ($1, lower($2), $3::inet)"},
    {"public.recent_registrations",
     "SELECT count(*) FROM throttle_event WHERE org_id = $1 AND kind = 'register_ip' AND key = $2 "
     "AND at > now() - interval '1 hour'"},
    {"public.record_registration",
     "WITH old AS (DELETE FROM throttle_event WHERE org_id = $1 AND kind = 'register_ip' AND key = $2 "
     "             AND at < now() - interval '1 day') "
     "INSERT INTO throttle_event (org_id, kind, key) VALUES ($1, 'register_ip', $2)"},
    {"public.lock_email",
     "SELECT pg_advisory_xact_lock(hashtextextended('register:' || $1::text || ':' || lower($2), 0))"},
    {"public.person",
     "SELECT id, contact_id, password_hash, state FROM account WHERE org_id = $1 AND lower(username) = lower($2)"},
    {"public.create_person",
     "WITH c AS (INSERT INTO contact (org_id, kind, email, name) VALUES ($1, 'applicant', $3, $2) RETURNING id), "
     "a AS (INSERT INTO account (org_id, contact_id, username, password_hash, state) "
     "      SELECT $1, c.id, $3, $4, 'active' FROM c RETURNING id, contact_id), "
     "audit AS (INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, object_id, ip) "
     "          SELECT $1, 'contact', a.contact_id, 'applicant.register', 'account', a.id, $5::inet FROM a) "
     "SELECT a.id, a.contact_id FROM a"},
    {"public.existing_application",
     "SELECT id FROM application WHERE org_id = $1 AND contact_id = $2 AND process_id = $3 "
     "ORDER BY id DESC LIMIT 1"},
    {"public.start_application",
     // $1 org, $2 portal, $3 process, $4 contact, $5 ip. No row when the process is not the portal's.
     "WITH src AS (SELECT po.id AS portal_id, pr.id AS process_id, po.tags, pr.steps FROM portal po "
     "             JOIN portal_process pp ON pp.org_id = po.org_id AND pp.portal_id = po.id "
     "             JOIN process pr ON pr.org_id = pp.org_id AND pr.id = pp.process_id "
     "             WHERE po.org_id = $1 AND po.id = $2 AND pr.id = $3), "
     "app AS (INSERT INTO application (org_id, portal_id, process_id, contact_id, tags) "
     "        SELECT $1, portal_id, process_id, $4, tags FROM src RETURNING id), "
     "t AS (INSERT INTO task (org_id, type, title, instructions, spec, assignee_contact_id, application_id, step_no) "
     "      SELECT $1, s.step->>'type', s.step->>'title', coalesce(s.step->>'instructions', ''), "
     "             coalesce(s.step->'spec', '{}'), $4, app.id, s.n "
     "      FROM app, src, jsonb_array_elements(src.steps) WITH ORDINALITY AS s(step, n) RETURNING id, application_id), "
     "e AS (INSERT INTO task_event (org_id, task_id, kind, contact_id, detail) "
     "      SELECT $1, t.id, 'assigned', $4, jsonb_build_object('contact_id', $4::bigint, "
     "             'application_id', t.application_id) FROM t), "
     "audit AS (INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, object_id, detail, ip) "
     "          SELECT $1, 'contact', $4, 'application.start', 'application', app.id, "
     "                 jsonb_build_object('portal_id', $2::bigint, 'process_id', $3::bigint), $5::inet FROM app) "
     "SELECT id FROM app"},
    {"public.applications",
     "SELECT a.id, pr.name, po.title, po.slug, " ISO_UTC("a.created_at") ", "
     "  CASE WHEN EXISTS (SELECT 1 FROM task t WHERE t.org_id = a.org_id AND t.application_id = a.id "
     "                    AND t.state IN ('new', 'in_progress')) THEN 'open' ELSE 'completed' END, "
     "  (SELECT count(*) FROM task t WHERE t.org_id = a.org_id AND t.application_id = a.id AND t.state = 'completed'), "
     "  (SELECT count(*) FROM task t WHERE t.org_id = a.org_id AND t.application_id = a.id) "
     "FROM application a JOIN process pr ON pr.org_id = a.org_id AND pr.id = a.process_id "
     "JOIN portal po ON po.org_id = a.org_id AND po.id = a.portal_id "
     "WHERE a.org_id = $1 AND a.contact_id = $2 AND ($3::bigint IS NULL OR a.id = $3) "
     "ORDER BY a.created_at DESC, a.id DESC LIMIT 200"},
    {"public.latest_application",
     "SELECT id FROM application WHERE org_id = $1 AND contact_id = $2 ORDER BY created_at DESC, id DESC LIMIT 1"},
    {"public.steps",
     "SELECT t.id, t.step_no, t.title, t.type, t.state, coalesce(" ISO_UTC("t.completed_at") ", '') "
     "FROM application a JOIN task t ON t.org_id = a.org_id AND t.application_id = a.id "
     "WHERE a.org_id = $1 AND a.contact_id = $2 AND a.id = $3 ORDER BY t.step_no"},
}};

}  // namespace

std::span<const pg::Statement> PublicDb::statements() { return kList; }

std::optional<PortalRow> PublicDb::portal(int64_t org, std::string_view slug) {
  auto r = c_.run("public.portal", {org, slug});
  if (r.empty()) return std::nullopt;
  return PortalRow{r.i64(0, 0), r.str(0, 1), r.str(0, 2), r.str(0, 3), r.boolean(0, 4), r.boolean(0, 5),
                   r.boolean(0, 6)};
}

std::vector<ProcessRow> PublicDb::processes(int64_t org, int64_t portal) {
  auto r = c_.run("public.processes", {org, portal});
  std::vector<ProcessRow> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.i64(i, 0), r.str(i, 1), r.str(i, 2), static_cast<int>(r.i64(i, 3))});
  return out;
}

Counts PublicDb::recent_failures(int64_t org, std::string_view username, std::string_view ip, int minutes) {
  auto r = c_.run("public.failures", {org, username, ip, minutes});
  return {r.i64(0, 0), r.i64(0, 1)};
}

void PublicDb::record_failure(int64_t org, std::string_view username, std::string_view ip) {
  c_.run("public.record_failure", {org, username, ip});
}

int64_t PublicDb::recent_registrations(int64_t org, std::string_view ip) {
  return c_.run("public.recent_registrations", {org, ip}).i64(0, 0);
}

void PublicDb::record_registration(int64_t org, std::string_view ip) { c_.run("public.record_registration", {org, ip}); }

void PublicDb::lock_email(int64_t org, std::string_view email) { c_.run("public.lock_email", {org, email}); }

std::optional<Person> PublicDb::person(int64_t org, std::string_view username) {
  auto r = c_.run("public.person", {org, username});
  if (r.empty()) return std::nullopt;
  return Person{r.i64(0, 0), r.i64(0, 1), r.opt(0, 2), r.str(0, 3)};
}

Person PublicDb::create_person(int64_t org, std::string_view name, std::string_view email, const std::string& hash,
                               std::string_view ip) {
  auto r = c_.run("public.create_person", {org, name, email, hash, ip});
  return Person{r.i64(0, 0), r.i64(0, 1), hash, "active"};
}

std::optional<int64_t> PublicDb::existing_application(int64_t org, int64_t contact, int64_t process) {
  auto r = c_.run("public.existing_application", {org, contact, process});
  if (r.empty()) return std::nullopt;
  return r.i64(0, 0);
}

std::optional<int64_t> PublicDb::start_application(int64_t org, int64_t portal, int64_t process, int64_t contact,
                                                   std::string_view ip) {
  auto r = c_.run("public.start_application", {org, portal, process, contact, ip});
  if (r.empty()) return std::nullopt;
  return r.i64(0, 0);
}

std::vector<ApplicationRow> PublicDb::applications(int64_t org, int64_t contact, std::optional<int64_t> only) {
  auto r = c_.run("public.applications", {org, contact, only});
  std::vector<ApplicationRow> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.i64(i, 0), r.str(i, 1), r.str(i, 2), r.str(i, 3), r.str(i, 4), r.str(i, 5), r.i64(i, 6),
                   r.i64(i, 7)});
  return out;
}

std::optional<int64_t> PublicDb::latest_application(int64_t org, int64_t contact) {
  auto r = c_.run("public.latest_application", {org, contact});
  if (r.empty()) return std::nullopt;
  return r.i64(0, 0);
}

std::vector<StepRow> PublicDb::steps(int64_t org, int64_t contact, int64_t application) {
  auto r = c_.run("public.steps", {org, contact, application});
  std::vector<StepRow> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.i64(i, 0), static_cast<int>(r.i64(i, 1)), r.str(i, 2), r.str(i, 3), r.str(i, 4), r.str(i, 5)});
  return out;
}

}  // namespace portico::public_portal

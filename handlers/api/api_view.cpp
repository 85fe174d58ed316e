#include "api_view.hpp"

namespace portico::api {

namespace {
using nlohmann::json;

json text_or_null(const pg::Result& r, int row, int col) {
  if (r.is_null(row, col)) return nullptr;
  return r.str(row, col);
}

json id_or_null(const pg::Result& r, int row, int col) {
  if (r.is_null(row, col)) return nullptr;
  return r.i64(row, col);
}
}  // namespace

json contact_json(const pg::Result& r, int row) {
  return {
      {"id", r.i64(row, r.column("id"))},
      {"kind", r.str(row, r.column("kind"))},
      {"status", r.str(row, r.column("status"))},
      {"email", r.str(row, r.column("email"))},
      {"name", r.str(row, r.column("name"))},
      {"record_ref", text_or_null(r, row, r.column("record_ref"))},
      {"client_id", id_or_null(r, row, r.column("client_id"))},
      {"identifiers", json::parse(r.view(row, r.column("identifiers")))},
      {"groups", json::parse(r.view(row, r.column("groups")))},
      {"has_account", r.boolean(row, r.column("has_account"))},
      {"created_at", r.str(row, r.column("created_at"))},
      {"updated_at", r.str(row, r.column("updated_at"))},
  };
}

json client_json(const pg::Result& r, int row) {
  return {
      {"id", r.i64(row, r.column("id"))},
      {"name", r.str(row, r.column("name"))},
      {"record_ref", text_or_null(r, row, r.column("record_ref"))},
      {"contact_count", r.i64(row, r.column("contact_count"))},
      {"created_at", r.str(row, r.column("created_at"))},
      {"updated_at", r.str(row, r.column("updated_at"))},
  };
}

json group_json(const pg::Result& r, int row) {
  return {
      {"id", r.i64(row, r.column("id"))},
      {"kind", r.str(row, r.column("kind"))},
      {"name", r.str(row, r.column("name"))},
      {"auth_mode", r.str(row, r.column("auth_mode"))},
      {"identifier_fields", json::parse(r.view(row, r.column("identifier_fields")))},
      {"member_count", r.i64(row, r.column("member_count"))},
      {"created_at", r.str(row, r.column("created_at"))},
      {"updated_at", r.str(row, r.column("updated_at"))},
  };
}

json account_json(const pg::Result& r, int row) {
  json link_sent = nullptr;
  if (!r.is_null(row, r.column("outbox_id")))
    link_sent = {
        {"outbox_id", r.i64(row, r.column("outbox_id"))},
        {"state", r.str(row, r.column("outbox_state"))},
        {"sent_at", text_or_null(r, row, r.column("outbox_sent_at"))},
        {"last_error", text_or_null(r, row, r.column("outbox_last_error"))},
    };
  return {
      {"id", r.i64(row, r.column("id"))},
      {"contact_id", r.i64(row, r.column("contact_id"))},
      {"username", r.str(row, r.column("username"))},
      {"state", r.str(row, r.column("state"))},
      {"external_assignee", r.boolean(row, r.column("external_assignee"))},
      {"must_change_password", r.boolean(row, r.column("must_change_password"))},
      {"created_at", r.str(row, r.column("created_at"))},
      {"last_login_at", text_or_null(r, row, r.column("last_login_at"))},
      {"onboarding",
       {
           {"invited_at", text_or_null(r, row, r.column("invited_at"))},
           {"link_purpose", text_or_null(r, row, r.column("link_purpose"))},
           {"link_sent", std::move(link_sent)},
           {"link_expires_at", text_or_null(r, row, r.column("link_expires_at"))},
           {"link_used_at", text_or_null(r, row, r.column("link_used_at"))},
           {"link_revoked_at", text_or_null(r, row, r.column("link_revoked_at"))},
           {"activated", r.boolean(row, r.column("activated"))},
       }},
  };
}

json outbox_json(const pg::Result& r, int row, bool with_attempts) {
  json out = {
      {"id", r.i64(row, r.column("id"))},
      {"folder", r.str(row, r.column("folder"))},
      {"to_email", r.str(row, r.column("to_email"))},
      {"to_name", r.str(row, r.column("to_name"))},
      {"contact_id", id_or_null(r, row, r.column("contact_id"))},
      {"subject", r.str(row, r.column("subject"))},
      {"state", r.str(row, r.column("state"))},
      {"attempts", r.i64(row, r.column("attempts"))},
      {"next_attempt_at", r.str(row, r.column("next_attempt_at"))},
      {"last_error", text_or_null(r, row, r.column("last_error"))},
      {"created_at", r.str(row, r.column("created_at"))},
      {"sent_at", text_or_null(r, row, r.column("sent_at"))},
  };
  if (with_attempts) out["attempts_log"] = json::parse(r.view(row, r.column("attempts_log")));
  return out;
}

json task_json(const pg::Result& r, int row, bool with_detail) {
  json out = {
      {"id", r.i64(row, r.column("id"))},
      {"type", r.str(row, r.column("type"))},
      {"title", r.str(row, r.column("title"))},
      {"instructions", r.str(row, r.column("instructions"))},
      {"spec", json::parse(r.view(row, r.column("spec")))},
      {"contact_id", id_or_null(r, row, r.column("contact_id"))},
      {"group_id", id_or_null(r, row, r.column("group_id"))},
      {"state", r.str(row, r.column("state"))},
      {"taken_by", id_or_null(r, row, r.column("taken_by"))},
      {"taken_at", text_or_null(r, row, r.column("taken_at"))},
      {"completed_by", id_or_null(r, row, r.column("completed_by"))},
      {"completed_at", text_or_null(r, row, r.column("completed_at"))},
      {"completed_via", text_or_null(r, row, r.column("completed_via"))},
      {"due_at", text_or_null(r, row, r.column("due_at"))},
      {"created_at", r.str(row, r.column("created_at"))},
      {"updated_at", r.str(row, r.column("updated_at"))},
  };
  if (with_detail) {
    int c = r.column("response");
    out["response"] = r.is_null(row, c) ? json(nullptr) : json::parse(r.view(row, c));
    out["history"] = json::parse(r.view(row, r.column("history")));
    out["links"] = json::parse(r.view(row, r.column("links")));
  }
  return out;
}

json dashboard_json(const pg::Result& r, int row) {
  return {
      {"contact_id", r.i64(row, r.column("id"))},
      {"name", r.str(row, r.column("name"))},
      {"email", r.str(row, r.column("email"))},
      {"kind", r.str(row, r.column("kind"))},
      {"status", r.str(row, r.column("status"))},
      {"way_in", r.str(row, r.column("way_in"))},
      {"open_tasks", r.i64(row, r.column("open_tasks"))},
      {"last_activity", text_or_null(r, row, r.column("last_activity"))},
  };
}

json page_json(const pg::Result& r, int limit, const RowJson& row_json) {
  json data = json::array();
  int shown = std::min(r.rows(), limit);
  for (int i = 0; i < shown; ++i) data.push_back(row_json(r, i));
  json next = nullptr;
  if (r.rows() > limit) next = r.i64(shown - 1, r.column("id"));
  return {{"data", std::move(data)}, {"next_after", std::move(next)}};
}

}  // namespace portico::api

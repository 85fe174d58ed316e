#include "api_view.hpp"

namespace portico::api {

namespace {
using nlohmann::json;

// One row as a JSON object, field by field. emplace, not an initializer list: the list builds a temporary
// two-element array per field and copies it into the object, a third of the API list's CPU (perf,
// docs/performance.md). Each method takes the JSON key, and the column when its name differs.
class Fields {
 public:
  Fields(const pg::Result& r, int row) : r_(r), row_(row) {}

  Fields& text(const char* key, const char* col = nullptr) {
    o_.emplace(key, std::string(r_.view(row_, r_.column(col ? col : key))));
    return *this;
  }
  Fields& text_or_null(const char* key, const char* col = nullptr) {
    int c = r_.column(col ? col : key);
    if (r_.is_null(row_, c)) o_.emplace(key, nullptr);
    else o_.emplace(key, std::string(r_.view(row_, c)));
    return *this;
  }
  Fields& id(const char* key, const char* col = nullptr) {
    o_.emplace(key, r_.i64(row_, r_.column(col ? col : key)));
    return *this;
  }
  Fields& id_or_null(const char* key, const char* col = nullptr) {
    int c = r_.column(col ? col : key);
    if (r_.is_null(row_, c)) o_.emplace(key, nullptr);
    else o_.emplace(key, r_.i64(row_, c));
    return *this;
  }
  Fields& boolean(const char* key) {
    o_.emplace(key, r_.boolean(row_, r_.column(key)));
    return *this;
  }
  // A column that holds JSON text (jsonb::text, json_agg); SQL NULL becomes null.
  Fields& parsed(const char* key) {
    int c = r_.column(key);
    if (r_.is_null(row_, c)) o_.emplace(key, nullptr);
    else o_.emplace(key, json::parse(r_.view(row_, c)));
    return *this;
  }
  Fields& value(const char* key, json v) {
    o_.emplace(key, std::move(v));
    return *this;
  }
  json take() { return std::move(o_); }

 private:
  const pg::Result& r_;
  int row_;
  json o_ = json::object();
};
}  // namespace

json contact_json(const pg::Result& r, int row) {
  return Fields(r, row)
      .id("id").text("kind").text("status").text("email").text("name").text_or_null("record_ref")
      .id_or_null("client_id").parsed("identifiers").parsed("groups").boolean("has_account")
      .text("created_at").text("updated_at")
      .take();
}

json client_json(const pg::Result& r, int row) {
  return Fields(r, row)
      .id("id").text("name").text_or_null("record_ref").id("contact_count").text("created_at").text("updated_at")
      .take();
}

json group_json(const pg::Result& r, int row) {
  return Fields(r, row)
      .id("id").text("kind").text("name").text("auth_mode").parsed("identifier_fields").id("member_count")
      .text("created_at").text("updated_at")
      .take();
}

json account_json(const pg::Result& r, int row) {
  json link_sent = nullptr;
  if (!r.is_null(row, r.column("outbox_id")))
    link_sent = Fields(r, row)
                    .id("outbox_id").text("state", "outbox_state").text_or_null("sent_at", "outbox_sent_at")
                    .text_or_null("last_error", "outbox_last_error")
                    .take();
  json onboarding = Fields(r, row)
                        .text_or_null("invited_at").text_or_null("link_purpose").value("link_sent", std::move(link_sent))
                        .text_or_null("link_expires_at").text_or_null("link_used_at").text_or_null("link_revoked_at")
                        .boolean("activated")
                        .take();
  return Fields(r, row)
      .id("id").id("contact_id").text("username").text("state").boolean("external_assignee")
      .boolean("must_change_password").text("created_at").text_or_null("last_login_at")
      .value("onboarding", std::move(onboarding))
      .take();
}

json outbox_json(const pg::Result& r, int row, bool with_attempts) {
  Fields f(r, row);
  f.id("id").text("folder").text("to_email").text("to_name").id_or_null("contact_id").text("subject").text("state")
      .id("attempts").text("next_attempt_at").text_or_null("last_error").text("created_at").text_or_null("sent_at");
  if (with_attempts) f.parsed("attempts_log");
  return f.take();
}

json task_json(const pg::Result& r, int row, bool with_detail) {
  Fields f(r, row);
  f.id("id").text("type").text("title").text("instructions").parsed("spec").id_or_null("contact_id")
      .id_or_null("group_id").text("state").id_or_null("taken_by").text_or_null("taken_at").id_or_null("completed_by")
      .text_or_null("completed_at").text_or_null("completed_via").text_or_null("due_at").text("created_at")
      .text("updated_at");
  if (with_detail) f.parsed("response").parsed("history").parsed("links");
  return f.take();
}

json dashboard_json(const pg::Result& r, int row) {
  return Fields(r, row)
      .id("contact_id", "id").text("name").text("email").text("kind").text("status").text("way_in")
      .id("open_tasks").text_or_null("last_activity")
      .take();
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

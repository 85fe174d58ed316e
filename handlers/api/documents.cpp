#include "documents.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <map>

#include <ctemplate/template.h>

#include "api_view.hpp"
#include "crypto/link_token.hpp"
#include "documents_db.hpp"
#include "files/chunks.hpp"
#include "http/error.hpp"
#include "http/json_input.hpp"
#include "json_fields.hpp"
#include "mail/mime.hpp"
#include "tasks_db.hpp"

namespace portico::api::documents {

namespace {
using nlohmann::json;

constexpr std::array<std::string_view, 5> kIssuedKinds{"invoice", "quote", "credit", "contract", "other"};
constexpr std::array<std::string_view, 7> kKinds{"upload", "signed", "invoice", "quote", "credit", "contract", "other"};
constexpr std::array<std::string_view, 4> kTabs{"unassigned", "general", "signed", "issued"};
constexpr std::array<std::string_view, 2> kMoveTabs{"unassigned", "general"};
// What staff may issue: types a browser shows as they are, never one that runs script in the portal.
constexpr std::array<std::string_view, 5> kContentTypes{"application/pdf", "text/plain", "image/png", "image/jpeg",
                                                        "text/csv"};
constexpr size_t kMaxRecipients = 50;

constexpr std::array<JsonField, 5> kIssueFields{{
    {.name = "kind", .type = FieldType::choice, .required = true, .choices = kIssuedKinds},
    {.name = "title", .type = FieldType::line, .min = 1, .max = 300, .required = true},
    {.name = "contact_id", .type = FieldType::id},
    {.name = "client_id", .type = FieldType::id},
    {.name = "content_type", .type = FieldType::choice, .choices = kContentTypes},
}};
constexpr std::array<JsonField, 1> kUpdateFields{{
    {.name = "tab", .type = FieldType::choice, .required = true, .choices = kMoveTabs},
}};
constexpr std::array<QueryParam, 4> kFilters{{
    {.name = "contact_id", .type = ParamType::id},
    {.name = "client_id", .type = ParamType::id},
    {.name = "tab", .type = ParamType::choice, .choices = kTabs},
    {.name = "kind", .type = ParamType::choice, .choices = kKinds},
}};

const char* kNoDocument = "No document with that id.";

std::string location(int64_t id) { return "/api/v1/documents/" + std::to_string(id); }

json load(Call& call, int64_t id) {
  pg::Result r = documents_db::get(call.db, call.who.org_id, id);
  if (r.empty()) throw http::not_found(kNoDocument);
  return json::parse(r.view(0, 1));
}

std::string without_slash(const std::string& base) {
  return !base.empty() && base.back() == '/' ? base.substr(0, base.size() - 1) : base;
}

http::Error field_error(const std::string& field, const std::string& message) {
  return http::unprocessable(message, {{field, message}});
}
}  // namespace

Issue check_issue(const json& body) {
  std::map<std::string, std::string> errors;
  json rest = body;
  rest.erase("recipients");
  rest.erase("content_base64");
  Issue out;
  try {
    out.fields = check_fields(rest, kIssueFields, Mode::create);
  } catch (const http::Error& e) {
    if (e.status != 422) throw;
    errors = e.fields;
  }
  bool contact = body.contains("contact_id"), client = body.contains("client_id");
  if (contact == client && !errors.contains("contact_id") && !errors.contains("client_id"))
    errors["client_id"] = contact ? "client_id and contact_id: give exactly one of them, not both."
                                  : "client_id or contact_id is required: a document is issued to a client or to one contact.";

  if (body.contains("recipients")) {
    const json& r = body["recipients"];
    if (!r.is_array() || r.size() > kMaxRecipients) {
      errors["recipients"] = "recipients must be an array of at most " + std::to_string(kMaxRecipients) + " contact ids.";
    } else {
      for (const auto& v : r) {
        if (!v.is_number_integer() || v.get<int64_t>() < 1) {
          errors["recipients"] = "recipients must hold contact ids (positive whole numbers).";
          break;
        }
        int64_t id = v.get<int64_t>();
        if (std::find(out.recipients.begin(), out.recipients.end(), id) == out.recipients.end()) out.recipients.push_back(id);
      }
    }
  }

  const json* b64 = body.contains("content_base64") ? &body["content_base64"] : nullptr;
  if (!b64 || !b64->is_string() || b64->get_ref<const std::string&>().empty()) {
    errors["content_base64"] = "content_base64 is required: the document's bytes in base64.";
  } else {
    const std::string& text = b64->get_ref<const std::string&>();
    std::string bin(text.size() / 4 * 3 + 3, '\0');
    size_t len = 0;
    if (text.size() > (kMaxContentBytes + 2) / 3 * 4) {
      errors["content_base64"] = "The document is too large: at most " + std::to_string(kMaxContentBytes / 1024) + " KiB.";
    } else if (sodium_base642bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), text.data(), text.size(),
                                 " \r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 || len == 0) {
      errors["content_base64"] = "content_base64 is not valid base64.";
    } else {
      bin.resize(len);
      out.content = std::move(bin);
    }
  }
  if (!errors.empty())
    throw http::unprocessable(errors.size() == 1 ? errors.begin()->second : "Some fields are not valid.", errors);
  out.content_type = out.fields.value("content_type", "application/pdf");
  if (out.content_type.starts_with("text/")) out.content_type += "; charset=utf-8";
  return out;
}

std::span<const QueryParam> filters() { return kFilters; }

http::Response list(Call& call) {
  ListQuery q = parse_list_query(call.req.query(), filters());
  documents_db::Filter f{.contact_id = q.id("contact_id"), .client_id = q.id("client_id"), .tab = q.text("tab"),
                         .kind = q.text("kind")};
  pg::Result r = documents_db::list(call.db, call.who.org_id, f, q.after, q.limit + 1);
  auto row_json = [](const pg::Result& res, int row) { return json::parse(res.view(row, 1)); };
  return http::Response::json(page_json(r, q.limit, row_json));
}

http::Response get(Call& call, int64_t id) { return http::Response::json(load(call, id)); }

http::Response issue(Call& call) {
  Issue in = check_issue(http::read_json_object(call.req, 1024 * 1024));

  pg::Transaction tx(call.db);
  // The addressee and every recipient: this org's active contacts; recipients of a client's document are
  // its contacts, of one contact's document that contact.
  std::vector<int64_t> ids = in.recipients;
  std::optional<int64_t> to_contact, to_client;
  if (in.fields.contains("contact_id")) to_contact = in.fields["contact_id"].get<int64_t>();
  else to_client = in.fields["client_id"].get<int64_t>();
  if (to_contact) ids.push_back(*to_contact);
  auto people = documents_db::contacts(call.db, call.who.org_id, ids);
  auto find = [&](int64_t id) -> const documents_db::Person* {
    for (const auto& p : people)
      if (p.id == id) return &p;
    return nullptr;
  };
  if (to_contact && !find(*to_contact)) throw field_error("contact_id", "contact_id is not a contact of this organisation.");
  for (int64_t r : in.recipients) {
    const auto* p = find(r);
    if (!p) throw field_error("recipients", "recipients: " + std::to_string(r) + " is not a contact of this organisation.");
    if (p->status != "active") throw field_error("recipients", "recipients: contact " + std::to_string(r) + " is inactive.");
    if (to_contact && r != *to_contact)
      throw field_error("recipients", "recipients: a document issued to one contact can only be sent to that contact.");
    if (to_client && p->client_id != to_client)
      throw field_error("recipients", "recipients: contact " + std::to_string(r) + " is not a contact of client " +
                                          std::to_string(*to_client) + ".");
  }

  int64_t id = 0;
  try {
    id = documents_db::issue(call.db, call.who, in.fields.dump(), in.content_type);
  } catch (const pg::Error& e) {
    if (e.kind == pg::ErrorKind::foreign_key) throw field_error("client_id", "client_id is not a client of this organisation.");
    throw;
  }
  files::ChunkWriter writer(call.db, call.who.org_id, id);
  writer.write(in.content);
  writer.finish();

  tasks_db::Org org = tasks_db::org(call.db, call.who.org_id);
  std::string base = without_slash(org.base_url);
  std::string kind = in.fields["kind"].get<std::string>();
  for (int64_t r : in.recipients) {
    const auto* p = find(r);
    crypto::IssuedLink link = crypto::issue_link(*call.keys, crypto::LinkPurpose::document_view);
    int64_t link_id = documents_db::add_link(call.db, call.who.org_id, id, r, link.secret_hash);
    ctemplate::TemplateDictionary d("document");
    d.SetValue("CONTACT_NAME", p->name);
    d.SetValue("ORG_NAME", org.display_name);
    d.SetValue("PORTAL_LINK", base);
    d.SetValue("DOCUMENT_TITLE", in.fields["title"].get<std::string>());
    d.SetValue("DOCUMENT_KIND", kind == "credit" ? "credit note" : kind);
    d.SetValue("VIEW_LINK", base + "/d/" + link.token);
    try {
      call.outbox->queue("document_issued", d,
                         {.org_id = call.who.org_id,
                          .idempotency_key = "document:" + std::to_string(id) + ":link:" + std::to_string(link_id),
                          .contact_id = r,
                          .to = {p->name, p->email}});
    } catch (const mail::BadAddress&) {
      throw http::unprocessable("The e-mail address of contact " + std::to_string(r) +
                                " cannot receive mail: correct it, then try again.");
    }
  }
  json out = load(call, id);
  tx.commit();
  return created(out, location(id));
}

http::Response update(Call& call, int64_t id) {
  json fields;
  try {
    fields = check_fields(http::read_json_object(call.req), kUpdateFields, Mode::create);
  } catch (const http::Error&) {
    // Another org's (or no) document is 404 whatever the body says, as on every route that names an id.
    if (documents_db::get(call.db, call.who.org_id, id).empty()) throw http::not_found(kNoDocument);
    throw;
  }
  switch (documents_db::move(call.db, call.who, id, fields["tab"].get<std::string>())) {
    case documents_db::Moved::not_found: throw http::not_found(kNoDocument);
    case documents_db::Moved::not_upload:
      throw http::conflict("Only a document a person sent (kind upload) moves between Unassigned and General.");
    case documents_db::Moved::done: break;
  }
  return http::Response::json(load(call, id));
}

http::Response content(Call& call, int64_t id) {
  auto doc = call.req.method() == "GET"
                 ? documents_db::preview(call.db, call.who, id, call.req.user_agent())
                 : std::nullopt;
  if (call.req.method() != "GET") {  // HEAD: the headers, and no preview row
    pg::Result r = documents_db::get(call.db, call.who.org_id, id);
    if (r.empty()) throw http::not_found(kNoDocument);
    json j = json::parse(r.view(0, 1));
    doc = files::Served{call.who.org_id, id, j["title"].get<std::string>(), j["content_type"].get<std::string>(),
                        j["size_bytes"].get<int64_t>()};
  }
  if (!doc) throw http::not_found(kNoDocument);
  return files::serve(call.db, *doc, true);
}

http::Response views(Call& call, int64_t id) {
  pg::Result r = documents_db::views(call.db, call.who.org_id, id);
  if (r.empty()) throw http::not_found(kNoDocument);
  return http::Response::json({{"document_id", id},
                               {"status", r.str(0, 1)},
                               {"contacts", json::parse(r.view(0, 2))},
                               {"data", json::parse(r.view(0, 3))}});
}

}  // namespace portico::api::documents

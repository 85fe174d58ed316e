#include "admin/admin.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "admin/admin_db.hpp"
#include "auth/permissions.hpp"
#include "config/config.hpp"
#include "crypto/keys.hpp"
#include "crypto/password.hpp"
#include "crypto/token.hpp"
#include "http/validate.hpp"
#include "mail/smtp.hpp"

namespace portico::admin {

const char* const kUsage =
    "Usage: portico-admin COMMAND [options]\n\n"
    "  keygen FILE                      create a server key file (mode 0600)\n"
    "  migrate [--sql-dir DIR]          apply pending migrations (default $PORTICO_SQL_DIR)\n"
    "  org create --slug S --name N --base-url URL [--contact-email E]\n"
    "  org host add --org S --host H    route requests for host H to org S\n"
    "  org set --org S [--smtp-url URL] [--mail-from E] [--contact-email E] [--external-assignee-seats N]\n"
    "                                   mail settings (--smtp-url '' returns to the deployment's relay)\n"
    "  org set --org S --stylesheet FILE  the org's CSS, served as /org.css after the default look\n"
    "                                   (an empty file removes it)\n"
    "  apikey create --org S --name N --permissions p1,p2 [--expires-days D]   (prints the key once)\n"
    "  apikey list --org S              every key: id, name, permissions, created, last used, state\n"
    "  apikey revoke --org S --id N     the key stops working at once\n"
    "  account create --org S --email E --name N --username U [--kind K] [--external-assignee]\n"
    "                                   (reads the password from standard input)\n"
    "  demo-seed --host H [--host H2] --base-url URL\n"
    "                                   create or refresh the demo org; prints its login\n\n"
    "Environment: PORTICO_DB (libpq conninfo), PORTICO_KEY_FILE, PORTICO_SQL_DIR.\n";

std::string Args::get(const std::string& k) const {
  auto it = options.find(k);
  if (it == options.end()) throw UsageError("missing --" + k);
  return it->second;
}

std::vector<std::string> Args::all(const std::string& k) const {
  std::vector<std::string> v;
  for (auto [b, e] = options.equal_range(k); b != e; ++b) v.push_back(b->second);
  return v;
}

Args parse_args(int argc, char** argv) {
  static const char* flags[] = {"external-assignee", "help", "version"};
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) != 0) { a.words.push_back(s); continue; }
    std::string k = s.substr(2);
    if (std::find(std::begin(flags), std::end(flags), k) != std::end(flags)) { a.options.emplace(k, "1"); continue; }
    if (i + 1 >= argc) throw UsageError("--" + k + " needs a value");
    a.options.emplace(k, argv[++i]);
  }
  return a;
}

namespace {

const std::regex kSlug("^[a-z0-9][a-z0-9-]{0,62}$");
const std::regex kHost("^[a-z0-9.-]{1,253}$");

std::string pg_array(const std::vector<std::string>& items) {
  // A text[] literal; items are validated names, quoted anyway.
  std::string s = "{";
  for (size_t i = 0; i < items.size(); ++i) s += (i ? ",\"" : "\"") + items[i] + "\"";
  return s + "}";
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string item; std::getline(ss, item, sep);)
    if (!item.empty()) out.push_back(item);
  return out;
}

Config config(unsigned needs) { return load_config(needs); }

int64_t require_org(AdminDb& db, const std::string& slug) {
  auto id = db.org_id(slug);
  if (!id) throw UsageError("no org with slug '" + slug + "'");
  return *id;
}

std::string new_api_key() { return "pk_" + crypto::random_token(); }

// The file an admin gives as an org's stylesheet, within what the org table accepts.
std::string read_stylesheet(const std::string& path) {
  constexpr size_t kMax = 200000;  // org.stylesheet's CHECK (sql/001_core.sql)
  std::ifstream f(path, std::ios::binary);
  if (!f) throw UsageError("--stylesheet: cannot read '" + path + "'");
  std::stringstream ss;
  ss << f.rdbuf();
  std::string css = ss.str();
  if (!http::valid_utf8(css)) throw UsageError("--stylesheet: '" + path + "' is not UTF-8 text");
  if (http::utf8_length(css) > kMax) throw UsageError("--stylesheet: '" + path + "' is longer than 200000 characters");
  return css;
}

int cmd_migrate(const Args& a, std::ostream& out) {
  Config c = config(kNeedDb);
  std::string dir = a.has("sql-dir") ? a.get("sql-dir") : (std::getenv("PORTICO_SQL_DIR") ? std::getenv("PORTICO_SQL_DIR") : "");
  if (dir.empty()) throw UsageError("give --sql-dir DIR or set PORTICO_SQL_DIR");
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (!std::regex_match(name, std::regex("^[0-9]{3}_[a-z0-9_]+\\.sql$"))) continue;
    std::ifstream f(e.path());
    std::stringstream ss;
    ss << f.rdbuf();
    files.emplace_back(name, ss.str());
  }
  std::sort(files.begin(), files.end());
  {
    pg::Connection plain(c.db, {});
    AdminDb::bootstrap(plain);
  }
  pg::Connection conn(c.db, {AdminDb::migration_statements()});
  AdminDb db(conn);
  auto applied = db.migrate(files);
  for (const auto& n : applied) out << "applied " << n << "\n";
  if (applied.empty()) out << "schema is up to date (" << files.size() << " migrations)\n";
  return 0;
}

int cmd_org_create(AdminDb& db, const Args& a, std::ostream& out) {
  std::string slug = a.get("slug"), name = a.get("name"), url = a.get("base-url");
  std::string email = a.has("contact-email") ? a.get("contact-email") : "";
  if (!std::regex_match(slug, kSlug)) throw UsageError("slug must be lower-case letters, digits and '-'");
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) throw UsageError("--base-url must start with https://");
  if (!email.empty() && !http::valid_email(email)) throw UsageError("--contact-email is not a valid address");
  if (db.org_id(slug)) throw UsageError("an org with slug '" + slug + "' already exists");
  int64_t id = db.org_create(slug, name, url, email);
  db.audit(id, "org.create", "org", id);
  out << id << "\n";
  return 0;
}

int cmd_host_add(AdminDb& db, const Args& a, std::ostream& out) {
  std::string host = a.get("host");
  std::transform(host.begin(), host.end(), host.begin(), ::tolower);
  if (!std::regex_match(host, kHost)) throw UsageError("--host must be a host name without port or scheme");
  int64_t org = require_org(db, a.get("org"));
  db.host_add(org, host);
  out << host << " -> " << a.get("org") << "\n";
  return 0;
}

int cmd_org_set(AdminDb& db, const Args& a, std::ostream& out) {
  int64_t org = require_org(db, a.get("org"));
  auto opt = [&](const char* k) { return a.has(k) ? std::optional<std::string>(a.get(k)) : std::nullopt; };
  auto smtp = opt("smtp-url"), from = opt("mail-from"), contact = opt("contact-email");
  if (smtp && !smtp->empty()) {
    if (smtp->find('@') != std::string::npos) throw UsageError("--smtp-url must not hold credentials");
    mail::parse_smtp_url(*smtp);  // throws invalid_argument with the reason
  }
  for (const auto* e : {&from, &contact})
    if (*e && !e->value().empty() && !http::valid_email(**e)) throw UsageError("'" + **e + "' is not a valid address");
  auto css = a.has("stylesheet") ? std::optional(read_stylesheet(a.get("stylesheet"))) : std::nullopt;
  if (a.has("external-assignee-seats")) {
    auto n = http::parse_int(a.get("external-assignee-seats"));
    if (!n || *n < 0 || *n > 1000000) throw UsageError("--external-assignee-seats must be a number from 0 to 1000000");
    db.org_seats(org, *n);
  }
  if (css) db.org_stylesheet(org, *css);
  db.org_mail_settings(org, smtp, from, contact);
  db.audit(org, "org.settings", "org", org);
  out << "updated " << a.get("org") << "\n";
  return 0;
}

int cmd_apikey_create(AdminDb& db, const Args& a, std::ostream& out) {
  int64_t org = require_org(db, a.get("org"));
  auto perms = split(a.get("permissions"), ',');
  for (const auto& p : perms)
    if (!auth::known_permission(p)) throw UsageError("unknown permission '" + p + "'");
  std::optional<int64_t> days;
  if (a.has("expires-days")) {
    days = http::parse_int(a.get("expires-days"));
    if (!days || *days < 1 || *days > 3650) throw UsageError("--expires-days: a whole number of days from 1 to 3650");
  }
  std::string key = new_api_key();
  int64_t id = db.apikey_create(org, a.get("name"), crypto::to_hex(crypto::hash_secret(key)), pg_array(perms), days);
  db.audit(org, "apikey.create", "api_key", id);
  out << "API key " << id << " created. It is shown only once:\n" << key << "\n";
  return 0;
}

int cmd_apikey_list(AdminDb& db, const Args& a, std::ostream& out) {
  int64_t org = require_org(db, a.get("org"));
  out << "id\tname\tpermissions\tcreated\tlast used\tstate\n";
  for (const auto& row : db.apikey_list(org)) {
    for (size_t i = 0; i < row.size(); ++i) out << (i ? "\t" : "") << row[i];
    out << "\n";
  }
  return 0;
}

int cmd_apikey_revoke(AdminDb& db, const Args& a, std::ostream& out) {
  int64_t org = require_org(db, a.get("org"));
  auto id = http::parse_int(a.get("id"));
  if (!id || *id < 1) throw UsageError("--id: the key's number, as apikey list shows it");
  pg::Transaction tx(db.conn());
  if (!db.apikey_revoke(org, *id)) throw UsageError("no active key " + a.get("id") + " in " + a.get("org"));
  db.audit(org, "apikey.revoke", "api_key", *id);
  tx.commit();
  out << "revoked key " << *id << "\n";
  return 0;
}

int64_t make_account(AdminDb& db, int64_t org, const std::string& kind, const std::string& email,
                     const std::string& name, const std::optional<std::string>& ref, std::optional<int64_t> client,
                     const std::string& username, const std::string& password, bool assignee) {
  auto c = db.contact_create(org, kind, email, name, ref, client, "{}");
  auto acc = db.account_upsert(org, c, username, crypto::hash_password(password), assignee);
  db.audit(org, "account.create", "account", acc);
  return acc;
}

int cmd_account_create(AdminDb& db, const Args& a, std::istream& in, std::ostream& out) {
  int64_t org = require_org(db, a.get("org"));
  std::string email = a.get("email"), name = a.get("name"), username = a.get("username");
  std::string kind = a.has("kind") ? a.get("kind") : "client_contact";
  if (!http::valid_email(email)) throw UsageError("--email is not a valid address");
  std::string password;
  std::getline(in, password);
  if (auto problem = crypto::password_problem(password, {username, email, name}))
    throw UsageError("password refused: " + *problem);
  bool assignee = a.has("external-assignee");
  pg::Transaction tx(db.conn());
  if (assignee) {
    auto [seats, free] = db.seats_free(org);
    if (free <= 0)
      throw UsageError("all " + std::to_string(seats) + " external assignee seats are taken; free one or raise "
                       "the limit with org set --external-assignee-seats");
  }
  int64_t id = make_account(db, org, kind, email, name, std::nullopt, std::nullopt, username, password, assignee);
  tx.commit();
  out << id << "\n";
  return 0;
}

int cmd_demo_seed(AdminDb& db, const Args& a, std::ostream& out) {
  std::string url = a.get("base-url");
  auto hosts = a.all("host");
  if (hosts.empty()) throw UsageError("give at least one --host");
  std::string password = crypto::random_token().substr(0, 20);
  std::string key = new_api_key();
  std::vector<std::string> all_perms(auth::kPermissions.begin(), auth::kPermissions.end());

  pg::Transaction tx(db.conn());
  int64_t org = db.org_upsert("demo", "Demo Organisation", url, "office@demo.example");
  for (const auto& h : hosts) db.host_add(org, h);
  int64_t acme = db.client_upsert(org, "Acme Ltd", "ACME");
  make_account(db, org, "client_contact", "dana@demo.example", "Dana Demo", std::string("C-1001"), acme,
               "dana@demo.example", password, false);
  db.contact_create(org, "client_contact", "lee@demo.example", "Lee Acme", std::string("C-1002"), acme, "{}");
  int64_t sam = db.contact_create(org, "target", "sam@demo.example", "Sam Target", std::string("T-2001"), std::nullopt,
                                  R"({"employee_no": "E-1203", "site": "Leeds"})");
  int64_t leeds = db.group_upsert(org, "target_group", "Leeds targets", "one_time", pg_array({"employee_no", "site"}));
  db.member_add(org, leeds, sam);
  db.group_upsert(org, "workgroup", "Field team", "full_account", "{}");
  db.apikey_revoke_named(org, "demo");
  db.apikey_create(org, "demo", crypto::to_hex(crypto::hash_secret(key)), pg_array(all_perms));
  db.audit(org, "demo.seed", "org", org);
  tx.commit();

  std::string base = url.back() == '/' ? url.substr(0, url.size() - 1) : url;
  out << "Demo org:  Demo Organisation\n"
      << "Log in at: " << base << "/login\n"
      << "Username:  dana@demo.example\n"
      << "Password:  " << password << "\n"
      << "API key:   " << key << "\n";
  return 0;
}

}  // namespace

int run(const Args& a, std::istream& in, std::ostream& out) {
  const auto& w = a.words;
  auto is = [&](std::initializer_list<const char*> words) {
    if (w.size() != words.size()) return false;
    size_t i = 0;
    for (const char* x : words)
      if (w[i++] != x) return false;
    return true;
  };
  if (w.size() == 2 && w[0] == "keygen") {
    crypto::Keys::generate(w[1]);
    out << "key file written to " << w[1] << "\n";
    return 0;
  }
  if (is({"migrate"})) return cmd_migrate(a, out);

  Config c = config(kNeedDb);
  pg::Connection conn(c.db, {AdminDb::statements()});
  AdminDb db(conn);
  if (is({"org", "create"})) return cmd_org_create(db, a, out);
  if (is({"org", "host", "add"})) return cmd_host_add(db, a, out);
  if (is({"org", "set"})) return cmd_org_set(db, a, out);
  if (is({"apikey", "create"})) return cmd_apikey_create(db, a, out);
  if (is({"apikey", "list"})) return cmd_apikey_list(db, a, out);
  if (is({"apikey", "revoke"})) return cmd_apikey_revoke(db, a, out);
  if (is({"account", "create"})) return cmd_account_create(db, a, in, out);
  if (is({"demo-seed"})) return cmd_demo_seed(db, a, out);
  throw UsageError("unknown command");
}

}  // namespace portico::admin

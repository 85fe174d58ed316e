#include "upload/upload.hpp"

#include <optional>
#include <string>
#include <vector>

#include "files/chunks.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "http/multipart.hpp"
#include "http/validate.hpp"
#include "upload/upload_view.hpp"

namespace portico::upload {

namespace {
constexpr size_t kMaxTitle = 300;

// At most n code points of valid UTF-8 (the parser has checked the name).
std::string first_code_points(std::string_view s, size_t n) {
  size_t i = 0, count = 0;
  while (i < s.size() && count < n) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++count;
  }
  return std::string(s.substr(0, i));
}

// Each file part becomes a document: its first bytes are held until libmagic has judged them, then
// everything goes to PostgreSQL chunk by chunk.
class FileSink final : public http::MultipartCallbacks {
 public:
  FileSink(pg::Connection& db, UploadDb& q, Sniffer& sniffer, const auth::Context& ctx)
      : db_(db), q_(q), sniffer_(sniffer), ctx_(ctx) {}

  std::vector<int64_t> ids;
  const std::vector<std::pair<std::string, std::string>>* fields = nullptr;  // the form's other fields so far

  void on_part_begin(const http::PartHeaders& h) override {
    check_csrf_so_far();
    skip_ = h.name != "files" || h.filename->empty();  // a file input left empty sends filename=""
    if (skip_) return;
    if (ids.size() + 1 > kMaxFiles)
      throw http::payload_too_large("Send at most " + std::to_string(kMaxFiles) + " files at a time.");
    title_ = first_code_points(*h.filename, kMaxTitle);
    head_.clear();
    writer_.reset();
  }

  void on_part_data(std::string_view chunk) override {
    if (skip_) return;
    if (writer_) return writer_->write(chunk);
    head_.append(chunk);
    if (head_.size() >= kSniffBytes) start();
  }

  void on_part_end() override {
    if (skip_) return;
    if (!writer_) start();
    writer_->finish();
    writer_.reset();
  }

 private:
  // The form's hidden csrf field comes before the file input: refuse a forged form before storing a byte.
  void check_csrf_so_far() const {
    if (!fields) return;
    for (const auto& [k, v] : *fields)
      if (k == "csrf") auth::Sessions::require_csrf(ctx_, v);
  }

  void start() {
    if (head_.empty()) throw http::unprocessable("The file \"" + title_ + "\" is empty.");
    std::string mime = sniffer_.mime(std::string_view(head_).substr(0, kSniffBytes));
    auto type = allowed(mime);
    if (!type)
      throw http::unsupported_media_type("The file \"" + title_ + "\" is of a type we do not accept (" + mime +
                                         "). Send PDF, pictures, Word, Excel, OpenDocument, text or CSV files.");
    int64_t id = q_.create(ctx_.org.id, ctx_.who.contact_id, title_.empty() ? "upload" : title_, *type, "");
    ids.push_back(id);
    writer_.emplace(db_, ctx_.org.id, id);
    writer_->write(head_);
    head_.clear();
  }

  pg::Connection& db_;
  UploadDb& q_;
  Sniffer& sniffer_;
  const auth::Context& ctx_;
  bool skip_ = true;
  std::string title_, head_;
  std::optional<files::ChunkWriter> writer_;
};

// ?task=<id>: the files answer that upload request. Absent: nullopt; anything but a positive id: 404.
std::optional<int64_t> task_of(std::string_view query) {
  for (const auto& [k, v] : http::parse_urlencoded(query, {.max_pairs = 4, .max_key = 16, .max_value = 20})) {
    if (k != "task") continue;
    auto id = v.empty() || v[0] < '1' || v[0] > '9' ? std::nullopt : http::parse_int(v);
    if (!id) throw http::not_found();
    return id;
  }
  return std::nullopt;
}

std::optional<int> sent_count(std::string_view query) {
  for (const auto& [k, v] : http::parse_urlencoded(query, {.max_pairs = 4, .max_key = 16, .max_value = 8}))
    if (k == "sent")
      if (auto n = http::parse_int(v); n && *n >= 0 && *n <= static_cast<int64_t>(kMaxFiles)) return static_cast<int>(*n);
  return std::nullopt;
}
}  // namespace

Upload::Upload(const fcgi::Env& env)
    : db_(env.config.db, {auth::Sessions::statements(), UploadDb::statements(), files::statements()}),
      sessions_(db_, *env.keys),
      q_(db_) {}

http::Response Upload::handle(http::Request& req) {
  if (req.path() != "/upload") throw http::not_found();
  bool post = req.method() == "POST";
  if (!req.is_get() && !post) throw http::method_not_allowed("GET, HEAD, POST");
  auth::Context ctx = sessions_.load(req);
  if (!ctx.who.signed_in()) return http::Response::redirect("/login");
  if (ctx.who.must_change_password) return http::Response::redirect("/account");
  if (post) return receive(req, ctx, task_of(req.query()));
  return render_form(ctx, {.sent = sent_count(req.query()), .max_files = kMaxFiles, .max_file_bytes = kMaxFileBytes});
}

http::Response Upload::receive(http::Request& req, const auth::Context& ctx, std::optional<int64_t> task) {
  // An upload request is checked before a byte is read: not the person's is 404, no longer open is 409.
  if (task) {
    auto rs = q_.request_state(ctx.org.id, ctx.who.contact_id, *task);
    if (!rs) throw http::not_found();
    if (rs->state != "new" && rs->state != "in_progress") throw http::conflict("This request has been answered already.");
    if (rs->held_by_other) throw http::conflict("Someone else has taken this request in charge.");
  }
  // A soft ceiling (two uploads at once may both pass it): checked before a byte is stored.
  if (auto [files, bytes] = q_.sent_last_day(ctx.org.id, ctx.who.contact_id);
      files >= kMaxFilesPerDay || bytes >= kMaxBytesPerDay)
    throw http::too_many_requests("You have sent us a lot of files today. Please wait a few hours before sending "
                                  "more, or get in touch with us.", 3600);
  auto boundary = http::boundary_from_content_type(req.content_type());
  if (!boundary) throw http::unsupported_media_type("Send the files as multipart/form-data.");
  FormOptions page{.max_files = kMaxFiles, .max_file_bytes = kMaxFileBytes, .task = task};

  // One transaction: any failure (a refused type, a size cap, a body cut short) rolls back every file.
  pg::Transaction tx(db_);
  FileSink files(db_, q_, sniffer_, ctx);
  http::FormCollector form(files);
  files.fields = &form.fields;
  http::read_multipart(req, *boundary,
                       {.max_parts = kMaxFiles + 4, .max_part_bytes = kMaxFileBytes,
                        .max_total_bytes = kMaxRequestBytes, .max_field_bytes = 16 * 1024},
                       form);

  static constexpr http::Field kFields[] = {
      {"csrf", "The form token", http::Kind::token, 128, false},
      {"note", "The note", http::Kind::text, kMaxNote, false},
  };
  http::Fields f = http::check(form.fields, kFields);
  auth::Sessions::require_csrf(ctx, f.has("csrf") ? f["csrf"] : "");
  page.note = f.has("note") ? f["note"] : "";
  if (!f.ok()) {
    page.error = f.errors.begin()->second;
    return render_form(ctx, page, 422);
  }
  if (files.ids.empty()) {
    page.error = "Choose at least one file to send.";
    return render_form(ctx, page, 422);
  }
  if (!page.note.empty()) q_.set_note(ctx.org.id, files.ids, page.note);
  q_.audit(ctx.org.id, ctx.who.contact_id, static_cast<int64_t>(files.ids.size()), req.client_ip());
  // Answered meanwhile by someone else (or twice at once): the exception rolls every file back.
  if (task && !q_.answer_request(ctx.org.id, ctx.who.contact_id, *task, files.ids, page.note, req.client_ip()))
    throw http::conflict("This request has been answered already.");
  tx.commit();
  if (task) return http::Response::redirect("/tasks/" + std::to_string(*task));
  return http::Response::redirect("/upload?sent=" + std::to_string(files.ids.size()));
}

}  // namespace portico::upload

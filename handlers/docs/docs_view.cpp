#include "docs/docs_view.hpp"

#include "files/chunks.hpp"
#include "auth/page_options.hpp"
#include "tpl/page.hpp"

namespace portico::docs {

namespace {
std::string kind_label(const std::string& kind) {
  if (kind == "upload") return "Sent by you";
  if (kind == "signed") return "Signed by you";
  if (kind == "invoice") return "Invoice";
  if (kind == "quote") return "Quote";
  if (kind == "credit") return "Credit note";
  if (kind == "contract") return "Contract";
  return "Document";
}

std::string size_label(int64_t n) {
  if (n < 1024) return std::to_string(n) + " bytes";
  if (n < 1024 * 1024) return std::to_string((n + 1023) / 1024) + " KB";
  return std::to_string(n / (1024 * 1024)) + "." + std::to_string(n % (1024 * 1024) * 10 / (1024 * 1024)) + " MB";
}
}  // namespace

http::Response render_list(const auth::Context& ctx, const std::vector<Listed>& docs) {
  tpl::Page page("docs/files.tpl", auth::page_options(ctx, "Your Files and Documents", "files"));
  auto& d = page.body();
  if (docs.empty()) d.ShowSection("NONE");
  else d.ShowSection("SOME");
  for (const auto& doc : docs) {
    auto* row = d.AddSectionDictionary("DOC");
    row->SetIntValue("ID", static_cast<long>(doc.id));
    row->SetValue("TITLE", doc.title);
    row->SetValue("KIND", kind_label(doc.kind));
    row->SetValue("CREATED", doc.created);
    row->SetValue("SIZE", size_label(doc.size));
    if (files::inline_type(doc.content_type)) row->ShowSection("OPENS");
  }
  return page.render();
}

}  // namespace portico::docs

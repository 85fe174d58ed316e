#include "upload/upload_view.hpp"

#include "auth/page_options.hpp"
#include "tpl/page.hpp"

namespace portico::upload {

http::Response render_form(const auth::Context& ctx, const FormOptions& o, int status) {
  tpl::Page page("upload/upload.tpl", auth::page_options(ctx, "Send us Stuff", "upload"));
  auto& d = page.body();
  d.SetValue("CSRF", ctx.csrf);
  d.SetIntValue("MAX_FILES", static_cast<long>(o.max_files));
  d.SetIntValue("MAX_MB", static_cast<long>(o.max_file_bytes / (1024 * 1024)));
  d.SetValue("NOTE", o.note);
  if (o.sent) {
    auto* s = d.AddSectionDictionary("SENT");
    s->SetIntValue("COUNT", *o.sent);
    s->SetValue("FILES", *o.sent == 1 ? "file" : "files");
  }
  if (!o.error.empty()) d.SetValueAndShowSection("ERROR", o.error, "HAS_ERROR");
  if (o.task) d.SetValueAndShowSection("TASK_ID", std::to_string(*o.task), "TASK");
  return page.render(status);
}

}  // namespace portico::upload

#include "contact/contact_view.hpp"

#include "contact/contact.hpp"
#include "auth/page_options.hpp"
#include "tpl/page.hpp"

namespace portico::contact {

http::Response render_form(const auth::Context& ctx, const FormState& s, int status) {
  tpl::Page page("contact/contact.tpl", auth::page_options(ctx, "Get in touch", "contact"));
  auto& d = page.body();
  d.SetValue("CSRF", ctx.csrf);
  d.SetValue("SUBJECT", s.subject);
  d.SetValue("MESSAGE", s.message);
  d.SetIntValue("MAX_SUBJECT", static_cast<long>(kMaxSubject));
  d.SetIntValue("MAX_MESSAGE", static_cast<long>(kMaxMessage));
  d.SetValue("HONEYPOT", kHoneypot);
  if (s.sent) d.ShowSection("SENT");
  for (const auto& [field, message] : s.errors) {
    std::string key = field == "subject" ? "SUBJECT_ERROR" : field == "message" ? "MESSAGE_ERROR" : "FORM_ERROR";
    d.SetValueAndShowSection(key, message, key + "_SHOWN");
  }
  return page.render(status);
}

}  // namespace portico::contact

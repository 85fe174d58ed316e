#include "autocreate/autocreate_view.hpp"

namespace portico::autocreate {

void fill_welcome(ctemplate::TemplateDictionary& d, const Welcome& w) {
  std::string base = !w.base_url.empty() && w.base_url.back() == '/' ? w.base_url.substr(0, w.base_url.size() - 1)
                                                                      : w.base_url;
  d.SetValue("CONTACT_NAME", w.contact_name);
  d.SetValue("ORG_NAME", w.org_name);
  d.SetValue("PORTAL_LINK", base + "/");
  d.SetValue("LOGIN_LINK", base + "/login");
  d.SetValue("USERNAME", w.username);
  if (w.set_password_link) {
    d.SetValue("SET_PASSWORD_LINK", *w.set_password_link);
    d.SetValue("EXPIRES", w.expires.value_or(""));
    d.ShowSection("SET_LINK_MODE");
  }
  if (w.password) {  // {{PASSWORD}} is set in generated mode only
    d.SetValue("PASSWORD", *w.password);
    d.ShowSection("PASSWORD_MODE");
  }
}

}  // namespace portico::autocreate

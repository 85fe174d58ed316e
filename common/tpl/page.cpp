#include "tpl/page.hpp"

#include "tpl/templates.hpp"

namespace portico::tpl {

namespace {
struct Tab {
  const char* id;
  const char* href;
  const char* label;
  bool limited;   // shown during a one-time visit
  bool assignee;  // shown to external assignees only
};
constexpr Tab kTabs[] = {
    {"tasks", "/", "Tasks", false, false},
    {"module", "/tasks", "Tasks module", false, true},
    {"approvals", "/approvals", "Approvals", false, false},
    {"history", "/history", "History", false, false},
    {"applications", "/applications", "Applications", false, false},  // public portals (SPEC §7)
    {"files", "/files", "Your Files and Documents", true, false},
    {"upload", "/upload", "Send us Stuff", true, false},
    {"contact", "/contact", "Get in touch", true, false},
    {"account", "/account", "My Account", false, false},
};
}  // namespace

Page::Page(std::string body_template, PageOptions o) : root_("page") {
  root_.SetValue("TITLE", o.title);
  root_.SetValue("ORG_NAME", o.org_name.empty() ? "Portico" : o.org_name);
  if (o.nav != Nav::none) {
    root_.ShowSection("NAV");
    for (const Tab& t : kTabs) {
      if (o.nav == Nav::limited && !t.limited) continue;
      if (t.assignee && !o.external_assignee) continue;
      auto* d = root_.AddSectionDictionary("TAB");
      d->SetValue("TAB_ID", t.id);
      d->SetValue("TAB_HREF", t.href);
      d->SetValue("TAB_LABEL", t.label);
      if (o.active == t.id) d->ShowSection("TAB_ACTIVE");
    }
    if (o.nav == Nav::full) {
      auto* s = root_.AddSectionDictionary("SIGN_OUT");
      s->SetValue("CSRF", o.csrf);
      s->SetValue("PERSON", o.person);
    }
  }
  body_ = root_.AddIncludeDictionary("BODY");
  body_->SetFilename(body_template);
}

http::Response Page::render(int status) const { return http::Response::html(expand("layout/page.tpl", root_), status); }

}  // namespace portico::tpl

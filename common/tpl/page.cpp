#include "tpl/page.hpp"

#include "layout/page.tpl.varnames.h"
#include "tpl/templates.hpp"

namespace portico::tpl {

namespace {
struct Tab {
  const char* id;
  const char* href;
  const char* label;
  bool limited;  // shown during a one-time visit
  enum Only { everyone, assignees, applicants } only = everyone;
};
constexpr Tab kTabs[] = {
    {"tasks", "/", "Tasks", false},
    {"module", "/tasks", "Tasks module", false, Tab::assignees},
    {"approvals", "/approvals", "Approvals", false},
    {"history", "/history", "History", false},
    {"applications", "/applications", "Applications", false, Tab::applicants},  // public portals (SPEC §7)
    {"files", "/files", "Your Files and Documents", true},
    {"upload", "/upload", "Send us Stuff", true},
    {"contact", "/contact", "Get in touch", true},
    {"account", "/account", "My Account", false},
};
}  // namespace

Page::Page(std::string body_template, PageOptions o) : root_("page") {
  root_.SetValue(kp_TITLE, o.title);
  root_.SetValue(kp_ORG_NAME, o.org_name.empty() ? "Portico" : o.org_name);
  if (o.nav != Nav::none) {
    root_.ShowSection(kp_NAV);
    for (const Tab& t : kTabs) {
      if (o.nav == Nav::limited && !t.limited) continue;
      if (t.only == Tab::assignees && !o.external_assignee) continue;
      if (t.only == Tab::applicants && !o.applicant) continue;
      auto* d = root_.AddSectionDictionary(kp_TAB);
      d->SetValue(kp_TAB_ID, t.id);
      d->SetValue(kp_TAB_HREF, t.href);
      d->SetValue(kp_TAB_LABEL, t.label);
      if (o.active == t.id) d->ShowSection(kp_TAB_ACTIVE);
    }
    if (o.nav == Nav::full) {
      auto* s = root_.AddSectionDictionary(kp_SIGN_OUT);
      s->SetValue(kp_CSRF, o.csrf);
      s->SetValue(kp_PERSON, o.person);
    }
  }
  body_ = root_.AddIncludeDictionary(kp_BODY);
  body_->SetFilename(body_template);
}

http::Response Page::render(int status) const { return http::Response::html(expand("layout/page.tpl", root_), status); }

}  // namespace portico::tpl

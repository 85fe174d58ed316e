#pragma once
// The shared page layout (templates/layout/page.tpl): head, org stylesheet, navigation tabs and the body.
#include <ctemplate/template.h>

#include <string>

#include "http/response.hpp"

namespace portico::tpl {

enum class Nav {
  none,     // signed out: no tabs
  full,     // a full account: every tab
  limited,  // a one-time visit: Files, Send us Stuff, Get in touch only
};

struct PageOptions {
  std::string title;
  std::string org_name;
  std::string active;  // id of the active tab: tasks, history, files, upload, contact, account, module, approvals
  Nav nav = Nav::none;
  bool external_assignee = false;  // adds the Tasks module tab
  bool applicant = false;          // has applications (public portals): adds the Applications tab
  std::string csrf;                // for the sign-out form
  std::string person;              // name shown beside sign-out
};

class Page {
 public:
  Page(std::string body_template, PageOptions opts);
  ctemplate::TemplateDictionary& body() { return *body_; }
  http::Response render(int status = 200) const;

 private:
  ctemplate::TemplateDictionary root_;
  ctemplate::TemplateDictionary* body_;
};

}  // namespace portico::tpl

#pragma once
// The values of the auto_create_portal_user e-mail (templates/mail/auto_create_portal_user/).
#include <optional>
#include <string>

#include <ctemplate/template.h>

namespace portico::autocreate {

struct Welcome {
  std::string contact_name, org_name, base_url, username;
  std::optional<std::string> set_password_link, expires;  // set_password_link mode
  std::optional<std::string> password;                    // generated_password mode
};

void fill_welcome(ctemplate::TemplateDictionary& d, const Welcome& w);

}  // namespace portico::autocreate

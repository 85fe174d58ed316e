#pragma once
// Fills the contact handler's template: the Get in touch form, with a thank-you or messages per field.
#include <map>
#include <string>

#include "auth/context.hpp"
#include "http/response.hpp"

namespace portico::contact {

struct FormState {
  bool sent = false;
  std::string subject, message;              // kept after an error
  std::map<std::string, std::string> errors;  // field -> message
};

http::Response render_form(const auth::Context& ctx, const FormState& s, int status = 200);

}  // namespace portico::contact

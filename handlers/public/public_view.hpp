#pragma once
// Fills the public handler's templates (templates/public/).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "auth/context.hpp"
#include "http/response.hpp"
#include "public/public_db.hpp"

namespace portico::public_portal {

struct RegisterForm {
  int64_t process_id = 0;  // the process chosen, echoed back
  std::string name, email;
  std::string error;                                // about the whole form
  std::map<std::string, std::string, std::less<>> errors;  // field name -> message
};

// The landing page: the registration form (a choice of process with multi_process) and a link to sign
// in; with registration off, only the sign-in form.
http::Response render_landing(const auth::Context& ctx, const PortalRow& portal,
                              const std::vector<ProcessRow>& processes, const RegisterForm& form, int status = 200);
// The portal's sign-in form; it posts to /login, whose checks and throttles apply.
http::Response render_login(const auth::Context& ctx, const PortalRow& portal);
// A second application for the same process where duplicates are off: 409 with a link to the first.
http::Response render_duplicate(const auth::Context& ctx, const PortalRow& portal, const std::string& process,
                                int64_t existing);

// The switcher: every application of the signed-in person, newest first.
http::Response render_applications(const auth::Context& ctx, const std::vector<ApplicationRow>& apps);
// One application with its steps and their states, and the switcher.
http::Response render_application(const auth::Context& ctx, const std::vector<ApplicationRow>& apps,
                                  const ApplicationRow& current, const std::vector<StepRow>& steps);

}  // namespace portico::public_portal

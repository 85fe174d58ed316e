#pragma once
// Fills the portal's templates.
#include <string>

#include "auth/context.hpp"
#include "http/response.hpp"

namespace portico::portal {

// A tab whose content is empty (nothing there yet, or the feature has no data for this person).
http::Response render_empty(const auth::Context& ctx, const std::string& tab, const std::string& heading,
                            const std::string& message);

}  // namespace portico::portal

#pragma once
// Fills the docs handler's template: the list of a person's documents.
#include <vector>

#include "auth/context.hpp"
#include "docs/docs_db.hpp"
#include "http/response.hpp"

namespace portico::docs {

http::Response render_list(const auth::Context& ctx, const std::vector<Listed>& docs);

}  // namespace portico::docs

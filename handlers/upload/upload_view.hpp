#pragma once
// Fills the upload handler's template: the "Send us Stuff" form, with a thank-you or an error.
#include <optional>
#include <string>

#include "auth/context.hpp"
#include "http/response.hpp"

namespace portico::upload {

struct FormOptions {
  std::optional<int> sent;  // files received by the last POST (after its redirect)
  size_t max_files = 0, max_file_bytes = 0;
  std::string error;        // shown above the form
  std::string note;         // kept after an error
  std::optional<int64_t> task;  // the upload request being answered: the form keeps answering it
};

http::Response render_form(const auth::Context& ctx, const FormOptions& o, int status = 200);

}  // namespace portico::upload

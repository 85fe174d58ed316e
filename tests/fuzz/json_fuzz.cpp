// JSON request bodies and task specs: any bytes either parse into an object or are refused with a 400;
// a spec that spec_problem() accepts can be answered by check_answer() with any form without throwing.
#include <cstdint>
#include <cstdlib>

#include "http/error.hpp"
#include "http/json_input.hpp"
#include "tasks/task_spec.hpp"

using namespace portico;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  nlohmann::json j;
  try {
    j = http::parse_json_object(in);
  } catch (const http::Error& e) {
    if (e.status != 400) std::abort();
    return 0;
  }
  if (!j.is_object()) std::abort();
  std::vector<std::pair<std::string, std::string>> form = {
      {"option", "Yes"}, {"f_a", "1"}, {"full_name", "A"}, {"consent", "yes"}, {"resolution", "done"},
      {"effort_minutes", "5"}, {"decision", "reject"}, {"comment", ""}};
  for (const char* type : {"single_select", "form", "signature", "standard", "approval"}) {
    if (tasks::spec_problem(type, j)) continue;
    auto answer = tasks::check_answer(type, j, form);
    if (answer.ok() == answer.response.is_null()) std::abort();  // an accepted answer is stored, a refused one not
  }
  return 0;
}

#include "tpl/templates.hpp"

#include <ctemplate/template_cache.h>

#include <filesystem>
#include <stdexcept>

namespace portico::tpl {

void init(const std::string& dir) {
  namespace fs = std::filesystem;
  auto* cache = ctemplate::mutable_default_template_cache();
  cache->SetTemplateRootDirectory(dir);
  std::string failed;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".tpl") continue;
    std::string rel = fs::relative(e.path(), dir).string();
    if (!cache->LoadTemplate(rel, ctemplate::DO_NOT_STRIP)) failed += " " + rel;
  }
  if (!failed.empty()) throw std::runtime_error("templates that do not parse:" + failed);
}

std::string expand(const std::string& name, const ctemplate::TemplateDictionary& dict) {
  std::string out;
  if (!ctemplate::ExpandTemplate(name, ctemplate::DO_NOT_STRIP, &dict, &out))
    throw std::runtime_error("template " + name + " failed to expand");
  return out;
}

}  // namespace portico::tpl

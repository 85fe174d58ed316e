#include "tpl/templates.hpp"

#include <ctemplate/template_cache.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace portico::tpl {

namespace {
// The cache that serves. Each expansion holds its own reference, so a reload can swap in a new cache
// while workers are still expanding with the old one; the old one goes when the last of them is done.
// (ctemplate's ReloadAllIfChanged would replace files one by one in the live cache, broken ones
// included; a fresh cache that is swapped in only when every template parses never serves a mix.)
std::mutex g_mutex;
std::shared_ptr<const ctemplate::TemplateCache> g_cache;
std::string g_dir;

struct Loaded {
  std::shared_ptr<ctemplate::TemplateCache> cache;
  std::vector<Problem> problems;
};

Loaded load_all(const std::string& dir) {
  namespace fs = std::filesystem;
  Loaded l{std::make_shared<ctemplate::TemplateCache>(), {}};
  l.cache->SetTemplateRootDirectory(dir);
  std::vector<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".tpl") names.push_back(fs::relative(e.path(), dir).string());
  std::sort(names.begin(), names.end());
  for (const auto& rel : names) {
    if (l.cache->LoadTemplate(rel, ctemplate::DO_NOT_STRIP)) continue;
    std::ifstream in(fs::path(dir) / rel, std::ios::binary);
    if (!in) {
      l.problems.push_back({rel, 0, "cannot be read"});
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    l.problems.push_back(locate_problem(rel, text.str()));
  }
  // Frozen: read-only from here on, so every worker may expand with it at once without locks.
  if (l.problems.empty()) l.cache->Freeze();
  return l;
}

std::shared_ptr<const ctemplate::TemplateCache> current() {
  std::lock_guard lock(g_mutex);
  return g_cache;
}
}  // namespace

void init(const std::string& dir) {
  Loaded l = load_all(dir);
  if (!l.problems.empty()) {
    std::string text = "templates that do not parse:";
    for (const auto& p : l.problems) text += " " + p.str() + ";";
    text.pop_back();
    throw std::runtime_error(text);
  }
  std::lock_guard lock(g_mutex);
  g_cache = std::move(l.cache);
  g_dir = dir;
}

std::vector<Problem> reload() {
  std::string dir;
  {
    std::lock_guard lock(g_mutex);
    if (!g_cache) throw std::logic_error("tpl::reload before tpl::init");
    dir = g_dir;
  }
  Loaded l = load_all(dir);
  if (!l.problems.empty()) return l.problems;
  std::lock_guard lock(g_mutex);
  g_cache = std::move(l.cache);
  return {};
}

std::string expand(const std::string& name, const ctemplate::TemplateDictionary& dict) {
  auto cache = current();
  std::string out;
  if (!cache || !cache->ExpandNoLoad(name, ctemplate::DO_NOT_STRIP, &dict, nullptr, &out))
    throw std::runtime_error("template " + name + " failed to expand");
  return out;
}

}  // namespace portico::tpl

// tpl::reload swaps in a new set of templates only when every one parses; tpl::locate_problem names the line.
#include <boost/test/unit_test.hpp>

#include <ctemplate/template.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "tpl/template_check.hpp"
#include "tpl/templates.hpp"

using namespace portico;
namespace fs = std::filesystem;

namespace {
std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// A template folder of the test's own.
struct Folder {
  fs::path dir = fs::temp_directory_path() / ("portico-tpl-" + std::to_string(::getpid()));
  Folder() {
    fs::remove_all(dir);
    write(dir / "a/page.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<p>{{NAME}} one</p>\n");
    write(dir / "b.tpl", "<b>{{>INNER}}</b>\n");
  }
  ~Folder() { fs::remove_all(dir); }
};

std::string page() {
  ctemplate::TemplateDictionary d("t");
  d.SetValue("NAME", "<Ann>");
  return tpl::expand("a/page.tpl", d);
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_reload_serves_the_edited_template_and_refuses_a_broken_one) {
  Folder f;
  tpl::init(f.dir.string());
  BOOST_TEST(page() == "\n<p>&lt;Ann&gt; one</p>\n");

  write(f.dir / "a/page.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<p>{{NAME}} two</p>\n");
  BOOST_TEST(page().find("one") != std::string::npos);  // nothing changes before the reload
  BOOST_TEST(tpl::reload().empty());
  BOOST_TEST(page() == "\n<p>&lt;Ann&gt; two</p>\n");

  // Broken in one file: nothing at all is swapped in, not even the other, good, edit.
  write(f.dir / "a/page.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<p>{{NAME}} three</p>\n");
  write(f.dir / "b.tpl", "<b>\n{{#S}}\n{{/T}}</b>\n");
  auto problems = tpl::reload();
  BOOST_TEST_REQUIRE(problems.size() == 1u);
  BOOST_TEST(problems[0].file == "b.tpl");
  BOOST_TEST(problems[0].line == 3);
  BOOST_TEST(problems[0].str().starts_with("b.tpl:3: {{/T}} ends a section that is not the open one ({{#S}} of line 2)"));
  BOOST_TEST(page() == "\n<p>&lt;Ann&gt; two</p>\n");

  fs::remove(f.dir / "b.tpl");  // a template removed goes with the next good reload
  BOOST_TEST(tpl::reload().empty());
  BOOST_TEST(page() == "\n<p>&lt;Ann&gt; three</p>\n");
}

BOOST_AUTO_TEST_CASE(init_names_file_and_line_of_what_does_not_parse) {
  Folder f;
  write(f.dir / "c.tpl", "one\ntwo {{X\n");
  try {
    tpl::init(f.dir.string());
    BOOST_FAIL("init accepted a broken template");
  } catch (const std::runtime_error& e) {
    BOOST_TEST(std::string(e.what()).find("c.tpl:2: a marker opened with {{ is never closed") != std::string::npos,
               e.what());
  }
}

BOOST_AUTO_TEST_CASE(locate_problem_finds_the_line) {
  auto at = [](std::string_view text) { return tpl::locate_problem("t.tpl", text); };
  BOOST_TEST(at("a\n{{#S}}\nb\n").line == 2);                      // never closed
  BOOST_TEST(at("a\n{{#S}}\nb\n").message == "{{#S}} is never closed with {{/S}}");
  BOOST_TEST(at("a\nb\n{{/S}}\n").line == 3);                      // closed, never opened
  BOOST_TEST(at("{{#A}}\n{{#B}}\n{{/A}}\n{{/B}}").line == 3);      // crossed
  BOOST_TEST(at("x\ny\n{{NAME:no_such_modifier}}\n").line == 3);   // ctemplate's own refusal
  BOOST_TEST(at("x\ny\n{{NAME:no_such_modifier}}\n").message ==
             "ctemplate does not accept {{NAME:no_such_modifier}} here");
}

// The line finder parses prefixes of a template: every prefix of every shipped template must parse, or a
// broken edit would be reported at the wrong line.
BOOST_AUTO_TEST_CASE(every_prefix_of_every_shipped_template_parses) {
  std::string dir = std::getenv("PORTICO_TEMPLATE_DIR");
  int checked = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".tpl") continue;
    std::string text = read(e.path());
    auto p = tpl::locate_problem(fs::relative(e.path(), dir).string(), text);
    // No prefix failed, so it fell through to the end: the whole template is what it would blame.
    BOOST_TEST(p.message == "does not parse", p.str());
    ++checked;
  }
  BOOST_TEST(checked > 20);
}

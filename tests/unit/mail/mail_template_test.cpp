#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "mail/mail_template.hpp"
#include "tpl/templates.hpp"

using namespace portico::mail;

struct Templates {
  Templates() { portico::tpl::init(std::getenv("PORTICO_TEMPLATE_DIR")); }
};
BOOST_TEST_GLOBAL_FIXTURE(Templates);

namespace {
std::string read(const std::string& rel) {
  std::ifstream f(std::string(std::getenv("PORTICO_TEMPLATE_DIR")) + "/" + rel);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}
TemplateText ok_text() { return {"Hello {{CONTACT_NAME}}", "Hi {{CONTACT_NAME}}\n\n{{SET_PASSWORD_LINK}}", "<p>{{CONTACT_NAME}}</p>"}; }
}  // namespace

BOOST_AUTO_TEST_CASE(every_shipped_default_passes_the_rules_staff_are_held_to) {
  for (const auto& f : folders()) {
    std::string base = "mail/" + std::string(f.name) + "/";
    std::string html = read(base + "html.tpl");
    html = html.substr(html.find('}') + 2);  // the pragma we add ourselves
    auto p = template_problem(f.name, {read(base + "subject.tpl").substr(0, read(base + "subject.tpl").find('\n')),
                                       read(base + "text.tpl"), html});
    BOOST_CHECK_MESSAGE(!p, f.name << ": " << p.value_or(""));
  }
}

BOOST_AUTO_TEST_CASE(password_tag_only_in_auto_create) {
  TemplateText t = ok_text();
  t.text += " {{PASSWORD}}";
  BOOST_CHECK(!template_problem("auto_create_portal_user", t));
  auto p = template_problem("password_reset", t);
  BOOST_REQUIRE(p);
  BOOST_CHECK(p->find("{{PASSWORD}} may only be used in the auto_create_portal_user folder") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_tags_modifiers_includes_and_bad_syntax_are_refused) {
  auto with_html = [](std::string html) { TemplateText t = ok_text(); t.html = std::move(html); return t; };
  auto p = template_problem("account_invite", with_html("{{SECRET_STUFF}}"));
  BOOST_REQUIRE(p);
  BOOST_CHECK(p->find("unknown merge tag {{SECRET_STUFF}}") != std::string::npos);
  BOOST_CHECK(template_problem("account_invite", with_html("{{CONTACT_NAME:none}}")));
  BOOST_CHECK(template_problem("account_invite", with_html("{{>OTHER}}")));
  BOOST_CHECK(template_problem("account_invite", with_html("{{%AUTOESCAPE context=\"NONE\"}}")));
  BOOST_CHECK(template_problem("get_in_touch", {"s", "{{#IDENTIFIER}}{{KEY}}", "x"}));  // unclosed section
  BOOST_CHECK(template_problem("no_such_folder", ok_text()));
  BOOST_CHECK(template_problem("account_invite", {"two\nlines", "", ""}));
}

BOOST_AUTO_TEST_CASE(render_escapes_html_but_not_text_and_keeps_subject_one_line) {
  ctemplate::TemplateDictionary d("mail");
  d.SetValue("CONTACT_NAME", "<b>Zoë</b> & co");
  d.SetValue("ORG_NAME", "Acme\r\nBcc: x@evil.test");
  d.SetValue("USERNAME", "zoe");
  d.SetValue("SET_PASSWORD_LINK", "https://acme.test/password/set/v1.k.s.m");
  d.SetValue("EXPIRES", "1 Dec 2026");
  Rendered r = render("account_invite", d, std::nullopt);
  BOOST_CHECK(r.subject.find('\n') == std::string::npos && r.subject.find('\r') == std::string::npos);
  BOOST_CHECK(r.text.find("Hello <b>Zoë</b> & co,") != std::string::npos);
  BOOST_CHECK(r.text.find("\n\n") != std::string::npos);  // paragraphs kept
  BOOST_CHECK(r.html.find("&lt;b&gt;Zoë&lt;/b&gt; &amp; co") != std::string::npos);
  BOOST_CHECK(r.html.find("href=\"https://acme.test/password/set/v1.k.s.m\"") != std::string::npos);

  Override o{7, "v1", {"Hi {{CONTACT_NAME}}", "T {{USERNAME}}", "<i>{{CONTACT_NAME}}</i>"}};
  Rendered r2 = render("account_invite", d, o);
  BOOST_CHECK_EQUAL(r2.subject, "Hi <b>Zoë</b> & co");
  BOOST_CHECK_EQUAL(r2.text, "T zoe");
  BOOST_CHECK_EQUAL(r2.html, "<i>&lt;b&gt;Zoë&lt;/b&gt; &amp; co</i>");
  o.version = "v2";
  o.text.text = "changed {{USERNAME}}";
  BOOST_CHECK_EQUAL(render("account_invite", d, o).text, "changed zoe");  // a new version is not served stale
}

#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "portal/tasks_view.hpp"
#include "tpl/templates.hpp"

using namespace portico;

struct Templates {
  Templates() { tpl::init(std::getenv("PORTICO_TEMPLATE_DIR")); }
};
BOOST_TEST_GLOBAL_FIXTURE(Templates);

namespace {
constexpr int64_t kMe = 7, kOther = 8;

auth::Context ctx(bool external) {
  auth::Context c;
  c.org.display_name = "Acme";
  c.who.session_hash = "h";
  c.who.kind = "full";
  c.who.contact_id = kMe;
  c.who.name = "Ann";
  c.who.external_assignee = external;
  c.csrf = "tok";
  return c;
}

portal::TaskRow row(int64_t id, const std::string& type, const std::string& state, std::optional<int64_t> taken = {}) {
  portal::TaskRow t;
  t.id = id;
  t.type = type;
  t.state = state;
  t.title = "Task " + std::to_string(id);
  t.spec = "{}";
  t.taken_by = taken;
  t.taken_by_name = taken == kOther ? "Bob Other" : "Ann";
  return t;
}

bool has(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }
}  // namespace

BOOST_AUTO_TEST_CASE(module_rows_offer_take_only_when_new_and_answers_only_to_whoever_may_answer) {
  portal::ListPage p{"module", "Tasks module", "opened",
                     {{"", "none", {row(1, "standard", "new"), row(2, "standard", "in_progress", kMe),
                                    row(3, "standard", "in_progress", kOther), row(4, "form", "new")}}}};
  auto r = portal::render_list(ctx(true), p);
  const std::string& b = r.body;
  BOOST_CHECK(has(b, "action=\"/tasks/1/take\""));
  BOOST_CHECK(!has(b, "action=\"/tasks/2/take\""));   // already mine
  BOOST_CHECK(!has(b, "action=\"/tasks/3/take\""));   // someone else's now
  BOOST_CHECK(has(b, "action=\"/tasks/4/take\""));
  BOOST_CHECK(has(b, "id=\"t1-in-resolution\"") && has(b, "id=\"t2-in-resolution\""));
  BOOST_CHECK(!has(b, "id=\"t3-in-resolution\""));
  BOOST_CHECK(!has(b, "t4-in-"));  // a form task is answered on its page, not inline
  BOOST_CHECK(has(b, "Bob Other"));
  BOOST_CHECK(has(b, "href=\"/tasks?list=opened\" aria-current=\"page\""));
}

BOOST_AUTO_TEST_CASE(outside_the_module_there_is_no_take_button) {
  portal::ListPage p{"tasks", "Tasks", "", {{"", "none", {row(1, "standard", "new")}}}};
  auto r = portal::render_list(ctx(true), p);
  BOOST_CHECK(!has(r.body, "/take"));
  BOOST_CHECK(has(r.body, "id=\"t1-in-resolution\""));
  BOOST_CHECK(!has(r.body, "aria-label=\"Task lists\""));
}

BOOST_AUTO_TEST_CASE(an_empty_section_says_so_and_titles_are_escaped) {
  auto t = row(5, "approval", "completed");
  t.title = "<script>x</script>";
  t.completed_by = kMe;
  portal::ListPage p{"approvals", "Approvals", "", {{"Waiting", "There is nothing to approve.", {}}, {"Decided", "-", {t}}}};
  auto r = portal::render_list(ctx(false), p);
  BOOST_CHECK(has(r.body, "There is nothing to approve."));
  BOOST_CHECK(!has(r.body, "<script>"));
  BOOST_CHECK(!has(r.body, "t5-in-"));  // decided: nothing to answer
  BOOST_CHECK(has(r.body, "by You"));
}

BOOST_AUTO_TEST_CASE(blocked_reasons_name_the_holder) {
  BOOST_CHECK(portal::blocked_reason(row(1, "standard", "new"), kMe).empty());
  BOOST_CHECK(portal::blocked_reason(row(1, "standard", "in_progress", kMe), kMe).empty());
  BOOST_CHECK(has(portal::blocked_reason(row(1, "standard", "in_progress", kOther), kMe), "Bob Other has taken"));
  BOOST_CHECK(has(portal::blocked_reason(row(1, "standard", "cancelled"), kMe), "cancelled"));
}

BOOST_AUTO_TEST_CASE(a_completed_task_page_shows_the_answer_and_no_form) {
  auto t = row(9, "standard", "completed");
  t.completed_by = kMe;
  t.completed_at = "24 Nov 2026 13:52 UTC";
  t.response = R"({"resolution": "Fixed it", "effort_minutes": 15, "activity_note": null})";
  auto r = portal::render_task(ctx(true), {t, std::nullopt, false, ""});
  BOOST_CHECK(has(r.body, "Fixed it") && has(r.body, "Effort in minutes"));
  BOOST_CHECK(!has(r.body, "<form method=\"post\" action=\"/tasks/9\""));
  BOOST_CHECK(has(r.body, "24 Nov 2026 13:52 UTC by You"));
}

#include <boost/test/unit_test.hpp>

#include "tasks/task_form.hpp"

using namespace portico;
using nlohmann::json;
using Lines = std::vector<std::pair<std::string, std::string>>;

BOOST_AUTO_TEST_CASE(form_answers_are_shown_by_label_in_the_spec_order_and_blanks_are_left_out) {
  json spec = {{"fields", json::array({{{"name", "age"}, {"label", "Age"}, {"type", "number"}},
                                       {{"name", "nick"}, {"label", "Nickname"}, {"type", "text"}},
                                       {{"name", "agree"}, {"label", "I agree"}, {"type", "checkbox"}},
                                       {{"name", "news"}, {"label", "News"}, {"type", "checkbox"}}})}};
  json response = {{"values", {{"news", false}, {"agree", true}, {"nick", nullptr}, {"age", "42"}}}};
  BOOST_CHECK((tasks::answer_lines("form", spec, response) == Lines{{"Age", "42"}, {"I agree", "Yes"}, {"News", "No"}}));
}

BOOST_AUTO_TEST_CASE(each_type_shows_its_own_answer) {
  BOOST_CHECK((tasks::answer_lines("single_select", {}, {{"option", "No"}}) == Lines{{"Your answer", "No"}}));
  BOOST_CHECK((tasks::answer_lines("standard", {}, {{"resolution", "Fixed"}, {"effort_minutes", 30},
                                                     {"activity_note", nullptr}}) ==
               Lines{{"Resolution", "Fixed"}, {"Effort in minutes", "30"}}));
  BOOST_CHECK((tasks::answer_lines("approval", {}, {{"decision", "rejected"}, {"comment", "Too dear"}}) ==
               Lines{{"Decision", "Rejected"}, {"Comment", "Too dear"}}));
  auto sig = tasks::answer_lines("signature", {}, {{"full_name", "Ann"}, {"document_title", "NDA"},
                                                   {"document_sha256", "ab12"}, {"client_address", "10.0.0.1"}});
  BOOST_CHECK((sig == Lines{{"Signed as", "Ann"}, {"Document", "NDA"}, {"Document fingerprint (SHA-256)", "ab12"}}));
  BOOST_CHECK((tasks::answer_lines("upload_request", {}, {{"documents", {4, 5}}, {"note", "Both"}}) ==
               Lines{{"Files sent", "2"}, {"Note", "Both"}}));
}

BOOST_AUTO_TEST_CASE(no_response_means_no_lines) {
  BOOST_CHECK(tasks::answer_lines("standard", {}, nullptr).empty());
  BOOST_CHECK(tasks::answer_lines("form", {{"fields", "not a list"}}, {{"values", {{"a", "1"}}}}).empty());
}

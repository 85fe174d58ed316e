#pragma once
// /api/v1/contacts/{id}/account: a contact's portal login, its invitation e-mail (SPEC §3.3: a welcome
// set-password link) and its onboarding state.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "call.hpp"

namespace portico::api::accounts {

// The bodies of POST ({"username"?, "external_assignee"?}) and PATCH ({"state"?, "external_assignee"?});
// throw 422 as check_fields does.
nlohmann::json check_create(const nlohmann::json& body);
nlohmann::json check_patch(const nlohmann::json& body);

// The username an account gets when staff name none: the contact's e-mail, lower-cased.
std::string default_username(std::string_view email);

// The state a PATCH {"state": requested} leaves an account in. Unsuspending gives back `active` to an
// account whose owner has set a password, `invited` to one that never did; an invited account becomes
// active only through its link (409 conflict otherwise).
std::string next_state(std::string_view current, std::string_view requested, bool has_password);

// 409 "seat_limit" when used seats leave none for one more external assignee.
void check_seat(int64_t used, int64_t seats);

http::Response get(Call& call, int64_t contact);
http::Response create(Call& call, int64_t contact);
http::Response invite(Call& call, int64_t contact);
http::Response update(Call& call, int64_t contact);

}  // namespace portico::api::accounts

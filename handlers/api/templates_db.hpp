#pragma once
// SQL of the org's e-mail template overrides (mail_template). The shipped defaults are files, read at start.
#include <cstdint>
#include <span>
#include <string_view>

#include "caller.hpp"
#include "mail/mail_template.hpp"
#include "pg/connection.hpp"

namespace portico::api::templates_db {

std::span<const pg::Statement> statements();

// Every override of the org: folder, updated_at.
pg::Result list(pg::Connection& db, int64_t org);
// One override: subject, body_text, body_html, updated_at; no row when the folder is not overridden.
pg::Result get(pg::Connection& db, int64_t org, std::string_view folder);
// Inserts or replaces the override (updated_at now) with an audit row; returns the row as get does.
pg::Result save(pg::Connection& db, const Caller& who, std::string_view folder, const mail::TemplateText& t);
// Removes the override with an audit row; false when there was none.
bool remove(pg::Connection& db, const Caller& who, std::string_view folder);

}  // namespace portico::api::templates_db

#pragma once
// The page layout's options for a signed-in visitor: the tabs their way in and their roles give them.
#include <string>

#include "auth/context.hpp"
#include "tpl/page.hpp"

namespace portico::auth {

inline tpl::PageOptions page_options(const Context& ctx, std::string title, std::string active_tab) {
  return {.title = std::move(title),
          .org_name = ctx.org.display_name,
          .active = std::move(active_tab),
          .nav = ctx.who.full() ? tpl::Nav::full : tpl::Nav::limited,
          .external_assignee = ctx.who.external_assignee,
          .applicant = ctx.who.applicant,
          .csrf = ctx.csrf,
          .person = ctx.who.name};
}

}  // namespace portico::auth

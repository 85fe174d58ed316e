#include "portal/portal_view.hpp"

#include "tpl/page.hpp"

namespace portico::portal {

namespace {
tpl::PageOptions options(const auth::Context& ctx, const std::string& title, const std::string& tab) {
  return {.title = title,
          .org_name = ctx.org.display_name,
          .active = tab,
          .nav = ctx.who.full() ? tpl::Nav::full : tpl::Nav::limited,
          .external_assignee = ctx.who.external_assignee,
          .csrf = ctx.csrf,
          .person = ctx.who.name};
}
}  // namespace

http::Response render_empty(const auth::Context& ctx, const std::string& tab, const std::string& heading,
                            const std::string& message) {
  tpl::Page page("portal/empty.tpl", options(ctx, heading, tab));
  page.body().SetValue("HEADING", heading);
  page.body().SetValue("MESSAGE", message);
  return page.render();
}

}  // namespace portico::portal

#pragma once
// The complete handler: one-time completion links (SPEC §3.2), /c/{token}. GET shows the task's response
// page and changes nothing; POST completes the task once, kills every link of it, and starts a one-time
// visit (the limited home page).
#include "auth/context.hpp"
#include "complete/complete_db.hpp"
#include "fcgi/server.hpp"

namespace portico::complete {

constexpr std::string_view kPrefix = "/c/";

class Complete final : public fcgi::Worker {
 public:
  explicit Complete(const fcgi::Env& env);
  http::Response handle(http::Request& req) override;

 private:
  http::Response show(const http::Request& req, const LinkRow& link, std::string_view token);
  http::Response submit(http::Request& req, const LinkRow& link, std::string_view token);

  const crypto::Keys& keys_;
  pg::Connection db_;
  auth::Sessions sessions_;
  CompleteDb q_;
  crypto::Key session_key_;
};

// Why a link no longer works, in words for the person (state: completed, cancelled, revoked, expired).
std::string dead_message(std::string_view state);

}  // namespace portico::complete

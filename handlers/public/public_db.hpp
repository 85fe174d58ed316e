#pragma once
// All SQL of the public handler: portals by slug, registration (person, application and its steps),
// the throttles it shares with sign-in, and the applicant's applications.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pg/connection.hpp"

namespace portico::public_portal {

struct PortalRow {
  int64_t id = 0;
  std::string slug, title, introduction;
  bool multi_process = false, registration_enabled = true, allow_duplicates = true;
};

struct ProcessRow {
  int64_t id = 0;
  std::string name, description;
  int steps = 0;
};

struct Person {
  int64_t account_id = 0, contact_id = 0;
  std::optional<std::string> password_hash;
  std::string state;
};

struct Counts {
  int64_t for_user = 0, for_address = 0;
};

struct ApplicationRow {
  int64_t id = 0;
  std::string process_name, portal_title, portal_slug, created_at, state;
  int64_t steps_done = 0, steps = 0;
};

struct StepRow {
  int64_t task_id = 0;
  int step_no = 0;
  std::string title, type, state, completed_at;
};

class PublicDb {
 public:
  explicit PublicDb(pg::Connection& c) : c_(c) {}
  static std::span<const pg::Statement> statements();

  // An enabled portal of the org; nullopt for an unknown or disabled slug.
  std::optional<PortalRow> portal(int64_t org, std::string_view slug);
  std::vector<ProcessRow> processes(int64_t org, int64_t portal);

  // Sign-in failures (login_failure, as the login handler counts them) and registrations from an address.
  Counts recent_failures(int64_t org, std::string_view username, std::string_view ip, int minutes);
  void record_failure(int64_t org, std::string_view username, std::string_view ip);
  int64_t recent_registrations(int64_t org, std::string_view ip);
  void record_registration(int64_t org, std::string_view ip);

  // In a transaction: serialises registrations for one e-mail address until commit.
  void lock_email(int64_t org, std::string_view email);
  std::optional<Person> person(int64_t org, std::string_view username);
  // A new applicant contact with an active account whose username is the e-mail.
  Person create_person(int64_t org, std::string_view name, std::string_view email, const std::string& hash,
                       std::string_view ip);
  // The person's latest application for this process (any portal), if any.
  std::optional<int64_t> existing_application(int64_t org, int64_t contact, int64_t process);
  // The application with one task per step of the process, tagged with the portal's tags; nullopt when
  // the process is not one of the portal's.
  std::optional<int64_t> start_application(int64_t org, int64_t portal, int64_t process, int64_t contact,
                                           std::string_view ip);

  // Newest first, at most 200; only: that one application, when it is the person's.
  std::vector<ApplicationRow> applications(int64_t org, int64_t contact, std::optional<int64_t> only = std::nullopt);
  std::optional<int64_t> latest_application(int64_t org, int64_t contact);
  // The steps of one of the person's applications, in order; empty when it is not theirs.
  std::vector<StepRow> steps(int64_t org, int64_t contact, int64_t application);

 private:
  pg::Connection& c_;
};

}  // namespace portico::public_portal

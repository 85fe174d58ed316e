#pragma once
// RFC 5322 / MIME messages: UTF-8 headers as RFC 2047 encoded words, a text and an HTML part, CRLF line
// ends. Nothing from a merge value can start a new header: names and subjects lose CR, LF and other
// control characters, and addresses must pass http::valid_email.
#include <ctime>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace portico::mail {

struct Address {
  std::string name;  // display name, any UTF-8
  std::string email;
};

struct Message {
  std::string message_id;  // without angle brackets: "<local>@<domain>"
  Address from, to;
  std::optional<Address> reply_to;
  std::string subject, text, html;
  std::time_t date = 0;
};

struct BadAddress : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// An unstructured header value (Subject, display names): plain if safe ASCII, else encoded words.
std::string encode_header_text(std::string_view text);
std::string format_address(const Address& a);  // throws BadAddress
std::string rfc5322_date(std::time_t t);
// The whole message, deterministic for the same input (the boundary derives from the Message-ID).
std::string compose(const Message& m);

}  // namespace portico::mail

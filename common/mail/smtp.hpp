#pragma once
// SMTP delivery with libcurl. One client keeps its connection open across messages.
#include <curl/curl.h>

#include <memory>
#include <string>

namespace portico::mail {

struct SmtpConfig {
  std::string url;           // what curl connects to: smtp://host:port or smtps://host:port
  bool require_tls = false;  // STARTTLS required (…?tls=required) or implicit TLS (smtps://)
  long connect_timeout_s = 10;
  long timeout_s = 60;
};

// PORTICO_SMTP_URL: smtp://[user:password@]host[:port][?tls=required] or smtps://…; throws invalid_argument.
SmtpConfig parse_smtp_url(const std::string& url);

enum class Outcome { sent, temporary, permanent };

struct SendResult {
  Outcome outcome;
  long smtp_code = 0;  // the server's last reply code, 0 when none (no connection)
  std::string detail;  // curl's description; never holds message content
};

// Classifies a failed transfer: a 5xx reply is permanent; 4xx, no reply, refusals and timeouts are temporary.
Outcome classify(CURLcode rc, long smtp_code);

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

class SmtpClient {
 public:
  explicit SmtpClient(SmtpConfig config);
  SendResult send(const std::string& envelope_from, const std::string& recipient, const std::string& message);

 private:
  SmtpConfig config_;
  std::unique_ptr<CURL, CurlDeleter> curl_;
};

}  // namespace portico::mail

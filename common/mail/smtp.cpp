#include "mail/smtp.hpp"

#include <cstring>
#include <stdexcept>

namespace portico::mail {

namespace {
struct Upload {
  const std::string* data;
  size_t pos = 0;
};

size_t read_cb(char* buf, size_t size, size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  size_t k = std::min(size * n, u->data->size() - u->pos);
  std::memcpy(buf, u->data->data() + u->pos, k);
  u->pos += k;
  return k;
}

struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
}  // namespace

SmtpConfig parse_smtp_url(const std::string& url) {
  SmtpConfig c;
  bool smtps = url.rfind("smtps://", 0) == 0;
  if (!smtps && url.rfind("smtp://", 0) != 0) throw std::invalid_argument("SMTP URL must start with smtp:// or smtps://");
  std::string u = url;
  if (auto q = u.find('?'); q != std::string::npos) {
    std::string query = u.substr(q + 1);
    u.resize(q);
    if (query == "tls=required") c.require_tls = true;
    else if (!query.empty()) throw std::invalid_argument("unknown SMTP URL option '" + query + "' (use tls=required)");
  }
  c.url = u;
  c.require_tls = c.require_tls || smtps;
  return c;
}

Outcome classify(CURLcode rc, long code) {
  if (rc == CURLE_OK) return Outcome::sent;
  if (code >= 500 && code < 600) return Outcome::permanent;
  return Outcome::temporary;
}

SmtpClient::SmtpClient(SmtpConfig config) : config_(std::move(config)), curl_(curl_easy_init()) {
  if (!curl_) throw std::runtime_error("curl_easy_init failed");
}

SendResult SmtpClient::send(const std::string& from, const std::string& to, const std::string& message) {
  CURL* c = curl_.get();
  Upload up{&message};
  std::unique_ptr<curl_slist, SlistDeleter> rcpt(curl_slist_append(nullptr, ("<" + to + ">").c_str()));
  std::string mail_from = "<" + from + ">";
  // The same handle is reused, so curl keeps the connection to the server open between messages.
  curl_easy_setopt(c, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_USE_SSL, config_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_NONE);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, config_.connect_timeout_s);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, config_.timeout_s);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
  return {classify(rc, code), code, rc == CURLE_OK ? "" : curl_easy_strerror(rc)};
}

}  // namespace portico::mail

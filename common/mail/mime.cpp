#include "mail/mime.hpp"

#include <sodium.h>

#include "http/validate.hpp"

namespace portico::mail {

namespace {
// Control characters would let a value end its header line; they are dropped (tabs become spaces).
std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\t') out += ' ';
    else if (u >= 0x20 && u != 0x7F) out += c;
  }
  return out;
}

bool plain_ascii_atom_text(std::string_view s) {
  if (s.find("=?") != std::string_view::npos) return false;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7E) return false;
  }
  return true;
}

std::string b64(std::string_view raw) {
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();
  return out;
}

// Encoded words of at most 75 characters, split between whole UTF-8 characters, folded onto new lines.
std::string encoded_words(std::string_view s) {
  constexpr size_t kMaxRaw = 45;  // base64 of 45 bytes is 60 characters; plus "=?UTF-8?B?" and "?=" is 72
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t end = std::min(s.size(), i + kMaxRaw);
    while (end < s.size() && end > i && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + b64(s.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string crlf(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 32);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += "\r\n";
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if (s[i] == '\n') out += "\r\n";
    else out += s[i];
  }
  return out;
}

std::string b64_lines(std::string_view raw) {
  std::string enc = b64(raw), out;
  for (size_t i = 0; i < enc.size(); i += 76) out += enc.substr(i, 76) + "\r\n";
  return out;
}
}  // namespace

std::string encode_header_text(std::string_view text) {
  std::string s = clean(text);
  if (plain_ascii_atom_text(s) && s.size() <= 900) return s;
  return encoded_words(s);
}

std::string format_address(const Address& a) {
  if (!http::valid_email(a.email) || !http::no_controls(a.email, false))
    throw BadAddress("not a valid e-mail address: " + a.email);
  std::string name = clean(a.name);
  if (name.empty()) return "<" + a.email + ">";
  bool needs_quote = false;
  for (char c : name) needs_quote = needs_quote || std::string_view("()<>[]:;@\\,.\"").find(c) != std::string_view::npos;
  if (!plain_ascii_atom_text(name)) return encoded_words(name) + " <" + a.email + ">";
  if (needs_quote) {
    std::string q = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') q += '\\';
      q += c;
    }
    return q + "\" <" + a.email + ">";
  }
  return name + " <" + a.email + ">";
}

std::string rfc5322_date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

std::string compose(const Message& m) {
  if (m.message_id.find_first_of("<>\r\n ") != std::string::npos || m.message_id.find('@') == std::string::npos)
    throw std::invalid_argument("bad Message-ID");
  unsigned char h[12];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(m.message_id.data()), m.message_id.size(),
                     nullptr, 0);
  char hex[sizeof h * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  std::string boundary = "=_portico_" + std::string(hex);  // "=_" never occurs in base64 bodies

  std::string out;
  out += "Message-ID: <" + m.message_id + ">\r\n";
  out += "Date: " + rfc5322_date(m.date) + "\r\n";
  out += "From: " + format_address(m.from) + "\r\n";
  out += "To: " + format_address(m.to) + "\r\n";
  if (m.reply_to) out += "Reply-To: " + format_address(*m.reply_to) + "\r\n";
  out += "Subject: " + encode_header_text(m.subject) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += b64_lines(crlf(m.text));
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += b64_lines(crlf(m.html));
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace portico::mail

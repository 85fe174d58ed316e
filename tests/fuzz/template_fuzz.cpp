// Staff-edited e-mail templates: any text is either refused with a reason or accepted; never a crash or an
// exception. The input is split into subject, text and html at the first two NUL bytes.
#include <cstdint>

#include "mail/mail_template.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  portico::mail::TemplateText t;
  size_t a = in.find('\0');
  size_t b = a == std::string::npos ? std::string::npos : in.find('\0', a + 1);
  t.subject = in.substr(0, a);
  if (a != std::string::npos) t.text = in.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
  if (b != std::string::npos) t.html = in.substr(b + 1);
  for (const char* folder : {"new_action", "auto_create_portal_user", "no_such_folder"})
    (void)portico::mail::template_problem(folder, t);
  return 0;
}

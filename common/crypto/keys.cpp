#include "crypto/keys.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace portico::crypto {

Keys Keys::from_text(const std::string& text) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  Keys k;
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string id, b64, extra;
    ls >> id >> b64 >> extra;
    Entry e{id, {}};
    size_t len = 0;
    if (!extra.empty() || id.empty() || id.size() > 16 || id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789") != std::string::npos ||
        sodium_base642bin(e.master.data(), e.master.size(), b64.data(), b64.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        len != e.master.size())
      throw std::runtime_error("key file line " + std::to_string(lineno) +
                               ": expected '<id of a-z0-9> <base64 of 32 bytes>'");
    k.entries_.push_back(std::move(e));
  }
  if (k.entries_.empty()) throw std::runtime_error("key file holds no key");
  return k;
}

Keys Keys::load(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot read key file '" + path + "'");
  std::stringstream ss;
  ss << f.rdbuf();
  try {
    return from_text(ss.str());
  } catch (const std::exception& e) {
    throw std::runtime_error("key file '" + path + "': " + e.what());
  }
}

void Keys::generate(const std::string& path) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  Key k;
  randombytes_buf(k.data(), k.size());
  char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(b64, sizeof b64, k.data(), k.size(), sodium_base64_VARIANT_ORIGINAL);
  sodium_memzero(k.data(), k.size());
  char id[16];
  snprintf(id, sizeof id, "k%08x", randombytes_uniform(0xffffffu));
  std::string text = "# Portico server keys: first line is current. Keep secret.\n" + std::string(id) + " " + b64 + "\n";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw std::runtime_error("cannot create key file '" + path + "' (it may already exist)");
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write key file '" + path + "'");
}

Key Keys::derive(Purpose p, size_t index) const {
  Key out;
  crypto_kdf_derive_from_key(out.data(), out.size(), static_cast<uint64_t>(p), "portico_", entries_.at(index).master.data());
  return out;
}

int Keys::find(const std::string& id) const {
  for (size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].id == id) return static_cast<int>(i);
  return -1;
}

}  // namespace portico::crypto

#pragma once
// Server keys from PORTICO_KEY_FILE. Each line is "<key id> <base64 of 32 random bytes>"; the first line is
// the current key, later lines are older keys kept so that links signed with them still verify.
// Purpose keys are derived with crypto_kdf so one master key never serves two uses.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace portico::crypto {

using Key = std::array<unsigned char, 32>;

enum class Purpose : uint64_t {
  session_hash = 1, csrf = 2, link_sign = 3, seal = 5,  // 4: never used, never reuse
  generated_password = 6,  // keyed hash of a generated first password (crypto/generated_password.hpp)
};

class Keys {
 public:
  // Throws std::runtime_error with a clear message when the file is missing, unreadable or malformed.
  static Keys load(const std::string& path);
  static Keys from_text(const std::string& text);  // for tests
  // Writes a new key file (mode 0600) with one fresh key; refuses to overwrite.
  static void generate(const std::string& path);

  const std::string& current_id() const { return entries_.front().id; }
  Key derive(Purpose p) const { return derive(p, 0); }
  Key derive(Purpose p, size_t index) const;
  // Index of the key with this id, or -1.
  int find(const std::string& id) const;
  const std::string& id_at(size_t index) const { return entries_.at(index).id; }

 private:
  struct Entry {
    std::string id;
    Key master;
  };
  std::vector<Entry> entries_;
};

}  // namespace portico::crypto

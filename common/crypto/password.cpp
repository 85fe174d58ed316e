#include "crypto/password.hpp"

#include <sodium.h>
#include <zxcvbn.h>

#include <condition_variable>
#include <mutex>
#include <stdexcept>

#include "http/validate.hpp"

namespace portico::crypto {

namespace {
// A counting gate: std::counting_semaphore needs its maximum at compile time.
std::mutex g_mu;
std::condition_variable g_cv;
unsigned g_limit = 2, g_running = 0;

struct Slot {
  Slot() {
    std::unique_lock lock(g_mu);
    g_cv.wait(lock, [] { return g_running < g_limit; });
    ++g_running;
  }
  ~Slot() {
    { std::lock_guard lock(g_mu); --g_running; }
    g_cv.notify_one();
  }
};

const std::string& dummy_hash() {
  static const std::string h = [] {
    unsigned char pw[32];
    randombytes_buf(pw, sizeof pw);
    return hash_password(std::string_view(reinterpret_cast<char*>(pw), sizeof pw));
  }();
  return h;
}
}  // namespace

void set_hash_concurrency(unsigned n) {
  std::lock_guard lock(g_mu);
  g_limit = n ? n : 1;
}

std::string hash_password(std::string_view password) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  Slot slot;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPwOps, kPwMem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return out;
}

bool verify_password(std::string_view password, const std::optional<std::string>& stored) {
  const std::string& h = stored && !stored->empty() ? *stored : dummy_hash();
  bool ok;
  {
    Slot slot;
    ok = crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
  }
  return ok && stored && !stored->empty();
}

bool needs_rehash(const std::string& stored) {
  return crypto_pwhash_str_needs_rehash(stored.c_str(), kPwOps, kPwMem) != 0;
}

std::optional<std::string> password_problem(std::string_view password, const std::vector<std::string>& user_words) {
  if (!http::valid_utf8(password)) return "The password contains characters that are not valid text.";
  size_t n = http::utf8_length(password);
  if (n < 12) return "Use at least 12 characters.";
  if (n > 128) return "Use at most 128 characters.";
  std::vector<const char*> dict;
  for (const auto& w : user_words)
    if (!w.empty()) dict.push_back(w.c_str());
  dict.push_back(nullptr);
  std::string pw(password);
  double bits = ZxcvbnMatch(pw.c_str(), dict.data(), nullptr);
  sodium_memzero(pw.data(), pw.size());
  // 2^40 guesses: beyond an offline attack on a leaked fast hash for years; common words, names and
  // patterns (password1234, qwertyuiop12) fall far below it.
  if (bits < 40.0) return "This password is too easy to guess. Try a longer phrase of unrelated words.";
  return std::nullopt;
}

}  // namespace portico::crypto

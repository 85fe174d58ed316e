// The argon2 baseline of scripts/bench/run: how many Argon2id verifies per second this machine
// does with Portico's parameters (crypto/password.hpp), one thread per core, nothing else.
// Usage: bench-argon2 [SECONDS] [THREADS]   prints: verifies_per_second threads
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "crypto/password.hpp"

int main(int argc, char** argv) {
  using namespace std::chrono;
  double secs = argc > 1 ? std::atof(argv[1]) : 5.0;
  unsigned threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : std::thread::hardware_concurrency();
  if (threads == 0) threads = 1;
  if (sodium_init() < 0) return 1;
  const std::string pw = "correct horse battery staple 42";
  const std::string stored = portico::crypto::hash_password(pw);
  std::atomic<long> done{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> pool;
  auto t0 = steady_clock::now();
  for (unsigned i = 0; i < threads; ++i)
    pool.emplace_back([&] {
      while (!stop.load()) {
        if (crypto_pwhash_str_verify(stored.c_str(), pw.data(), pw.size()) != 0) std::abort();
        done.fetch_add(1);
      }
    });
  std::this_thread::sleep_for(duration<double>(secs));
  stop = true;
  for (auto& t : pool) t.join();
  double elapsed = duration<double>(steady_clock::now() - t0).count();
  std::printf("%.2f %u\n", static_cast<double>(done.load()) / elapsed, threads);
}

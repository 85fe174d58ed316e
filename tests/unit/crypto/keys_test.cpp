#include <boost/test/unit_test.hpp>

#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "crypto/keys.hpp"

using namespace portico::crypto;

namespace {
// base64 (original alphabet, padded) of 32 bytes all equal to b.
std::string key_b64(unsigned char b, size_t n = 32) {
  std::string raw(n, static_cast<char>(b));
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), n,
                    sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();
  return out;
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "portico-keys-XXXXXX").string();
    BOOST_REQUIRE(mkdtemp(tmpl.data()));
    path = tmpl;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};
}  // namespace

BOOST_AUTO_TEST_CASE(from_text_reads_keys_in_order) {
  Keys k = Keys::from_text("# comment\n\nk2024 " + key_b64(1) + "\nold1 " + key_b64(2) + "\n");
  BOOST_CHECK_EQUAL(k.current_id(), "k2024");
  BOOST_CHECK_EQUAL(k.find("k2024"), 0);
  BOOST_CHECK_EQUAL(k.find("old1"), 1);
  BOOST_CHECK_EQUAL(k.find("nope"), -1);
  BOOST_CHECK_EQUAL(k.id_at(1), "old1");
  BOOST_CHECK_THROW(k.id_at(2), std::out_of_range);
  // CRLF line ends and no final newline are fine.
  BOOST_CHECK_EQUAL(Keys::from_text("a1 " + key_b64(3) + "\r\nb2 " + key_b64(4)).find("b2"), 1);
}

BOOST_AUTO_TEST_CASE(from_text_refuses_bad_lines) {
  const std::string good = key_b64(1);
  for (const std::string& text : {
           std::string(),                                // no key at all
           std::string("# only a comment\n"),
           "K1 " + good,                                 // upper case id
           "k-1 " + good,                                // '-' not allowed in an id
           std::string(17, 'k') + " " + good,            // id over 16 characters
           std::string("k1"),                            // no key
           "k1 " + key_b64(1, 31),                       // 31 bytes
           "k1 " + key_b64(1, 33),                       // 33 bytes
           "k1 " + good.substr(0, good.size() - 1),      // broken base64
           "k1 " + std::string(44, '*'),                 // not base64
           "k1 " + good + "\nk2 nonsense",               // a later bad line still fails
       }) {
    BOOST_CHECK_THROW(Keys::from_text(text), std::runtime_error);
  }
  try {
    Keys::from_text("k1 " + good + "\n# c\nbad line\n");
    BOOST_ERROR("no throw");
  } catch (const std::runtime_error& e) {
    BOOST_CHECK_NE(std::string(e.what()).find("line 3"), std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(derive_separates_purposes_and_keys) {
  Keys a = Keys::from_text("a " + key_b64(1) + "\nb " + key_b64(2));
  Keys a2 = Keys::from_text("x " + key_b64(1));
  const Purpose all[] = {Purpose::session_hash, Purpose::csrf, Purpose::link_sign,
                         Purpose::seal};
  for (Purpose p : all) {
    BOOST_CHECK(a.derive(p) == a.derive(p, 0));
    BOOST_CHECK(a.derive(p) == a2.derive(p));   // the same master key gives the same purpose key
    BOOST_CHECK(a.derive(p, 0) != a.derive(p, 1));  // different master keys differ
    for (Purpose q : all)
      if (p != q) BOOST_CHECK(a.derive(p) != a.derive(q));
    Key zero{};
    BOOST_CHECK(a.derive(p) != zero);
  }
  BOOST_CHECK_THROW(a.derive(Purpose::csrf, 2), std::out_of_range);
}

BOOST_AUTO_TEST_CASE(generate_then_load) {
  TempDir dir;
  std::string path = (dir.path / "keys").string();
  Keys::generate(path);
  struct stat st {};
  BOOST_REQUIRE_EQUAL(stat(path.c_str(), &st), 0);
  BOOST_CHECK_EQUAL(st.st_mode & 0777, 0600u);
  Keys k = Keys::load(path);
  BOOST_CHECK(!k.current_id().empty());
  BOOST_CHECK_THROW(Keys::generate(path), std::runtime_error);  // never overwrites
  BOOST_CHECK(Keys::load(path).derive(Purpose::csrf) == k.derive(Purpose::csrf));

  std::string other = (dir.path / "other").string();
  Keys::generate(other);
  BOOST_CHECK(Keys::load(other).derive(Purpose::csrf) != k.derive(Purpose::csrf));  // fresh random key

  BOOST_CHECK_THROW(Keys::load((dir.path / "missing").string()), std::runtime_error);
  std::ofstream((dir.path / "bad").string()) << "bad\n";
  try {
    Keys::load((dir.path / "bad").string());
    BOOST_ERROR("no throw");
  } catch (const std::runtime_error& e) {
    BOOST_CHECK_NE(std::string(e.what()).find("bad"), std::string::npos);  // names the file
  }
}

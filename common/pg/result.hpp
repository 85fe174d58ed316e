#pragma once
// Move-only owner of a PGresult with typed accessors.
#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace portico::pg {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};

class Result {
 public:
  Result() = default;
  explicit Result(PGresult* r) : r_(r) {}

  int rows() const { return r_ ? PQntuples(r_.get()) : 0; }
  bool empty() const { return rows() == 0; }
  // The column named exactly so; throws if there is none (a programming error). Not PQfnumber, which
  // allocates to fold the name's case on every call: list views look up each column once per row.
  int column(const char* name) const;

  bool is_null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string_view view(int row, int col) const {
    return {PQgetvalue(r_.get(), row, col), static_cast<size_t>(PQgetlength(r_.get(), row, col))};
  }
  std::string str(int row, int col) const { return std::string(view(row, col)); }
  std::optional<std::string> opt(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return str(row, col);
  }
  int64_t i64(int row, int col) const;
  std::optional<int64_t> opt_i64(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return i64(row, col);
  }
  bool boolean(int row, int col) const { return view(row, col) == "t"; }

  PGresult* get() const { return r_.get(); }

 private:
  std::unique_ptr<PGresult, ResultDeleter> r_;
};

// The bytes of a bytea value returned in text format ("\\x..." hex).
std::string unescape_bytea(std::string_view text);

}  // namespace portico::pg

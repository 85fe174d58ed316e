#pragma once
// One PostgreSQL connection, owned by one worker thread. It connects lazily, reconnects after a loss on
// the next use, and (re)prepares every registered statement each time it connects.
#include <libpq-fe.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pg/error.hpp"
#include "pg/result.hpp"

namespace portico::pg {

struct ConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};

// How a statement is planned. `cached`: prepared once per connection; PostgreSQL switches to one generic
// plan after a few executions, so the statement is planned about once. `per_call`: sent with its SQL each
// time and planned for the values given, for a statement whose best plan depends on them, e.g. a list with
// optional filters "($n IS NULL OR col = $n)", where a generic plan cannot tell which filters are set.
enum class Plan { cached, per_call };

struct Statement {
  const char* name;
  const char* sql;
  Plan plan = Plan::cached;
};

// A text-format parameter; nullopt is SQL NULL. Param::bytes() sends raw bytes in binary format without a
// copy (a bytea value, e.g. a 256 KiB chunk of a document): the bytes must outlive the call it is passed to.
class Param {
 public:
  static Param bytes(std::string_view raw) {
    Param p(std::nullopt);
    p.borrowed_ = raw;
    p.binary_ = true;
    return p;
  }
  Param(std::nullopt_t) {}
  Param(const char* s) : v_(s) {}
  Param(std::string_view s) : v_(std::string(s)) {}
  Param(const std::string& s) : v_(s) {}
  Param(std::string&& s) : v_(std::move(s)) {}
  Param(int64_t n) : v_(std::to_string(n)) {}
  Param(int n) : v_(std::to_string(n)) {}
  Param(bool b) : v_(b ? "t" : "f") {}
  Param(const std::optional<std::string>& s) : v_(s) {}
  Param(const std::optional<int64_t>& n) { if (n) v_ = std::to_string(*n); }
  // A bigint[] in text form ({1,2,3}): pass it as $n::bigint[].
  Param(const std::vector<int64_t>& ids) : v_("{") {
    for (size_t i = 0; i < ids.size(); ++i) *v_ += (i ? "," : "") + std::to_string(ids[i]);
    *v_ += "}";
  }
  const char* c_str() const { return binary_ ? borrowed_.data() : v_ ? v_->c_str() : nullptr; }
  int length() const { return binary_ ? static_cast<int>(borrowed_.size()) : v_ ? static_cast<int>(v_->size()) : 0; }
  int format() const { return binary_ ? 1 : 0; }

 private:
  std::optional<std::string> v_;
  std::string_view borrowed_;
  bool binary_ = false;
};

class Connection {
 public:
  Connection(std::string conninfo, std::vector<std::span<const Statement>> statements);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Connects (or reconnects) if needed; throws Error{connection} when the server cannot be reached.
  void ensure();
  bool connected() const;

  // A registered prepared statement; every call goes through one result check.
  Result run(const char* name, std::initializer_list<Param> params);
  Result run(const char* name, std::span<const Param> params);
  // As run(), with every result column in binary format: a bytea column's view() is its raw bytes.
  Result run_binary(const char* name, std::initializer_list<Param> params);
  // Plain SQL without parameters (transaction control, migrations).
  Result exec(const std::string& sql);

  PGconn* raw() { return conn_.get(); }

 private:
  friend class Transaction;
  Result check(PGresult* r);
  void prepare_all();
  // Runs send() once; if a connection that looked healthy turns out dead (the server restarted since
  // its last use) and no transaction is open, reconnects and runs it once more. Statements run outside a
  // transaction are reads or harmless to repeat.
  template <class Send>
  Result with_retry(Send send);
  // Every run: a Plan::per_call statement with its SQL, any other by its prepared name.
  Result execute(const char* name, std::span<const Param> params, int result_format);

  std::string conninfo_;
  std::vector<std::span<const Statement>> statements_;
  std::unordered_map<std::string_view, const char*> per_call_;  // name -> SQL of the Plan::per_call statements
  std::unique_ptr<PGconn, ConnDeleter> conn_;
  bool in_transaction_ = false;
};

// Rolls back unless committed. Keeps a transaction on one connection for its lifetime.
class Transaction {
 public:
  explicit Transaction(Connection& c, const char* begin = "BEGIN");
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& c_;
  bool done_ = false;
};

}  // namespace portico::pg

#include "pg/connection.hpp"

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace portico::pg {

ErrorKind classify(std::string_view s) {
  if (s.starts_with("08") || s == "57P01" || s == "57P02" || s == "57P03") return ErrorKind::connection;
  if (s == "23505") return ErrorKind::unique_violation;
  if (s == "23503") return ErrorKind::foreign_key;
  if (s == "23514" || s == "23502") return ErrorKind::check_violation;
  if (s == "40001" || s == "40P01") return ErrorKind::serialization;
  if (s.starts_with("22")) return ErrorKind::data;
  return ErrorKind::other;
}

std::string unescape_bytea(std::string_view text) {
  std::string z(text);
  size_t len = 0;
  unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(z.c_str()), &len);
  if (!raw) throw std::bad_alloc();
  std::string out(reinterpret_cast<char*>(raw), len);
  PQfreemem(raw);
  return out;
}

int Result::column(const char* name) const {
  int n = r_ ? PQnfields(r_.get()) : 0;
  for (int c = 0; c < n; ++c)
    if (std::strcmp(PQfname(r_.get(), c), name) == 0) return c;
  throw std::logic_error(std::string("no result column ") + name);
}

int64_t Result::i64(int row, int col) const {
  auto v = view(row, col);
  int64_t n = 0;
  std::from_chars(v.data(), v.data() + v.size(), n);
  return n;
}

Connection::Connection(std::string conninfo, std::vector<std::span<const Statement>> statements)
    : conninfo_(std::move(conninfo)), statements_(std::move(statements)) {
  for (auto list : statements_)
    for (const Statement& s : list)
      if (s.plan == Plan::per_call) per_call_.emplace(s.name, s.sql);
}

bool Connection::connected() const { return conn_ && PQstatus(conn_.get()) == CONNECTION_OK; }

void Connection::ensure() {
  if (connected()) return;
  conn_.reset(PQconnectdb(conninfo_.c_str()));
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    std::string msg = conn_ ? PQerrorMessage(conn_.get()) : "out of memory";
    conn_.reset();
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    throw Error(ErrorKind::connection, "08001", "", "cannot connect to the database: " + msg);
  }
  prepare_all();
}

void Connection::prepare_all() {
  for (auto list : statements_)
    for (const Statement& s : list)
      if (s.plan == Plan::cached) check(PQprepare(conn_.get(), s.name, s.sql, 0, nullptr));
}

Result Connection::check(PGresult* raw) {
  Result r(raw);
  ExecStatusType st = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return r;
  const char* state = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
  const char* cons = raw ? PQresultErrorField(raw, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  std::string msg = raw ? PQresultErrorMessage(raw) : "";
  if (msg.empty() && conn_) msg = PQerrorMessage(conn_.get());
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  bool lost = !conn_ || PQstatus(conn_.get()) != CONNECTION_OK;
  ErrorKind kind = lost ? ErrorKind::connection : classify(state ? state : "");
  if (lost) conn_.reset();  // the next ensure() reconnects and prepares again
  throw Error(kind, state ? state : (lost ? "08006" : ""), cons ? cons : "", msg);
}

template <class Send>
Result Connection::with_retry(Send send) {
  bool was_connected = connected();
  ensure();
  try {
    return check(send());
  } catch (const Error& e) {
    if (e.kind != ErrorKind::connection || !was_connected || in_transaction_) throw;
  }
  ensure();
  return check(send());
}

Result Connection::run(const char* name, std::span<const Param> params) { return execute(name, params, 0); }

Result Connection::run(const char* name, std::initializer_list<Param> params) {
  return execute(name, std::span<const Param>(params.begin(), params.size()), 0);
}

Result Connection::run_binary(const char* name, std::initializer_list<Param> params) {
  return execute(name, std::span<const Param>(params.begin(), params.size()), 1);
}

Result Connection::execute(const char* name, std::span<const Param> params, int result_format) {
  const int n = static_cast<int>(params.size());
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size()), formats(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    values[i] = params[i].c_str();
    lengths[i] = params[i].length();
    formats[i] = params[i].format();
  }
  // The unnamed statement of PQexecParams is never cached: PostgreSQL plans it for these values.
  auto fresh = per_call_.find(name);
  return with_retry([&] {
    if (fresh != per_call_.end())
      return PQexecParams(conn_.get(), fresh->second, n, nullptr, values.data(), lengths.data(), formats.data(),
                          result_format);
    return PQexecPrepared(conn_.get(), name, n, values.data(), lengths.data(), formats.data(), result_format);
  });
}

Result Connection::exec(const std::string& sql) {
  return with_retry([&] { return PQexec(conn_.get(), sql.c_str()); });
}

Transaction::Transaction(Connection& c, const char* begin) : c_(c) {
  c_.exec(begin);
  c_.in_transaction_ = true;
}

Transaction::~Transaction() {
  c_.in_transaction_ = false;
  if (done_ || !c_.connected()) return;
  try {
    c_.exec("ROLLBACK");
  } catch (...) {
    // A failed rollback means the connection is gone, and the server rolls back by itself.
  }
}

void Transaction::commit() {
  done_ = true;
  c_.exec("COMMIT");  // if the connection dies here, the outcome is unknown and the caller sees the error
  c_.in_transaction_ = false;
}

}  // namespace portico::pg

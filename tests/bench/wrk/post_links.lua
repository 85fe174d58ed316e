-- POST of one-time completion links, each link once: the tokens of BENCH_TOKENS (one a line) are dealt
-- out to wrk's threads round robin. A thread that runs out sends its last token again, which answers
-- 410 and so counts as an error: load enough tokens. Body: BENCH_BODY plus the pre-session CSRF token.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local threads, counter = {}, 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
  for _, t in ipairs(threads) do t:set("nthreads", counter) end
end

local tokens, next_i = {}, 1
function init(args)
  local i = 0
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    if i % nthreads == tid then table.insert(tokens, line) end
    i = i + 1
  end
  wrk.method = "POST"
  wrk.body = os.getenv("BENCH_BODY")
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  local t = tokens[next_i] or tokens[#tokens]
  next_i = next_i + 1
  return wrk.format(nil, "/c/" .. t)
end

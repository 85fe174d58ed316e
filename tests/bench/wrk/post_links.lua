-- POST of one-time completion links, each link once: the tokens of BENCH_TOKENS (one a line) are dealt
-- out to wrk's threads round robin. A thread that runs out sends its last token again, which answers
-- 410 and so counts as an error: load enough tokens. Body: BENCH_BODY plus the pre-session CSRF token.
-- wrk runs each thread's init() right after its setup(), before the next thread exists, so the number
-- of threads comes from BENCH_WRK_THREADS (wrk's -t), not from counting setups.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local counter = 0
local nthreads = tonumber(os.getenv("BENCH_WRK_THREADS") or "2")
function setup(thread)
  thread:set("tid", counter)
  thread:set("nthreads", nthreads)
  counter = counter + 1
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

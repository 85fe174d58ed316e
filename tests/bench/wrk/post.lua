-- The same POST again and again (the login flood, API creates): body from BENCH_BODY, content type
-- from BENCH_CONTENT_TYPE (a form by default).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE") or "application/x-www-form-urlencoded"

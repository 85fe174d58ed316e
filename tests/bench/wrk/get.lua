-- A plain GET of the URL's path (headers such as Host and Cookie come from wrk -H).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

# Sourced by the benchmarks: starts `$assay mock-server` answering after $latency_ms with the echo
# policy, logging into $work, and sets `server_pid` and `base_url` (the caller stops the server).
"$assay" mock-server --port 0 --latency-ms "$latency_ms" --policy echo >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 1 200); do
  grep -q '^listening on ' "$work/server.out" 2>/dev/null && break
  sleep 0.05
done
base_url="$(sed -n 's/^listening on //p' "$work/server.out")"
[[ -n "$base_url" ]] || { echo "the mock server did not start: $(cat "$work/server.err")" >&2; exit 1; }

# shellcheck shell=bash
# Sourced by perf/bench.sh, perf/floor/compare.sh and perf/measure-startup.sh, so that they
# measure the same way: CPU and memory from /proc, medians, and wrk's figures from one parser.

# Where the perf scripts keep what they build and start: jars, logs, serve.env.
work=target/perf
clk_tck=$(getconf CLK_TCK)

# cpu_ticks PID: the process's user and system CPU so far, in clock ticks (0 if it is gone).
cpu_ticks() {
  local stat fields
  [[ -n $1 && -r /proc/$1/stat ]] || { echo 0; return; }
  stat=$(<"/proc/$1/stat")
  read -ra fields <<<"${stat##*) }"
  # After "pid (comm) ": state is field 3, utime 14 and stime 15 (proc(5)).
  echo $((fields[11] + fields[12]))
}

# rss_mb PID: the process's resident memory, in MB.
rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# free_port: a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "No free port found." >&2
  return 1
}

# median: the median of the numbers on standard input, one per line ("n/a" for none).
median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# wrk_errors LOG: the answers other than 2xx/3xx plus the socket errors in a wrk log.
wrk_errors() {
  awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$1"
}

# wrk_figures LOG APP_TICKS [DB_TICKS]: "req/s p50 p99 app-CPU db-CPU" from a `wrk --latency`
# log and the CPU ticks the server (and the database) used during it; latencies in ms, CPU
# in ms per request, "n/a" for the database when not given.
wrk_figures() {
  awk -v cpu="$2" -v db="${3:-}" -v hz="$clk_tck" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) }
    / requests in / { n = $1 }
    /^Requests\/sec:/ { rps = $2 }
    END { printf "%s %.2f %.2f %.3f %s\n", rps, p50, p99, cpu * 1000 / hz / n, db == "" ? "n/a" : sprintf("%.3f", db * 1000 / hz / n) }
  ' "$1"
}

# run_baseline PORT JVM_OPTIONS_FILE: replaces the calling shell with perf/baseline, as
# perf/bench.sh compiled it into $work, on the database named by DB_URL, DB_USER and
# DB_PASSWORD; with the back's JVM options, so that CPU and memory compare.
run_baseline() {
  PORT=$1 exec java "@$2" -cp "$work/baseline:$(echo "$work"/lib/mysql-connector-j-*.jar)" Baseline
}

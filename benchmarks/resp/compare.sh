#!/usr/bin/env bash
# Runs redis-benchmark against a real redis-server and against RedisLite's RESP server (redislite-server) on this
# machine, test by test and interleaved, so both see the same conditions, and prints a markdown table of the
# throughput ratio (RedisLite / Redis) and the p99 latency ratio per command, without and with pipelining.
#
# Usage: benchmarks/resp/compare.sh [requests per test, default 1000000] [clients, default 50]
# Needs redis-server and redis-benchmark (apt-get install -y redis-server redis-tools). Not run by CI: timing only.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
requests="${1:-1000000}"
clients="${2:-50}"
tests=(set get incr lpush lpop sadd hset zadd)
work="$(mktemp -d "${TMPDIR:-/tmp}/redislite-resp-bench.XXXXXX")"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }

dotnet build "$repo_root/src/RedisLite.ServerTool" -c Release --nologo -v quiet >/dev/null
redis_port="$(free_port)"
lite_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
pids+=($!)
dotnet "$repo_root/src/RedisLite.ServerTool/bin/Release/net10.0/RedisLite.ServerTool.dll" --port "$lite_port" >"$work/lite.log" 2>&1 &
pids+=($!)
for port in "$redis_port" "$lite_port"; do
    for _ in $(seq 1 100); do
        redis-cli -p "$port" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
done

# One CSV line: "TEST","rps","avg","min","p50","p95","p99","max"
run() {
    local port="$1" test="$2" pipeline="$3"
    redis-cli -p "$port" flushall >/dev/null
    redis-benchmark -p "$port" -c "$clients" -n "$requests" -P "$pipeline" -r 1000000 -t "$test" --csv 2>/dev/null | tail -n 1 | tr -d '"'
}

echo "redis-benchmark, $clients clients, $requests requests per test, random keys of 1M; $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo
echo "| command | pipeline | redis-server ops/s | RedisLite ops/s | throughput ratio | redis p99 ms | RedisLite p99 ms | p99 ratio |"
echo "|---|---|---|---|---|---|---|---|"
for pipeline in 1 16; do
    for test in "${tests[@]}"; do
        IFS=, read -r _ r_rps _ _ _ _ r_p99 _ <<<"$(run "$redis_port" "$test" "$pipeline")"
        IFS=, read -r _ l_rps _ _ _ _ l_p99 _ <<<"$(run "$lite_port" "$test" "$pipeline")"
        awk -v t="${test^^}" -v p="$pipeline" -v rr="$r_rps" -v lr="$l_rps" -v rp="$r_p99" -v lp="$l_p99" 'BEGIN {
            printf "| %s | %s | %.0f | %.0f | %.2fx | %.3f | %.3f | %.2fx |\n", t, (p == 1 ? "none" : "-P " p), rr, lr, lr / rr, rp, lp, (rp > 0 ? lp / rp : 0)
        }'
    done
done

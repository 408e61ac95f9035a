#!/usr/bin/env bash
# Archive-server benchmark (a benchmark, not a test): N generated documents
# (scripts/make-scale-corpus.py, default 100,000) indexed, loaded into a
# throwaway PostgreSQL cluster with its default durability (fsync on), and
# served by `crosscheck serve`. Prints the load time, the database's size
# against the text, the server's start time, and the latency of
# `POST /candidates` for a 1,000-word article (all its claims in one request)
# with 1 and with 8 concurrent clients: p50 and p95; then the same articles
# again with one sentence changed (an editor's re-check after an edit).
#
#   scripts/postgres-bench.sh [N]      (100,000: about 2 GB of memory and 15 minutes)
#
# An index file already built for N (target/scale/N.idx) is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
out=target/scale
dir=$PWD/target/pg-bench
mkdir -p "$out"
cargo build --release --locked -q -p crosscheck-cli
cli=target/release/crosscheck

# Distinct 1,000-word articles, so that no answer is a repeat: the dev
# articles' sentences and the FEVER and Climate-FEVER claims, shuffled with a
# fixed seed. Each becomes the claims a page would send.
mkdir -p "$out/articles"
python3 - "$out/articles" <<'EOF'
import json, random, sys
sentences = [s["text"] for l in open("tests/fixtures/articles.jsonl") for s in json.loads(l)["sentences"]]
for f in ["tests/fixtures/fever/claims.jsonl", "tests/fixtures/climate-fever/claims.jsonl"]:
    sentences += [json.loads(l)["claim"] for l in open(f) if l.strip()]
random.Random(7).shuffle(sentences)
i = 0
for k in range(110):
    words = []
    while len(words) < 1000:
        words += sentences[i % len(sentences)].split()
        i += 1
    open(f"{sys.argv[1]}/{k:02}.txt", "w").write(" ".join(words[:1000]))
EOF
for a in "$out"/articles/*.txt; do "$cli" claims "$a" >"${a%.txt}.json"; done

if [[ ! -s "$out/$n.idx" ]]; then
  python3 scripts/make-scale-corpus.py --docs "$n" -o "$out/$n.jsonl" >/dev/null
  /usr/bin/time -f 'index file built in %e s, peak %M KB' "$cli" index "$out/$n.jsonl" -o "$out/$n.idx"
else
  echo "reusing $out/$n.idx"
fi

server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  bash scripts/postgres.sh stop "$dir"
}
trap cleanup EXIT
bash scripts/postgres.sh stop "$dir"
url=$(CROSSCHECK_PG_DURABLE=1 bash scripts/postgres.sh start "$dir")
/usr/bin/time -f 'load: %e s wall, peak %M KB (crosscheck)' "$cli" index "$out/$n.idx" --to "$url"
psql "$url" -Atc "SELECT 'database: ' || pg_size_pretty(pg_database_size(current_database()))
  || ' (' || pg_database_size(current_database()) || ' bytes); by table: ' || string_agg(c.relname || ' ' || pg_size_pretty(pg_total_relation_size(c.oid)), ', ' ORDER BY c.relname)
  || '; text: ' || (SELECT pg_size_pretty(sum(octet_length(body))) FROM crosscheck.documents)
  FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'crosscheck' AND c.relkind = 'r'"

port=$(bash scripts/postgres.sh free-port)
started=$(date +%s.%N)
"$cli" serve --corpus "$url" --listen "127.0.0.1:$port" --connections 8 2>"$dir/serve.log" &
server_pid=$!
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.1; done
python3 -c "print('server ready in %.1f s (reads every sentence length)' % ($(date +%s.%N) - $started))"

python3 - "$port" "$out"/articles/*.json <<'EOF'
import http.client, json, sys, threading, time
port, files = int(sys.argv[1]), sys.argv[2:]
bodies = [open(f, "rb").read() for f in files]
claims = [len(json.loads(b)["claims"]) for b in bodies]
print(f"{len(bodies)} distinct 1,000-word articles, {min(claims)} to {max(claims)} claims each, one POST /candidates each")
lock = threading.Lock()

def one(conn, body):
    t = time.perf_counter()
    conn.request("POST", "/candidates", body, {"Content-Type": "application/json"})
    r = conn.getresponse()
    data = r.read()
    assert r.status == 200, (r.status, data[:200])
    return (time.perf_counter() - t) * 1000, len(data)

def run(clients, articles, label):
    times, sizes = [], []
    queue = iter(articles)
    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                body = next(queue, None)
            if body is None:
                return
            ms, size = one(conn, body)
            times.append(ms)
            sizes.append(size)
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads: t.start()
    for t in threads: t.join()
    wall = time.perf_counter() - started
    times.sort()
    pct = lambda p: times[min(len(times) - 1, int(round(p / 100 * (len(times) - 1))))]
    print(f"{label}, {clients} client(s): {len(times)} articles, p50 {pct(50):.0f} ms, p95 {pct(95):.0f} ms, "
          f"max {times[-1]:.0f} ms; {len(times) / wall:.1f} articles/s; answer {sum(sizes) / len(sizes) / 1024:.0f} KB")

# Every article below is new to the server until the re-checks.
run(1, bodies[:10], "the first 10 articles after start (term cache cold)")
run(1, bodies[10:35], "the next 25")
run(8, bodies[35:110], "75 more")

# An editor's re-check: the same articles again with one sentence changed,
# as a page sends them after an edit.
def edited(body, k):
    request = json.loads(body)
    i = k % len(request["claims"])
    request["claims"][i] = request["claims"][i].rstrip(".") + " last year."
    return json.dumps(request).encode()
again = [edited(b, k) for k, b in enumerate(bodies[10:110])]
run(1, again[:25], "re-checks after one edit")
run(8, again[25:], "re-checks after one edit")
EOF

"""The portal's part of `make bench`: upload-to-receipt latency of `huanxin serve`.

A deployment with the demo Inbox/ taken in by `huanxin run`, one department account
(commerce) per client in a county of its own, and a province account. Each client logs in
and uploads a 100-row records file again and again (one figure changes each time, so each
upload is a new version that supersedes the last); the latency is from the first byte sent
to the receipt received. Run at 1, 8 and 32 concurrent clients on loopback, then 1,000
uploads at 8 clients while the server's resident memory is read every 100 uploads; then a
nightly `huanxin run --wait` started while 8 clients keep uploading (it must get the lock:
the portal leaves it to a waiting run, and the uploads meanwhile are queued, not refused);
then the province's status and targets pages. Goal: p95 under 300 ms at 8 clients, no error, memory
flat over the 1,000 uploads.

Usage: portal.py [--uploads N] (standalone) or from run.py (`make bench`).
"""

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
# The release build, as `make bench` makes it; HUANXIN_CLI names another (a debug build, for a quick look).
HUANXIN_CLI = Path(os.environ.get("HUANXIN_CLI", REPO / ".build/release/huanxin"))
PASSWORD = "bench-password-0123"
BOUNDARY = "huanxin-bench-boundary"
HEADER = "地区代码,指标代码,期间,数值,单位,备注"


def counties(count):
    """The first `count` county codes of the catalog, for one client each."""
    lines = (REPO / "Schemas/regions/shandong-divisions.csv").read_text(encoding="utf-8").splitlines()
    codes = [line.split(",")[0] for line in lines if ",county," in line]
    return codes[:count]


def form(region, serial):
    """A 100-row records file for `region`: nev_stock for 100 months, the last month's figure
    carrying `serial` so that every upload is new content."""
    rows, year, month = [], 2017, 1
    for index in range(100):
        value = 10_000 + 37 * index + (serial if index == 99 else 0)
        rows.append(f"{region},nev_stock,{year:04d}-{month:02d},{value},辆,")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ("\r\n".join([HEADER] + rows) + "\r\n").encode("utf-8")


class Client:
    """One logged-in account over one keep-alive connection."""

    def __init__(self, port, user):
        self.port, self.user = port, user
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        body = urllib.parse.urlencode({"username": user, "password": PASSWORD})
        answer = self.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded"})
        cookie = answer.getheader("Set-Cookie") or ""
        answer.read()
        if answer.status != 303 or not cookie:
            raise RuntimeError(f"login {user}: HTTP {answer.status}")
        self.cookie = cookie.split(";")[0]
        session = self.request("GET", "/api/session", None, {})
        self.csrf = json.loads(session.read())["csrfToken"]

    def request(self, method, path, body, headers):
        headers = dict(headers)
        if getattr(self, "cookie", None):
            headers["Cookie"] = self.cookie
        self.connection.request(method, path, body=body, headers=headers)
        return self.connection.getresponse()

    def upload(self, data, name="bench.csv"):
        """Seconds from sending to the receipt, and the receipt's status."""
        body = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                f"Content-Type: text/csv\r\n\r\n").encode() + data + f"\r\n--{BOUNDARY}--\r\n".encode()
        start = time.perf_counter()
        answer = self.request("POST", "/api/submissions", body, {
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}", "X-CSRF-Token": self.csrf})
        payload = answer.read()
        elapsed = time.perf_counter() - start
        status = json.loads(payload).get("status") if answer.status == 201 else f"HTTP {answer.status}"
        return elapsed, status

    def get(self, path):
        start = time.perf_counter()
        answer = self.request("GET", path, None, {})
        answer.read()
        return time.perf_counter() - start, answer.status


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summary(times):
    return {"n": len(times), "p50_ms": round(1000 * percentile(times, 0.50), 1),
            "p95_ms": round(1000 * percentile(times, 0.95), 1), "p99_ms": round(1000 * percentile(times, 0.99), 1),
            "mean_ms": round(1000 * statistics.fmean(times), 1)}


def cpu_seconds(pid):
    """The server's user + system CPU time so far, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average():
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def concurrent_uploads(clients, regions, per_client, serial_base, on_progress=None):
    """Every client uploads `per_client` files at once with the others; latencies and errors."""
    times, errors, lock = [], [], threading.Lock()
    done = [0]

    def work(index):
        client, region = clients[index], regions[index]
        for n in range(per_client):
            elapsed, status = client.upload(form(region, serial_base + index * per_client + n))
            with lock:
                times.append(elapsed)
                if status != "accepted":
                    errors.append(f"{client.user}: {status}")
                done[0] += 1
                if on_progress:
                    on_progress(done[0])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(clients))]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, errors, time.perf_counter() - start


def nightly_during_uploads(clients, regions, serial_base, root):
    """`huanxin run --wait` started after a second of 8 clients uploading without pause; the
    clients go on until a second after it ends. Returns how long the run took to get the lock
    and finish, its exit code, and the uploads' answers by status."""
    stop, lock, answers, times = threading.Event(), threading.Lock(), {}, []

    def work(index):
        n = 0
        while not stop.is_set():
            elapsed, status = clients[index].upload(form(regions[index], serial_base + 100_000 * index + n))
            n += 1
            with lock:
                answers[status] = answers.get(status, 0) + 1
                times.append(elapsed)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    time.sleep(1)
    start = time.perf_counter()
    run = subprocess.run([str(HUANXIN_CLI), "run", "--root", str(root), "--settle", "0", "--quiet", "--wait", "60"],
                         capture_output=True, text=True)
    seconds = time.perf_counter() - start
    time.sleep(1)
    stop.set()
    for thread in threads:
        thread.join()
    return {"run_seconds": round(seconds, 2), "exit": run.returncode, "stderr": run.stderr.strip()[-300:],
            "answers": answers, **summary(times)}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare(root):
    """The deployment: the demo Inbox/ taken in."""
    (root / "Schemas").symlink_to(REPO / "Schemas")
    shutil.copytree(REPO / "Inbox", root / "Inbox")
    subprocess.run([str(REPO / "scripts/restore-demo-mtimes.sh"), str(root / "Inbox")], check=True)
    code = subprocess.run([str(HUANXIN_CLI), "run", "--root", str(root), "--settle", "0", "--quiet"]).returncode
    if code not in (0, 4):
        raise RuntimeError(f"huanxin run: exit {code}")


def copy_deployment(source, root):
    """A deployment like `source` (one a nightly run has taken in, e.g. the nightly benchmark's
    province) at `root`: its folders as hard links, as huanxin replaces files by renaming and never
    writes one in place, and its ledger copied."""
    (root / "Schemas").symlink_to((source / "Schemas").resolve())
    for folder in ("Inbox", "Outbox"):
        subprocess.run(["cp", "-al", str(source / folder), str(root / folder)], check=True)
    for ledger in (root / "Outbox").glob("ledger.sqlite*"):
        ledger.unlink()
        shutil.copy2(source / "Outbox" / ledger.name, ledger)


def add_accounts(root, regions):
    """One department account (commerce) per client region, and the province's."""
    accounts = [("shandong", ["--role", "province", "--region", "370000"])]
    accounts += [(f"c{region}", ["--role", "department", "--region", region, "--department", "commerce"]) for region in regions]
    for user, options in accounts:
        subprocess.run([str(HUANXIN_CLI), "accounts", "add", "--root", str(root), "--user", user, *options,
                        "--password-stdin"], input=PASSWORD + "\n", text=True, check=True, capture_output=True)


def portal_benchmark(levels=(1, 8, 32), uploads_per_level=(100, 400, 640), memory_uploads=1000, keep=False,
                     deployment=None):
    """Runs the whole portal benchmark; returns its results (and a list of failures). `keep`: the
    deployment stays (its ledger, for a look at the queries), and its path is printed. `deployment`:
    a taken-in deployment to upload into (a copy of it), instead of the demo's."""
    regions = counties(max(levels))
    root = Path(tempfile.mkdtemp(prefix="huanxin-portal-bench-"))
    failures, results = [], {"levels": [], "memory": {}, "pages": {}}
    server = None
    try:
        print(f"  portal: preparing the deployment ({deployment or 'demo batch'}, accounts) ...", file=sys.stderr, flush=True)
        if deployment:
            copy_deployment(Path(deployment), root)
        else:
            prepare(root)
        add_accounts(root, regions)
        port = free_port()
        server = subprocess.Popen([str(HUANXIN_CLI), "serve", "--root", str(root), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        clients = [Client(port, f"c{region}") for region in regions]
        concurrent_uploads(clients[:1], regions[:1], 5, 9_000_000)  # warm-up
        serial = 0
        for level, total in zip(levels, uploads_per_level):
            print(f"  portal: {total} uploads at {level} concurrent clients ...", file=sys.stderr, flush=True)
            load, cpu = load_average(), cpu_seconds(server.pid)
            times, errors, wall = concurrent_uploads(clients[:level], regions[:level], total // level, serial)
            cpu = cpu_seconds(server.pid) - cpu
            serial += total
            failures += errors[:5]
            results["levels"].append({"clients": level, **summary(times), "errors": len(errors),
                                      "uploads_per_second": round(len(times) / wall, 1),
                                      "server_cpu_ms_per_upload": round(1000 * cpu / max(1, len(times)), 1),
                                      "server_cores_busy": round(cpu / wall, 2),
                                      "load_before": load, "load_after": load_average()})

        print(f"  portal: {memory_uploads} uploads at 8 clients, reading the server's memory ...", file=sys.stderr, flush=True)
        samples = [(0, rss_kib(server.pid))]
        times, errors, _ = concurrent_uploads(
            clients[:8], regions[:8], memory_uploads // 8, 1_000_000,
            on_progress=lambda done: samples.append((done, rss_kib(server.pid))) if done % 100 == 0 else None)
        failures += errors[:5]
        results["memory"] = {"uploads": len(times), "errors": len(errors), **summary(times),
                             "rss_mib": [(done, round(kib / 1024, 1)) for done, kib in samples]}

        print("  portal: a nightly run started while 8 clients upload ...", file=sys.stderr, flush=True)
        night = nightly_during_uploads(clients[:8], regions[:8], 2_000_000, root)
        results["nightly"] = night
        failures += [f"upload during the nightly run: {status} × {count}"
                     for status, count in night["answers"].items() if status not in ("accepted", "queued")]

        province = Client(port, "shandong")
        for path in ("/status", "/targets?region=371500", "/api/status", "/api/targets?region=371500"):
            measured = [province.get(path) for _ in range(30)]
            bad = [status for _, status in measured if status != 200]
            failures += [f"GET {path}: HTTP {status}" for status in bad[:3]]
            # The first answer apart: /targets computes once, then answers from its cache (TargetsCache).
            results["pages"][path] = {**summary([t for t, _ in measured]), "first_ms": round(1000 * measured[0][0], 1)}
    finally:
        if server:
            server.terminate()
            server.wait(timeout=20)
        if keep:
            print(f"  portal: the deployment is kept at {root}", file=sys.stderr, flush=True)
        else:
            shutil.rmtree(root, ignore_errors=True)
    return results, failures


# Memory is flat when the server's resident set grows by less than this from the sample after the
# first 100 uploads (caches warm) to the last: the XLSX writer's bound for constant memory.
FLAT_MIB = 16


def goals(results):
    """Issue 16's goals, as (met, text) like run.py's; None when not measured."""
    at8 = next((level for level in results["levels"] if level["clients"] == 8), None)
    samples = results["memory"].get("rss_mib", [])
    growth = samples[-1][1] - samples[1][1] if len(samples) > 2 else None
    errors = sum(level["errors"] for level in results["levels"]) + results["memory"].get("errors", 0)
    p95 = "not measured" if at8 is None else f"{at8['p95_ms']} ms"
    night = results.get("nightly")
    return [
        (None if at8 is None else at8["p95_ms"] < 300, f"Portal: upload to receipt p95 under 300 ms at 8 clients: {p95}"),
        (None if night is None else night["exit"] in (0, 4),
         "Portal: a nightly `run --wait` started during uploads gets the lock: "
         + ("not measured" if night is None else f"exit {night['exit']} after {night['run_seconds']} s")),
        (errors == 0, f"Portal: no error in the uploads: {errors} errors"),
        (None if growth is None else growth < FLAT_MIB,
         f"Portal: memory flat over {results['memory'].get('uploads', 0):,} uploads (growth under {FLAT_MIB} MiB "
         f"after the first 100): {'not measured' if growth is None else f'{growth:+.1f} MiB'}"),
    ]


def markdown(results):
    lines = ["## 门户 Portal: upload to receipt (`huanxin serve`, loopback)", "",
             "| clients | uploads | p50 ms | p95 ms | p99 ms | uploads/s | server CPU ms/upload | cores busy "
             "| load before → after | errors |", "|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
    for level in results["levels"]:
        lines.append(f"| {level['clients']} | {level['n']} | {level['p50_ms']} | {level['p95_ms']} | {level['p99_ms']} "
                     f"| {level['uploads_per_second']} | {level['server_cpu_ms_per_upload']} "
                     f"| {level['server_cores_busy']} | {level['load_before']} → {level['load_after']} "
                     f"| {level['errors']} |")
    memory = results["memory"]
    if memory:
        first, last = memory["rss_mib"][1] if len(memory["rss_mib"]) > 1 else memory["rss_mib"][0], memory["rss_mib"][-1]
        lines += ["", f"Memory over {memory['uploads']} uploads at 8 clients (p95 {memory['p95_ms']} ms, "
                      f"{memory['errors']} errors): resident {first[1]} MiB after {first[0]} uploads, "
                      f"{last[1]} MiB after {last[0]}; samples {memory['rss_mib']}"]
    night = results.get("nightly")
    if night:
        lines += ["", f"A nightly `huanxin run --wait 60` started while 8 clients upload: exit {night['exit']} "
                      f"after {night['run_seconds']} s (waiting and running); the uploads meanwhile: "
                      f"{night['answers']}, p95 {night['p95_ms']} ms"]
    lines += ["", "| province page | first ms | p50 ms | p95 ms | p99 ms |", "|---|---:|---:|---:|---:|"]
    for path, figures in results["pages"].items():
        lines.append(f"| `{path}` | {figures.get('first_ms', '')} | {figures['p50_ms']} | {figures['p95_ms']} "
                     f"| {figures['p99_ms']} |")
    lines += ["", f"{os.cpu_count()} cores; load average (1, 5, 15 min) shown per level: the machine is shared.", ""]
    lines += [f"- {'✓' if met else '✗' if met is False else '·'} {text}" for met, text in goals(results)]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory-uploads", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="keep the deployment (its ledger) and print its path")
    parser.add_argument("--deployment", metavar="DIR",
                        help="upload into a copy of this taken-in deployment (e.g. bench/data/province-40-months "
                             "after the nightly benchmark) instead of the demo's")
    args = parser.parse_args()
    if not HUANXIN_CLI.exists():
        sys.exit(f"{HUANXIN_CLI} is missing: swift build -c release --product huanxin")
    results, failures = portal_benchmark(memory_uploads=args.memory_uploads, keep=args.keep,
                                         deployment=args.deployment)
    print(markdown(results))
    print(json.dumps(results, ensure_ascii=False))
    if failures:
        print("失败 failures:\n  " + "\n  ".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

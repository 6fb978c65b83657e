#!/usr/bin/env python3
"""The EvalShell benchmark: one job timed as whole processes, beside DuckDB's CLI and pandas.

The job: load projects.csv and payments.csv (made by evalshell-datagen, deterministic), compute each
project's execution rate for the fiscal year, write them to a CSV file, print the total budget and
the total paid within the year. Beside evalshell: a single-pass C program (tools/bench/rates.c, built
here with `cc -O2`: the yardstick), DuckDB's CLI and pandas; evalshell, C and DuckDB must print the
same totals to the fen. Also timed, inside evalshell (`run --time`): rates per funding source,
cumulative quarterly progress, a what-if on one project, counting the projects whose rate is at
least 60%; and start-up (`evalshell -c '1'`).

    python3 tools/bench.py --size S M            # after: swift build -c release
    python3 tools/bench.py --smoke --evalshell .build/debug/evalshell   # what CI runs: a tiny size, once
    python3 tools/bench.py --size M --postgres "postgresql://evalshell@/postgres?host=/tmp/pg"
                                                 # also: the payments from a PostgreSQL table (psql copies them in)

Prints medians over several runs, peak memory (max RSS), and the ratios evalshell ÷ C and
evalshell ÷ DuckDB.
Timings are figures for a person to read, never assertions: machines are noisy.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZES = {"XS": (100, 2_000), "S": (1_000, 20_000), "M": (20_000, 1_000_000), "L": (50_000, 10_000_000)}


def run_measured(cmd, cwd, stdin=None):
    """Runs cmd; returns (seconds, stdout, stderr)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL)
    out, err = p.communicate(stdin.encode() if stdin is not None else None)
    elapsed = time.perf_counter() - start
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({p.returncode}):\n{err.decode(errors='replace')[-2000:]}")
    return elapsed, out.decode(errors="replace"), err.decode(errors="replace")


def peak_rss_mib(cmd, cwd):
    """Max RSS of one run of cmd, in MiB, as GNU time reports it (its own forked child is small;
    a child forked from this Python process would count Python's memory in its peak)."""
    if not os.access("/usr/bin/time", os.X_OK):
        return float("nan")
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, check=True).stderr.decode().strip().splitlines()[-1]
    return int(out) / 1024


def median_time(cmd, cwd, runs, stdin=None):
    times = []
    for _ in range(runs):
        t, _, _ = run_measured(cmd, cwd, stdin)
        times.append(t)
    return statistics.median(times)


def evalshell_job(data):
    return f'''year 2020
unit 元
load projects from "{data}/projects.csv"
load payments from "{data}/payments.csv"
export projects columns id, rate to "{data}/rates-evalshell.csv" replace
budget(projects)
paid(projects)
'''


def evalshell_job_postgres(data, uri, table):
    """The same job with the payments summed per project and day by PostgreSQL (docs/SCALE.md)."""
    return f'''year 2020
load projects from "{data}/projects.csv"
load payments from "{uri}" table {table}
export projects columns id, rate to "{data}/rates-postgres.csv" replace
'''


def copy_into_postgres(uri, table, data):
    """payments.csv into a fresh table (numeric amounts, real dates); returns the seconds the copy took."""
    sql = (f"drop table if exists {table}; create table {table} (项目编码 text, 支付金额 numeric(18,2), 支付日期 date);\n"
           f"\\copy {table} from '{data}/payments.csv' with (format csv, header)\nanalyze {table};\n")
    start = time.perf_counter()
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", uri], input=sql.encode(), check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def totals(text, pattern):
    """The (budget, paid) pair a tool printed, as exact fen: each of `pattern`'s two groups is an
    amount in yuan with two decimals (group commas allowed)."""
    import re
    m = re.search(pattern, text, re.S)
    if not m:
        return None
    return tuple(int(g.replace(",", "").replace(".", "")) for g in m.groups())


def evalshell_ops(data):
    return f'''year 2020
load projects from "{data}/projects.csv"
load payments from "{data}/payments.csv"
group 本级 = projects where source = 本级
group 省级 = projects where source = 省级
group 市级 = projects where source = 市级
group 中央 = projects where source = 中央
rate(本级)
rate(省级)
rate(市级)
rate(中央)
progress projects
rate(projects) if XM00001 pays 100000元 in Q4
rate(本级) if XM00001 pays 100000元 in Q4
count(p for p in projects if rate(p) >= 60%)
'''


DUCKDB_SQL = '''COPY (
  WITH p AS (
    SELECT "项目编码" AS id, CAST(REPLACE(CAST("调整后预算数（元）" AS VARCHAR), ',', '') AS DECIMAL(18,2)) AS budget
    FROM read_csv('{data}/projects.csv', header = true, all_varchar = true)),
  y AS (
    SELECT "项目编码" AS id, SUM(CAST("支付金额" AS DECIMAL(18,2))) AS paid
    FROM read_csv('{data}/payments.csv', header = true, all_varchar = true)
    WHERE "支付日期" BETWEEN '2020-01-01' AND '2020-12-31' GROUP BY 1)
  SELECT p.id, COALESCE(y.paid, 0) / NULLIF(p.budget, 0) AS rate FROM p LEFT JOIN y USING (id) ORDER BY p.id
) TO '{data}/rates-duckdb.csv' (HEADER);
'''

# The totals check, run once beside the timed job (not timed: it reads the files again).
DUCKDB_TOTALS = '''SELECT 'totals', CAST((SELECT SUM(CAST(REPLACE(CAST("调整后预算数（元）" AS VARCHAR), ',', '') AS DECIMAL(18,2)))
    FROM read_csv('{data}/projects.csv', header = true, all_varchar = true)) AS DECIMAL(38,2)),
  CAST((SELECT SUM(CAST("支付金额" AS DECIMAL(18,2))) FROM read_csv('{data}/payments.csv', header = true, all_varchar = true)
    WHERE "支付日期" BETWEEN '2020-01-01' AND '2020-12-31') AS DECIMAL(38,2));
'''

PANDAS_PY = '''
import pandas as pd
p = pd.read_csv("{data}/projects.csv", dtype=str)
y = pd.read_csv("{data}/payments.csv", dtype={{"项目编码": str, "支付金额": "float64", "支付日期": str}})
y = y[(y["支付日期"] >= "2020-01-01") & (y["支付日期"] <= "2020-12-31")]
paid = y.groupby("项目编码")["支付金额"].sum()
p["budget"] = p["调整后预算数（元）"].str.replace(",", "").astype("float64")
p["paid"] = p["项目编码"].map(paid).fillna(0)
p["rate"] = p["paid"] / p["budget"]
p[["项目编码", "rate"]].to_csv("{data}/rates-pandas.csv", index=False)
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", nargs="+", default=["S", "M"], choices=list(SIZES))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--evalshell", default=os.path.join(ROOT, ".build/release/evalshell"))
    ap.add_argument("--datagen", default=None)
    ap.add_argument("--work", default=None, help="folder for generated data (default: a temporary one)")
    ap.add_argument("--smoke", action="store_true", help="size XS, one run, no other tools: checks the benchmark works")
    ap.add_argument("--postgres", default=None, metavar="URI",
                    help="a PostgreSQL database to time the job with the payments from a table there too")
    args = ap.parse_args()
    if args.smoke:
        args.size, args.runs = ["XS"], 1
    evalshell = os.path.abspath(args.evalshell)
    datagen = args.datagen or os.path.join(os.path.dirname(evalshell), "evalshell-datagen")
    for tool in (evalshell, datagen):
        if not os.access(tool, os.X_OK):
            sys.exit(f"bench: {tool} is missing: build first (swift build -c release)")
    duckdb = None if args.smoke else shutil.which("duckdb")
    work = args.work or tempfile.mkdtemp(prefix="evalshell-bench-")
    cc = None if args.smoke else build_c(work)
    failures = []
    try:
        import pandas  # noqa: F401
        have_pandas = not args.smoke
    except ImportError:
        have_pandas = False
    print(f"machine: {os.cpu_count()} cores; {platform_line()}")
    print(f"evalshell: {evalshell}")
    if not os.access("/usr/bin/time", os.X_OK):
        print("peak memory needs GNU time: apt-get install time")
    print("other tools: skipped (smoke run)" if args.smoke else f"C: {cc or 'no cc'}; duckdb: {duckdb or 'not installed'}; pandas: {'yes' if have_pandas else 'not installed'}"
          + ("" if args.smoke or (duckdb and have_pandas) else "  (pip install duckdb-cli pandas)"))
    for size in args.size:
        projects, payments = SIZES[size]
        data = os.path.join(work, size)
        os.makedirs(data, exist_ok=True)
        if not os.path.exists(os.path.join(data, "payments.csv")):
            subprocess.run([datagen, "generate", "--projects", str(projects), "--payments", str(payments), "--out", data],
                           check=True, stdout=subprocess.DEVNULL)
        mib = os.path.getsize(os.path.join(data, "payments.csv")) / 2**20
        print(f"\n== {size}: {projects:,} projects, {payments:,} payments ({mib:.1f} MiB of payments.csv), median of {args.runs} ==")
        job = os.path.join(data, "job.evl")
        with open(job, "w") as f:
            f.write(evalshell_job(data))
        ops = os.path.join(data, "ops.evl")
        with open(ops, "w") as f:
            f.write(evalshell_ops(data))

        rows = []
        checks = []
        t = median_time([evalshell, "run", job], data, args.runs)
        m = peak_rss_mib([evalshell, "run", job], data)
        rows.append(("evalshell", t, m))
        _, out, _ = run_measured([evalshell, "run", job], data)
        checks.append(("evalshell", totals(out, r"([\d,]+\.\d\d) 元\s+([\d,]+\.\d\d) 元\s*$")))
        if cc:
            c_cmd = [cc, os.path.join(data, "projects.csv"), os.path.join(data, "payments.csv"), "2020",
                     os.path.join(data, "rates-c.csv")]
            t = median_time(c_cmd, data, args.runs)
            m = peak_rss_mib(c_cmd, data)
            rows.append(("C (tools/bench/rates.c, -O2)", t, m))
            _, out, _ = run_measured(c_cmd, data)
            checks.append(("C", totals(out, r"budget (-?\d+\.\d\d)\s+paid (-?\d+\.\d\d)")))
        if duckdb:
            sql = DUCKDB_SQL.format(data=data)
            t = median_time([duckdb, "-c", sql], data, args.runs)
            m = peak_rss_mib([duckdb, "-c", sql], data)
            rows.append(("duckdb", t, m))
            _, out, _ = run_measured([duckdb, "-csv", "-noheader", "-c", DUCKDB_TOTALS.format(data=data)], data)
            checks.append(("DuckDB", totals(out, r"totals,(-?\d+\.\d\d),(-?\d+\.\d\d)")))
        if args.postgres:
            table = f"bench_payments_{size.lower()}"
            copied = copy_into_postgres(args.postgres, table, data)
            print(f"(payments copied into PostgreSQL table {table} in {copied:.1f} s, not timed below)")
            pg_job = os.path.join(data, "job-postgres.evl")
            with open(pg_job, "w") as f:
                f.write(evalshell_job_postgres(data, args.postgres, table))
            t = median_time([evalshell, "run", pg_job], data, args.runs)
            m = peak_rss_mib([evalshell, "run", pg_job], data)
            rows.append(("evalshell, payments from PostgreSQL", t, m))
            same = open(f"{data}/rates-postgres.csv", "rb").read() == open(f"{data}/rates-evalshell.csv", "rb").read()
            print(f"(rates from PostgreSQL and from the CSV file: {'identical' if same else 'DIFFERENT'})")
        if have_pandas:
            py = PANDAS_PY.format(data=data)
            t = median_time([sys.executable, "-c", py], data, args.runs)
            m = peak_rss_mib([sys.executable, "-c", py], data)
            rows.append(("pandas", t, m))
        base, base_m = rows[0][1], rows[0][2]
        print(f"{'job: load + per-project rates':36} {'seconds':>9} {'peak MiB':>9} {'evalshell ÷ it':>15} {'memory ÷':>9}")
        for name, t, m in rows:
            print(f"{name:36} {t:9.3f} {m:9.1f} {base / t:15.2f} {base_m / m:9.2f}")
        # Exact to the fen: every tool that prints totals prints the same ones.
        for name, got in checks:
            print(f"totals {name:10} budget {fen_text(got[0]) if got else '?':>20}  paid {fen_text(got[1]) if got else '?':>20}")
        if len({got for _, got in checks}) != 1 or any(got is None for _, got in checks):
            failures.append(f"{size}: the totals differ: {checks}")

        # Inside evalshell: each statement's own time, medians over the runs.
        per_line = {}
        for _ in range(args.runs):
            _, _, err = run_measured([evalshell, "run", "--time", ops], data)
            for line in err.splitlines():
                if line.startswith("time "):
                    _, where, ms, _ = line.split(" ")
                    per_line.setdefault(int(where.rsplit(":", 1)[1]), []).append(float(ms))
        labels = {2: "load projects", 3: "load payments", 8: "rates per source (4 groups, first use)",
                  12: "cumulative quarterly progress", 13: "what-if on one project (all projects)",
                  14: "what-if on one project (本级)", 15: "count(p for p in projects if rate(p) >= 60%)"}
        print(f"{'inside evalshell':40} {'ms':>10}")
        for line, label in labels.items():
            if line == 8:
                total = sum(statistics.median(per_line[k]) for k in (8, 9, 10, 11))
                print(f"{label:40} {total:10.3f}")
            else:
                print(f"{label:40} {statistics.median(per_line[line]):10.3f}")
        t = median_time([evalshell, "-c", "1"], data, max(args.runs, 10))
        print(f"{'start-up: evalshell -c 1':40} {t * 1000:10.3f}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print(f"bench: {f}")
    print("\nbench: " + ("FAILED" if failures else "done"))
    if failures:
        sys.exit(1)


def build_c(work):
    """The C yardstick built with `cc -O2` into `work`, or None (and why) without a C compiler."""
    compiler = shutil.which("cc")
    if not compiler:
        print("bench: no C compiler (cc): the C program is skipped")
        return None
    exe = os.path.join(work, "rates-c")
    subprocess.run([compiler, "-O2", "-o", exe, os.path.join(ROOT, "tools/bench/rates.c")], check=True)
    return exe


def fen_text(fen):
    return f"{fen // 100}.{fen % 100:02d}" if fen >= 0 else "-" + fen_text(-fen)


def platform_line():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


if __name__ == "__main__":
    main()

"""entente.dask - code a corpus over a Dask cluster, shard by shard, and merge.

    python -m entente.dask code INPUT... --out DIR [--workers N] [--shards K]
                           [--scheduler ADDR] [--entente BIN] [-- CODE-OPTIONS]

Each Dask task runs `entente code INPUT... --shard i/K` (the same input list
for every task: a document belongs to the shard its id hashes to) and
writes DIR/shard-i.jsonl and the store DIR/shard-i.sqlite; the client then
runs `entente merge` into DIR/all.sqlite, where near-duplicates across
shards are found again, so the merged store equals one process over the
whole input. Without --scheduler a dask.distributed LocalCluster of
--workers processes (one thread each) runs on this machine; with it, any
scheduler (dask-jobqueue on Slurm, dask-kubernetes...) whose workers see
the same paths and the same entente binary. DIR/summary.json records each
shard's time, documents and memory (docs/scale.md).
"""
import argparse
import glob
import json
import os
import resource
import shutil
import subprocess
import sys
import time


def find_entente(given=None):
    """The entente binary: --entente, $ENTENTE_BIN, the build tree beside
    this package, else entente on PATH."""
    if given:
        return os.path.abspath(given)
    if os.environ.get("ENTENTE_BIN"):
        return os.path.abspath(os.environ["ENTENTE_BIN"])
    here = os.path.dirname(os.path.abspath(__file__))
    tree = os.path.join(here, "..", "..", "build", "entente")
    if os.path.exists(tree):
        return os.path.abspath(tree)
    found = shutil.which("entente")
    if not found:
        raise SystemExit("entente.dask: no entente binary (give --entente or set ENTENTE_BIN)")
    return found


def _rss_mb():
    """Resident memory of this process now, in MB (Linux /proc)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def code_shard(entente, inputs, out, index, count, extra, cwd):
    """One task: code shard index/count of inputs into out/shard-index.*,
    in the client's folder cwd (inputs are passed as the user gave them:
    the store records their paths, and a .txt file's id is made from its
    path). Returns what it did (runs on a worker)."""
    db = os.path.join(out, "shard-%d.sqlite" % index)
    for stale in (db, db + "-wal", db + "-shm"):
        if os.path.exists(stale):
            os.remove(stale)
    cmd = [entente, "code", *inputs, "--shard", "%d/%d" % (index, count), "--db", db,
           "-o", os.path.join(out, "shard-%d.jsonl" % index), "-q", "--no-progress", *extra]
    t0 = time.time()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd)
    secs = time.time() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if p.returncode > 1:
        raise RuntimeError("entente code shard %d/%d failed (%d): %s"
                           % (index, count, p.returncode, p.stderr.strip()[-2000:]))
    docs = events = 0
    for line in p.stderr.splitlines():
        if " coded, " in line and line.startswith("entente: "):
            words = line.split()
            docs = int(words[1])
            events = int(line.split(" actor mentions; ")[1].split()[0])
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    return {"shard": index, "documents": docs, "events": events, "seconds": round(secs, 3), "cpu_seconds": round(cpu, 3),
            "exit": p.returncode, "coder_peak_mb": round(child_mb, 1),
            "worker_rss_mb": round(_rss_mb(), 1), "worker_pid": os.getpid()}


def merge(entente, out, count, quiet=False):
    stores = [os.path.join(out, "shard-%d.sqlite" % i) for i in range(count)]
    target = os.path.join(out, "all.sqlite")
    t0 = time.time()
    p = subprocess.run([entente, "merge", *stores, "-o", target], capture_output=True, text=True)
    if p.returncode > 1:
        raise RuntimeError("entente merge failed: " + p.stderr.strip())
    if not quiet:
        sys.stderr.write(p.stderr)
    return {"store": target, "seconds": round(time.time() - t0, 3), "exit": p.returncode,
            "messages": p.stderr.strip().splitlines()}


def run(inputs, out, workers=2, shards=None, scheduler=None, entente=None, extra=(),
        quiet=False):
    """Code inputs over Dask into out; returns the summary (also written to
    out/summary.json)."""
    from dask.distributed import Client, LocalCluster

    entente = find_entente(entente)
    inputs = list(inputs)
    cwd = os.getcwd()
    out = os.path.abspath(out)
    os.makedirs(out, exist_ok=True)
    for old in glob.glob(os.path.join(out, "shard-*")):
        os.remove(old)
    t0 = time.time()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        nworkers = len(client.scheduler_info()["workers"])
        count = shards or max(nworkers, 1)
        t1 = time.time()
        futures = [client.submit(code_shard, entente, inputs, out, i, count, list(extra), cwd,
                                 key="entente-shard-%d-of-%d" % (i, count), pure=False)
                   for i in range(count)]
        results = sorted(client.gather(futures), key=lambda r: r["shard"])
        t2 = time.time()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    merged = merge(entente, out, count, quiet)
    t3 = time.time()
    summary = {"inputs": inputs, "workers": nworkers, "shards": count,
               "scheduler": scheduler or "LocalCluster",
               "cluster_seconds": round(t1 - t0, 3), "code_seconds": round(t2 - t1, 3),
               "merge_seconds": round(t3 - t2, 3), "total_seconds": round(t3 - t0, 3),
               "documents": sum(r["documents"] for r in results), "shard_results": results,
               "merge": merged,
               "max_worker_mb": max((r["worker_rss_mb"] + r["coder_peak_mb"] for r in results),
                                    default=0)}
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    if not quiet:
        sys.stderr.write("entente.dask: %d shards on %d workers: %d documents coded in %.1f s, "
                         "merged in %.1f s (%.1f s in all) into %s\n"
                         % (count, nworkers, summary["documents"], summary["code_seconds"],
                            summary["merge_seconds"], summary["total_seconds"], merged["store"]))
    return summary


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = []
    if "--" in argv:
        k = argv.index("--")
        argv, extra = argv[:k], argv[k + 1:]
    ap = argparse.ArgumentParser(prog="python -m entente.dask",
                                 description="Code documents over a Dask cluster, shard by "
                                             "shard, and merge the shards' stores.")
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("code", help="code INPUT... into DIR (shard-*.jsonl, shard-*.sqlite, "
                                    "all.sqlite, summary.json)")
    c.add_argument("inputs", nargs="+", metavar="INPUT")
    c.add_argument("--out", required=True, metavar="DIR")
    c.add_argument("--scheduler", metavar="ADDR", help="a running Dask scheduler "
                   "(tcp://host:8786); default: a LocalCluster on this machine")
    c.add_argument("--workers", type=int, default=2, help="LocalCluster workers (default 2)")
    c.add_argument("--shards", type=int, help="number of shards (default: one per worker)")
    c.add_argument("--entente", metavar="BIN", help="the entente binary (default: "
                   "$ENTENTE_BIN, the build tree, entente on PATH)")
    c.add_argument("-q", "--quiet", action="store_true")
    a = ap.parse_args(argv)
    if a.workers < 1 or (a.shards is not None and a.shards < 1):
        ap.error("--workers and --shards need a positive number")
    summary = run(a.inputs, a.out, a.workers, a.shards, a.scheduler, a.entente, extra, a.quiet)
    return 1 if summary["merge"]["exit"] == 1 or any(r["exit"] for r in summary["shard_results"]) else 0


if __name__ == "__main__":
    sys.exit(main())

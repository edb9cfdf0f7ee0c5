#!/usr/bin/env bash
# Gyre vs PyTorch on the InvCLR workloads (issue 10): builds gyre-bench in release, runs
# `gyre-bench invclr` and Benchmarks/torch_reference.py workload by workload, alternating
# which side goes first, for ROUNDS rounds (both sides see similar load on a shared
# machine), then prints the Gyre/PyTorch ratios.
#
#   Benchmarks/compare.sh                 # REPS=5 ROUNDS=2 OUT=/tmp/gyre-vs-torch
#   REPS=3 ROUNDS=1 WORKLOADS=encode,linear_eval Benchmarks/compare.sh
#   SKIP_BUILD=1 Benchmarks/compare.sh     # use the gyre-bench already built
#   GYRE_BENCH=/path/to/gyre-bench Benchmarks/compare.sh   # e.g. one built from a clean checkout
#
# Time ratio < 1: Gyre faster. Throughput ratio > 1: Gyre faster. Memory ratio < 1: Gyre smaller.
# PyTorch is installed on demand into ~/.cache/gyre-bench/torch-venv (see torch_reference.py).
# Not part of the tests or CI.
set -euo pipefail
cd "$(dirname "$0")/.."

REPS=${REPS:-5}
ROUNDS=${ROUNDS:-2}
OUT=${OUT:-/tmp/gyre-vs-torch}
WORKLOADS=${WORKLOADS:-render_nograd,render_grad,simclr_step,simclr_step_gp,encode,linear_eval,resnet18_step}
export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 MKL_NUM_THREADS=2

mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/load.log
GYRE=${GYRE_BENCH:-.build/release/gyre-bench}
[[ ${SKIP_BUILD:-0} == 1 || -n ${GYRE_BENCH:-} ]] || swift build -c release --product gyre-bench
TORCH=(python3 Benchmarks/torch_reference.py)
"${TORCH[@]}" --install              # installs torch first if it is missing

gyre() { "$GYRE" invclr --reps "$REPS" --workloads "$1" --json "$OUT/gyre.$1.$2.json" | grep "^$1 " || true; }
torch() { "${TORCH[@]}" --reps "$REPS" --workloads "$1" --json "$OUT/torch.$1.$2.json" | grep "^$1 " || true; }

IFS=, read -r -a names <<<"$WORKLOADS"
for ((r = 1; r <= ROUNDS; r++)); do
    for w in "${names[@]}"; do
        echo "round $r, $w: load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.log"
        if ((r % 2)); then gyre "$w" "$r"; torch "$w" "$r"; else torch "$w" "$r"; gyre "$w" "$r"; fi
    done
done
echo "end: load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.log"

python3 - "$OUT" "$ROUNDS" "$WORKLOADS" <<'EOF'
import json, os, statistics, sys
out, rounds, names = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
targets = {"render_nograd": "thr ≥ 3", "render_grad": "thr ≥ 3", "simclr_step": "time ≤ 1",
           "simclr_step_gp": "time ≤ 1", "encode": "time ≤ 1"}

def load(side, w, r):
    p = os.path.join(out, f"{side}.{w}.{r}.json")
    if not os.path.exists(p):
        return None
    x = json.load(open(p))["workloads"].get(w)
    return None if x is None or x.get("error") else x

def fmt(xs, d=2):
    xs = [x for x in xs if x == x]
    if not xs:
        return "-"
    m = statistics.median(xs)
    return f"{m:.{d}f}" if len(xs) == 1 else f"{m:.{d}f} ({min(xs):.{d}f}–{max(xs):.{d}f})"

rows = []
torch_version = "?"
for w in names:
    t_ratio, c_ratio, thr_ratio, mem_ratio, dmem_ratio, g_ms, t_ms, g_mb, t_mb = ([] for _ in range(9))
    for r in range(1, rounds + 1):
        g, t = load("gyre", w, r), load("torch", w, r)
        if not g or not t:
            continue
        torch_version = t.get("torch_version", torch_version)
        g_ms.append(g["median_s"] * 1e3); t_ms.append(t["median_s"] * 1e3)
        t_ratio.append(g["median_s"] / t["median_s"])
        c_ratio.append(g["cpu_median_s"] / t["cpu_median_s"])
        thr_ratio.append(t["median_s"] / g["median_s"])
        g_mb.append(g["peak_rss_mb"]); t_mb.append(t["peak_rss_mb"])
        mem_ratio.append(g["peak_rss_mb"] / t["peak_rss_mb"])
        dmem_ratio.append((g["peak_rss_mb"] - g["base_rss_mb"]) / max(t["peak_rss_mb"] - t["base_rss_mb"], 1e-9))
    if not t_ratio:
        rows.append([w, "missing"] + [""] * 8)
        continue
    rows.append([w, fmt(g_ms, 0), fmt(t_ms, 0), fmt(t_ratio), fmt(c_ratio), fmt(thr_ratio), fmt(g_mb, 0), fmt(t_mb, 0),
                 fmt(mem_ratio), fmt(dmem_ratio), targets.get(w, "-")])

cols = ["workload", "Gyre ms", "PyTorch ms", "time ratio", "CPU-time ratio", "throughput ratio",
        "Gyre peak MB", "PyTorch peak MB", "peak ratio", "peak-above-base ratio", "target"]
print(f"\nGyre / PyTorch ({torch_version}), medians over {rounds} round(s) (range in brackets); "
      "time ratio < 1 and throughput ratio > 1: Gyre faster")
print("| " + " | ".join(cols) + " |")
print("|" + "|".join("---" for _ in cols) + "|")
for r in rows:
    print("| " + " | ".join(str(c) for c in r) + " |")
EOF

#!/usr/bin/env python3
"""The InvCLR workloads of `gyre-bench invclr` in PyTorch on the CPU (issue 10).

    python3 Benchmarks/torch_reference.py [--reps N] [--json FILE] [--workloads a,b,...]
    python3 Benchmarks/torch_reference.py --install     # only make sure torch is there

Same workloads, models, batch sizes, loss, regulariser and thread count (2) as
Sources/gyre-bench/InvCLRBench.swift; the JSON has the same keys, so Benchmarks/compare.sh
can print Gyre/PyTorch ratios. Each workload runs in its own subprocess so its peak
resident memory (ru_maxrss) is its own.

PyTorch is installed on demand: if `import torch` fails, a virtual environment is created
under ~/.cache/gyre-bench/torch-venv (override: GYRE_TORCH_VENV) and `pip install torch numpy`
is run there from PyPI (the default Linux wheel, CUDA-enabled: about 3 GB of downloads;
the CUDA libraries are never loaded on this CPU-only machine). Never part of tests or CI.
"""
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.environ.get("GYRE_TORCH_VENV", os.path.expanduser("~/.cache/gyre-bench/torch-venv"))
THREADS = 2
BATCH = 256


def ensure_torch():
    """Re-executes this script under a venv that has torch, installing it if needed."""
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    py = os.path.join(VENV, "bin", "python")
    if os.path.abspath(sys.executable) == os.path.abspath(py):
        sys.exit("torch_reference: torch is still missing in " + VENV)
    ok = os.path.exists(py) and subprocess.call([py, "-c", "import torch"], stderr=subprocess.DEVNULL) == 0
    if not ok:
        print(f"torch_reference: installing torch into {VENV} (pip, PyPI; ~3 GB download)", file=sys.stderr)
        t0 = time.time()
        if not os.path.exists(py):
            subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([py, "-m", "pip", "install", "--progress-bar", "off", "torch", "numpy"])
        print(f"torch_reference: installed in {time.time() - t0:.0f} s", file=sys.stderr)
    os.execv(py, [py, os.path.abspath(__file__)] + sys.argv[1:])


def rss_mb(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return float(line.split()[1]) / 1024
    return float("nan")


# --------------------------------------------------------------------------------------
# The workloads (defined after torch is importable)

def workloads():
    import math
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(THREADS)
    gen = torch.Generator().manual_seed(0)

    # Spirograph prior (METHOD.md): generative (m, b, σ, r_fore), nuisance (h, r_back, g_fore, g_back, b_fore, b_back).
    G_LO = torch.tensor([2.0, 0.1, 0.25, 0.4]); G_HI = torch.tensor([5.0, 1.1, 1.0, 1.0])
    N_LO = torch.tensor([0.5, 0.0, 0.4, 0.0, 0.4, 0.0]); N_HI = torch.tensor([2.5, 0.6, 1.0, 0.6, 1.0, 0.6])

    def sample_generative(n):
        return G_LO + (G_HI - G_LO) * torch.rand(n, 4, generator=gen)

    def sample_nuisance(n):
        return N_LO + (N_HI - N_LO) * torch.rand(n, 6, generator=gen)

    T = torch.linspace(0, 2 * math.pi, 40)
    GRID = torch.linspace(-6, 6, 32)

    def render(g, a):
        """Separable form: v = Ex · Eyᵀ / 40, per-row normalisation, colour mix → [B, 3, 32, 32].

        Written for eager speed (few passes over the big tensors: scale folded into one
        multiply, colour mixing as one addcmul); differentiable in every argument.
        """
        m, b, sigma, rf = g[:, 0:1], g[:, 1:2], g[:, 2:3], g[:, 3:4]
        h, rb, gf, gb, bf, bb = (a[:, i:i + 1] for i in range(6))
        amb = m - h                                   # a − b with a = m + b − h
        ratio = amb * T / b                           # [B, 40]
        x = amb * torch.cos(T) + h * torch.cos(ratio)
        y = amb * torch.sin(T) - h * torch.sin(ratio)
        neg_inv_s = (-1 / sigma).unsqueeze(2)         # [B, 1, 1]: exp(−d²/σ)
        dx = GRID.view(1, 32, 1) - x.unsqueeze(1)     # [B, 32, 40]
        dy = GRID.view(1, 32, 1) - y.unsqueeze(1)
        ex = torch.exp(dx * dx * neg_inv_s)
        ey = torch.exp(dy * dy * neg_inv_s)
        v = torch.bmm(ex, ey.transpose(1, 2)) / 40    # [B, 32 (x, rows), 32 (y, columns)]
        v = v / (v.amax(dim=2, keepdim=True) + 1e-8)  # each row by its maximum
        fore = torch.cat([rf, gf, bf], 1).view(-1, 3, 1, 1)
        back = torch.cat([rb, gb, bb], 1).view(-1, 3, 1, 1)
        return torch.addcmul(back, v.unsqueeze(1), fore - back)   # v·fore + (1 − v)·back

    def small_cnn():
        torch.manual_seed(0)
        return nn.Sequential(
            nn.Conv2d(3, 32, 3, 1, 1), nn.ReLU(),
            nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU(),
            nn.Conv2d(64, 128, 3, 2, 1), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten())

    def critic(d=128, p=128):
        return nn.Sequential(nn.Linear(d, d, bias=False), nn.BatchNorm1d(d), nn.ReLU(),
                             nn.Linear(d, p, bias=False), nn.BatchNorm1d(p, affine=False))

    def nt_xent(z1, z2, tau=0.5):
        n = z1.shape[0]
        z1, z2 = F.normalize(z1, dim=1), F.normalize(z2, dim=1)
        s12, s11, s22 = z1 @ z2.t() / tau, z1 @ z1.t() / tau, z2 @ z2.t() / tau
        eye = torch.eye(n, dtype=torch.bool)
        s11 = s11.masked_fill(eye, float("-inf"))
        s22 = s22.masked_fill(eye, float("-inf"))
        scores = torch.cat([torch.cat([s12, s11], 1), torch.cat([s22, s12.t()], 1)], 0)
        return F.cross_entropy(scores, torch.arange(2 * n))

    class LARS(torch.optim.Optimizer):
        """torchlars-style LARS around SGD (as Gyre's): g ← (g + wd·p)·a, a = τ‖p‖/(‖g‖ + wd‖p‖ + ε)."""

        def __init__(self, params, lr, momentum=0.9, weight_decay=1e-6, trust=1e-3, eps=1e-8):
            super().__init__(params, dict(lr=lr, momentum=momentum, weight_decay=weight_decay, trust=trust, eps=eps))

        @torch.no_grad()
        def step(self):
            for group in self.param_groups:
                wd, tr, eps, mom, lr = group["weight_decay"], group["trust"], group["eps"], group["momentum"], group["lr"]
                for p in group["params"]:
                    if p.grad is None:
                        continue
                    g = p.grad
                    pn, gn = p.norm(), g.norm()
                    a = tr * pn / (gn + wd * pn + eps) if pn > 0 and gn > 0 else 1.0
                    d = (g + wd * p) * a
                    st = self.state[p]
                    buf = st.get("momentum_buffer")
                    if buf is None:
                        buf = st["momentum_buffer"] = d.clone()
                    else:
                        buf.mul_(mom).add_(d)
                    p.add_(buf, alpha=-lr)

    def simclr(lam):
        enc, crit = small_cnn(), critic()
        opt = LARS(list(enc.parameters()) + list(crit.parameters()), lr=1.5 * BATCH / 256)
        factors = sample_generative(4 * BATCH)

        def step():
            idx = torch.randperm(factors.shape[0], generator=gen)[:BATCH]
            g = factors[idx]
            a1, a2 = sample_nuisance(BATCH), sample_nuisance(BATCH)
            if lam > 0:
                a1.requires_grad_(True)
                x1 = render(g, a1)
            else:
                with torch.no_grad():
                    x1 = render(g, a1)
            with torch.no_grad():
                x2 = render(g, a2)
            h1, h2 = enc(x1), enc(x2)
            loss = nt_xent(crit(h1), crit(h2), 0.5)
            if lam > 0:
                # METHOD.md: normalised h, Rademacher signs, ∂P/∂α with the graph kept, 100 α′, clamp 1000.
                hn = h1 / h1.norm(dim=1, keepdim=True)
                eps = torch.randint(0, 2, hn.shape, generator=gen).float() * 2 - 1
                p = (hn * eps).sum()
                ga = torch.autograd.grad(p, a1, create_graph=True)[0]            # [B, 6]
                extra = sample_nuisance(100 * BATCH).view(100, BATCH, 6)
                penalty = ((extra - a1.detach()) * ga).sum(2).pow(2).mean().clamp(max=1000.0)
                loss = loss + lam * penalty
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        return step

    def render_nograd():
        g, a = sample_generative(10_000), sample_nuisance(10_000)

        def body():
            with torch.no_grad():
                render(g, a)
        return body

    def render_grad():
        g, a = sample_generative(10_000), sample_nuisance(10_000)
        cot = torch.randn(10_000, 3, 32, 32, generator=gen)

        def body():
            alpha = a.clone().requires_grad_(True)
            x = render(g, alpha)
            torch.autograd.grad(x, alpha, grad_outputs=cot)
        return body

    def encode():
        with torch.no_grad():
            images = render(sample_generative(2048), sample_nuisance(2048))
        enc = small_cnn().eval()

        def body():
            with torch.no_grad():
                torch.cat([enc(images[i:i + 512]) for i in range(0, 2048, 512)])
        return body

    def linear_eval():
        x = torch.randn(20_000, 128, generator=gen)
        y = x @ (0.1 * torch.randn(128, 4, generator=gen)) + 0.01 * torch.randn(20_000, 4, generator=gen)

        def body():
            # Closed-form ridge as Gyre's RidgeRegression: centre, Gram, + λI, Cholesky solve, bias.
            xm, ym = x.mean(0, keepdim=True), y.mean(0, keepdim=True)
            xc, yc = x - xm, y - ym
            gram = xc.t() @ xc + 1e-8 * torch.eye(128)
            rhs = xc.t() @ yc
            w = torch.cholesky_solve(rhs, torch.linalg.cholesky(gram))
            b = ym - xm @ w
            return w, b
        return body

    class BasicBlock(nn.Module):
        def __init__(self, inp, planes, stride):
            super().__init__()
            self.conv1 = nn.Conv2d(inp, planes, 3, stride, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(planes)
            self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
            self.bn2 = nn.BatchNorm2d(planes)
            self.downsample = None
            if stride != 1 or inp != planes:
                self.downsample = nn.Sequential(nn.Conv2d(inp, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

        def forward(self, x):
            h = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
            return F.relu(h + (x if self.downsample is None else self.downsample(x)))

    class ResNet18(nn.Module):
        """CIFAR stem (3×3 conv stride 1, BN, ReLU, no max-pool), BasicBlocks [2,2,2,2], widths 64–512, no fc."""

        def __init__(self):
            super().__init__()
            self.stem = nn.Sequential(nn.Conv2d(3, 64, 3, 1, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU())
            layers, inp = [], 64
            for i, w in enumerate([64, 128, 256, 512]):
                layers.append(nn.Sequential(BasicBlock(inp, w, 2 if i > 0 else 1), BasicBlock(w, w, 1)))
                inp = w
            self.layers = nn.Sequential(*layers)

        def forward(self, x):
            return self.layers(self.stem(x)).mean((2, 3))

    def resnet18_step():
        torch.manual_seed(0)
        model = ResNet18()
        x = torch.rand(64, 3, 32, 32, generator=gen)
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-6)

        def body():
            opt.zero_grad(set_to_none=True)
            model(x).pow(2).mean().backward()
            opt.step()
        return body

    return {
        "render_nograd": ("Spirograph, 10,000 images, no-grad", 10_000, render_nograd, None),
        "render_grad": ("Spirograph, 10,000 images, forward + backward wrt α (autograd, exact)", 10_000, render_grad, None),
        "simclr_step": ("SimCLR step, small CNN + critic, B = 256, λ = 0, LARS (incl. rendering 2 views)", BATCH,
                        lambda: simclr(0.0), None),
        "simclr_step_gp": ("SimCLR step, λ = 1e-2 (double backward through encoder and renderer, 100 α′)", BATCH,
                           lambda: simclr(1e-2), None),
        "encode": ("encoding, small CNN, no-grad, 2,048 images in batches of 512", 2048, encode, None),
        "linear_eval": ("closed-form ridge, 20,000 × 128 features → 4 targets (λ = 1e-8)", 20_000, linear_eval, None),
        "resnet18_step": ("ResNet-18 step, B = 64 (forward + backward + SGD, loss mean h²)", 64, resnet18_step, 5),
    }


def run_child(name, reps):
    import torch
    base = rss_mb("VmRSS")
    summary, items, setup, max_reps = workloads()[name]
    res = dict(name=name, summary=summary, items=items, base_rss_mb=base, times_s=[], error=None)
    try:
        body = setup()
        body()                                                   # warm-up
        cpu = []
        for _ in range(min(reps, max_reps or reps)):
            t0, c0 = time.perf_counter(), time.process_time()
            body()
            res["times_s"].append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        res["median_s"] = median(res["times_s"])
        res["cpu_median_s"] = median(cpu)
        res["items_per_s"] = items / res["median_s"]
    except Exception as e:                                       # report, don't hide
        res["error"] = repr(e)
    import resource
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    res["torch_version"] = torch.__version__
    print(json.dumps(res))
    return 0 if res["error"] is None else 1


def median(xs):
    s = sorted(xs)
    n = len(s)
    return float("nan") if n == 0 else (s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2)


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main(argv):
    reps, json_path, only, child, install = 5, None, None, None, False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--reps":
            reps = int(argv[i + 1]); i += 1
        elif a == "--json":
            json_path = argv[i + 1]; i += 1
        elif a == "--workloads":
            only = argv[i + 1].split(","); i += 1
        elif a == "--child":
            child = argv[i + 1]; i += 1
        elif a == "--install":
            install = True
        elif a in ("-h", "--help"):
            print(__doc__); return 0
        else:
            print(f"torch_reference: unknown argument {a}\n{__doc__}"); return 2
        i += 1
    ensure_torch()
    if install:
        import torch
        print(f"torch_reference: torch {torch.__version__} ({sys.executable})")
        return 0
    os.environ.setdefault("OMP_NUM_THREADS", str(THREADS))
    os.environ.setdefault("MKL_NUM_THREADS", str(THREADS))
    if child:
        return run_child(child, reps)
    import torch
    names = list(workloads().keys())
    chosen = [n for n in names if only is None or n in only]
    if only and len(chosen) != len(only):
        print(f"torch_reference: unknown workload in {only}; known: {names}")
    load_before = load_average()
    results = {}
    print(f"PyTorch {torch.__version__}, {THREADS} threads; load average before: {load_before}")
    print(f"{'workload':<16} {'median ms':>10} {'CPU ms':>9} {'items/s':>9} {'peak RSS MB':>12} {'base RSS MB':>12}")
    for n in chosen:
        p = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", n, "--reps", str(reps)],
                           stdout=subprocess.PIPE, text=True)
        lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
        if not lines:
            print(f"{n:<16} failed (exit {p.returncode})\n{p.stdout}")
            continue
        r = json.loads(lines[-1])
        results[n] = r
        if r.get("error"):
            print(f"{n:<16} error: {r['error']}")
            continue
        print(f"{n:<16} {r['median_s'] * 1e3:>10.1f} {r['cpu_median_s'] * 1e3:>9.1f} {r['items_per_s']:>9.0f} "
              f"{r['peak_rss_mb']:>12.1f} {r['base_rss_mb']:>12.1f}")
    report = dict(side="pytorch", torch_version=torch.__version__, threads=torch.get_num_threads(),
                  load_before=load_before, load_after=load_average(), workloads=results,
                  notes=["LARS implemented as torchlars (same update as Gyre's)",
                         "renderer differentiated exactly by autograd (Gyre's λ = 1e-2 step: first-order fused renderer)",
                         "base RSS = VmRSS after `import torch`; peak RSS = ru_maxrss"])
    print(f"load average after: {report['load_after']}")
    if json_path:
        with open(json_path, "w") as f:
            json.dump(report, f, indent=1, sort_keys=True)
        print(f"wrote {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

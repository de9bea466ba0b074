#!/usr/bin/python3
"""The Monte Carlo model of docs/methodology.md §3, written the straightforward vectorised
numpy way: the baseline bench/montecarlo_bench.sh compares `valuemark montecarlo` with.

    /usr/bin/python3 bench/montecarlo_numpy.py MAP.json DRAWS [SEED]

Prints the summary as JSON and, last, `compute_seconds <t>`: the time of the
computation only (sampling, PV, ratio, statistics), not of start-up or parsing.
Different random numbers from valuemark's, so the figures agree only within
Monte Carlo error.
"""
import json
import sys
import time

import numpy as np

FRACTIONS = ("deadweight", "displacement", "attribution", "drop_off")


def sample(rng, x, draws):
    """A parameter's draws: a constant, or uniform / triangular by numpy's samplers."""
    if not isinstance(x, dict):
        return np.full(draws, float(x))
    low, high = float(x["low"]), float(x["high"])
    if low == high:
        return np.full(draws, low)
    if "mode" in x:
        return rng.triangular(low, float(x["mode"]), high, draws)
    return rng.uniform(low, high, draws)


def certain(x):
    """The deterministic value: the mode (triangular) or midpoint (uniform)."""
    if not isinstance(x, dict):
        return float(x)
    return float(x["mode"]) if "mode" in x else (float(x["low"]) + float(x["high"])) / 2


def summary(values):
    p = np.percentile(values, [5, 25, 50, 75, 95])
    sd = float(values.std(ddof=1)) if values.size > 1 else 0.0
    return {"mean": float(values.mean()), "sd": sd, "p5": p[0], "p25": p[1], "p50": p[2],
            "p75": p[3], "p95": p[4]}


def run(m, draws, seed):
    rng = np.random.default_rng(seed)
    r = float(m.get("discount_rate", 0.035))
    pv = np.zeros(draws)
    for o in m["outcomes"]:
        if not o.get("material", True):
            continue
        quantity = sample(rng, o["quantity"], draws)
        proxy = sample(rng, o["proxy"]["value"], draws)
        f = {k: sample(rng, o.get(k, 0), draws) for k in FRACTIONS}
        impact = quantity * proxy * (1 - f["deadweight"]) * (1 - f["displacement"]) * (1 - f["attribution"])
        # docs/methodology.md §1: year t (s ≤ t < s + D) is worth impact·(1−d)^(t−s)/(1+r)^t.
        s, duration = int(o.get("start_year", 1)), int(o["duration_years"])
        keep = 1 - f["drop_off"]
        remaining = impact
        for t in range(s, s + duration):
            pv += remaining / (1 + r) ** t
            remaining = remaining * keep
    inputs = np.zeros(draws)
    for i in m["inputs"]:
        inputs += sample(rng, i["value"], draws)
    ok = inputs != 0
    ratio = pv[ok] / inputs[ok]
    out = {"draws": draws, "seed": seed, "present_value": summary(pv)}
    out["sroi_ratio"] = summary(ratio) if ratio.size else None
    out["probability_ratio_above_1"] = float((ratio > 1).mean()) if ratio.size else None
    return out


def main():
    path, draws = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    with open(path) as f:
        m = json.load(f)
    start = time.perf_counter()
    out = run(m, draws, seed)
    elapsed = time.perf_counter() - start
    print(json.dumps(out, indent=1))
    print(f"compute_seconds {elapsed:.6f}")


if __name__ == "__main__":
    main()

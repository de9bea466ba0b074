#!/usr/bin/env python3
"""Writes the Monte Carlo benchmark's impact map (docs/file-formats.md) to standard output.

    python3 bench/make_map.py [OUTCOMES] > map.json

200 outcomes by default, each with triangular uncertainty {"low", "mode", "high"} on
quantity, proxy, deadweight, attribution and drop-off (docs/methodology.md §3). The numbers
come from SplitMix64 with a fixed seed and integer arithmetic only, so that
bench/montecarlo_kernel.cpp, which builds the same model in C++ with the same
generator, benchmarks exactly this map.
"""
import json
import sys

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15
SEED = 20260101


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + GAMMA) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, k):
        """An integer in [0, k); the modulo bias is irrelevant here."""
        return self.next() % k


def fraction(rng, mode_lo, mode_span, below, above):
    """A triangular fraction in hundredths: mode in [mode_lo, mode_lo + mode_span)."""
    mode = mode_lo + rng.below(mode_span)
    low = max(0, mode - 1 - rng.below(below))
    high = min(100, mode + 1 + rng.below(above))
    return {"low": low / 100, "mode": mode / 100, "high": high / 100}


def make_map(outcomes):
    rng = SplitMix64(SEED)
    groups = 10
    result = {
        "name": f"Monte Carlo benchmark ({outcomes} outcomes)",
        "kind": "forecast",
        "currency": "GBP",
        "discount_rate": 0.035,
        "stakeholders": [
            {"id": f"group-{g}", "name": f"Group {g}", "size": 1000, "involvement": "survey"}
            for g in range(groups)
        ],
        "inputs": [
            {"stakeholder": "funder", "description": "Grant", "value": 20000000 * outcomes // 200},
            {"stakeholder": "council", "description": "Staff time", "value": 12000000 * outcomes // 200},
            {"stakeholder": "volunteers", "description": "Volunteer time", "value": 3000000 * outcomes // 200},
        ],
        "outcomes": [],
    }
    for i in range(outcomes):
        q_mode = 20 + rng.below(481)
        q_low = q_mode - rng.below(q_mode // 2 + 1)
        q_high = q_mode + 1 + rng.below(q_mode // 2 + 1)
        p_mode = 50 + rng.below(1951)
        p_low = p_mode * (50 + rng.below(41)) / 100
        p_high = p_mode * (110 + rng.below(61)) / 100
        proxy = {"low": p_low, "mode": float(p_mode), "high": p_high}
        if i % 25 == 24:  # a few negative outcomes (a negative proxy counts against the total)
            proxy = {"low": -proxy["high"], "mode": -proxy["mode"], "high": -proxy["low"]}
        deadweight = fraction(rng, 5, 26, 5, 10)
        attribution = fraction(rng, 10, 31, 8, 15)
        drop_off = fraction(rng, 10, 31, 8, 15)
        displacement = rng.below(3) * 5 / 100
        duration = 2 + rng.below(4)
        start_year = 2 if rng.below(4) == 0 else 1
        result["outcomes"].append({
            "id": f"outcome-{i}",
            "stakeholder": f"group-{i % groups}",
            "description": f"Outcome {i}",
            "indicator": f"Indicator {i}",
            "quantity": {"low": float(q_low), "mode": float(q_mode), "high": float(q_high)},
            "duration_years": duration,
            "start_year": start_year,
            "proxy": {"value": proxy, "description": f"Proxy {i}", "source": "benchmark"},
            "deadweight": deadweight,
            "displacement": displacement,
            "attribution": attribution,
            "drop_off": drop_off,
        })
    return result


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    json.dump(make_map(n), sys.stdout, indent=1)
    sys.stdout.write("\n")

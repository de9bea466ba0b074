#!/usr/bin/env python3
"""Prints a realistic impact map of N outcomes (docs/file-formats.md) with a fixed seed."""
import json
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
rng = random.Random(3)
stakeholders = [{"id": f"s{i}", "name": f"Group {i}", "size": 1000, "involvement": "survey"} for i in range(50)]
outcomes = []
for i in range(n):
    outcomes.append({
        "id": f"o{i}", "stakeholder": f"s{i % 50}", "description": f"Outcome number {i}",
        "indicator": "Score improves", "quantity": rng.randint(1, 500), "duration_years": rng.randint(1, 5),
        "proxy": {"value": round(rng.uniform(-200, 3000), 2), "description": "illustrative",
                  "source": "illustrative value"},
        "deadweight": round(rng.uniform(0, .5), 2), "displacement": 0.05,
        "attribution": round(rng.uniform(0, .5), 2), "drop_off": round(rng.uniform(0, .4), 2)})
json.dump({"name": "Benchmark", "stakeholders": stakeholders,
           "inputs": [{"stakeholder": "funder", "description": "grant", "value": 5e7}], "outcomes": outcomes},
          sys.stdout)

#!/usr/bin/env python3
"""Generates the province's statistics extract for the edition-2 grading benchmark (issue 14):
one row of 2024 for each above-scale enterprise of bench/gen_land.py's registry, as a statistics
office would send it (value added, revenue, output, R&D, employees, energy, emissions, technical
investment, in yuan, tce and tonnes), with the gaps real files have: 5 % without emissions, 5 %
without R&D, 1 % with 0 tce, 2 % with a loss. Deterministic (a hash of the row's index).

Usage: bench/gen_statistics.py REGISTRY_CSV OUT_CSV
"""
import sys

from gen_land import h  # the same deterministic hash as the rest of the province data set


def u(i: int, salt: int) -> float:
    return h(i, salt) / 4294967296.0


def main() -> None:
    registry, out = sys.argv[1], sys.argv[2]
    with open(registry, encoding="utf-8") as src, open(out, "w", encoding="utf-8", newline="") as dst:
        header = src.readline().rstrip("\n").split(",")
        col = {name: k for k, name in enumerate(header)}
        dst.write("uscc,year,enterprise_name,value_added,revenue,output_value,rd_expense,employees_avg,"
                  "energy_tce,emissions_t,tech_investment\n")
        for i, line in enumerate(src):
            f = line.rstrip("\n").split(",")
            if f[col["above_scale"]] != "是":
                continue
            sales = 5_000_000 + int(u(i, 1) * 200_000_000)
            va = sales * (0.2 + 0.15 * u(i, 2))
            if u(i, 3) < 0.02:
                va = -sales * 0.05 * u(i, 4)
            revenue = sales * (0.97 + 0.06 * u(i, 5))
            rd = "" if u(i, 6) < 0.05 else f"{revenue * (0.005 + 0.045 * u(i, 7)):.2f}"
            employees = 20 + int(u(i, 8) * 800)
            tce = 0.0 if u(i, 9) < 0.01 else sales / 25400 * (0.5 + u(i, 10))
            emissions = "" if u(i, 11) < 0.05 else f"{abs(va) / 48610800 * (0.5 + u(i, 12)):.4f}"
            dst.write(f"{f[col['uscc']]},2024,{f[col['name']]},{va:.2f},{revenue:.2f},{sales * 1.05:.2f},{rd},"
                      f"{employees},{tce:.3f},{emissions},{sales * 0.02 * u(i, 13):.2f}\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generates a tax extract for benchmarks: N rows, valid credit codes, 24 months per firm.

Usage: bench/gen_tax.py ROWS OUT.csv   (deterministic; not a test fixture, not committed output)
"""
import sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(i: int) -> str:
    first17 = "9132010000" + f"{i:07d}"
    s = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + ALPHABET[(31 - s % 31) % 31]


def main() -> None:
    rows, out = int(sys.argv[1]), sys.argv[2]
    firms = max(1, rows // 24)
    codes = [uscc(i) for i in range(firms)]
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("uscc,taxpayer_name,period,vat,corporate_income_tax,individual_income_tax,"
                "urban_land_use_tax,property_tax,other_taxes,sales_revenue\n")
        for i in range(rows):
            m = i // firms
            period = f"{2023 + m // 12}-{m % 12 + 1:02d}"
            f.write(f"{codes[i % firms]},江苏省测试机械制造有限公司{i % firms},{period},"
                    f"{(i * 7919) % 1000000 / 100:.2f},{(i * 104729) % 500000 / 100:.2f},{i % 977}.50,"
                    f"{i % 313}.00,{i % 211}.25,{i % 97}.75,{(i * 15485863) % 100000000 / 100:.2f}\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generates a province-scale county set for the land-flag benchmark (issue 4):
400 000 enterprises, 500 000 parcels, 24 months of power (2023-12 … 2025-11, the INEFF-1
window as of 2025-12-31) and 24 months of tax (2023-01 … 2024-12, the INEFF-3 years).

Usage: bench/gen_land.py OUT_DIR [ENTERPRISES=400000] [PARCELS=500000]

Deterministic (no randomness: every value is a hash of its index), so two runs write the same
bytes. Writes registry_2025-12-31.csv, parcels_2025-12-31.csv, tax_2025-12-31.csv and
power_2025-12-31.csv. Not a test fixture; the mix is chosen so that every rule of sql/land/
has work to do (idle, suspended, overdue, seized, stopped, low tax, missing data).
"""
import os
import sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(i: int) -> str:
    first17 = "9132010000" + f"{i:07d}"
    s = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + ALPHABET[(31 - s % 31) % 31]


def h(i: int, salt: int) -> int:
    """A cheap deterministic hash of an index."""
    x = (i * 2654435761 + salt * 40503) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 2246822519) & 0xFFFFFFFF
    x ^= x >> 13
    return x


def months(y0: int, m0: int, n: int):
    out = []
    y, m = y0, m0
    for _ in range(n):
        out.append(f"{y}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def date(y: int, day_of_year: int) -> str:
    lengths = [31, 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    d = day_of_year % sum(lengths)
    for m, n in enumerate(lengths, start=1):
        if d < n:
            return f"{y}-{m:02d}-{d + 1:02d}"
        d -= n
    raise AssertionError


def main() -> None:
    out = sys.argv[1]
    enterprises = int(sys.argv[2]) if len(sys.argv) > 2 else 400_000
    parcel_count = int(sys.argv[3]) if len(sys.argv) > 3 else 500_000
    os.makedirs(out, exist_ok=True)
    codes = [uscc(i) for i in range(enterprises)]

    # Registry: 95 % active, 2 % suspended, 2 % deregistered, 1 % revoked; 100 townships.
    with open(f"{out}/registry_2025-12-31.csv", "w", encoding="utf-8", newline="") as f:
        f.write("uscc,name,status,industry_code,region_code,above_scale\n")
        for i, code in enumerate(codes):
            k = i % 100
            status = "注销" if k < 2 else "吊销" if k == 2 else "停业" if k < 5 else "存续"
            f.write(f"{code},江苏省测试{i}号制造有限公司,{status},C{13 + i % 31}{11 + i % 8},"
                    f"3201{i % 100:02d},{'是' if i % 3 == 0 else '否'}\n")

    # Parcels: one per enterprise, then a second one for every fourth enterprise.
    area_of = [0] * enterprises
    with open(f"{out}/parcels_2025-12-31.csv", "w", encoding="utf-8", newline="") as f:
        f.write("parcel_id,cert_no,holder_uscc,holder_name,region_code,land_use,area_m2,supplied_on,agreed_start_on,"
                "agreed_completion_on,actual_start_on,production_start_on,developed_area_m2,total_investment,"
                "invested_amount,suspended_since,land_price,floor_area_m2,judicial_seizure,idle_cause\n")
        for j in range(parcel_count):
            i = j if j < enterprises else ((j - enterprises) * 4) % enterprises
            r = h(j, 1)
            area = 2000 + r % 58000
            area_of[i] += area
            use = "仓储" if r % 20 == 0 else "工业用地" if r % 20 == 1 else "工业"
            sy = 2005 + h(j, 2) % 20                      # supplied 2005 … 2024
            supplied = date(sy, h(j, 3) % 360)
            agreed_start = date(sy, h(j, 3) % 360 + 90 if h(j, 3) % 360 < 270 else h(j, 3) % 360)
            completion = date(sy + 2, 100)
            scenario = h(j, 4) % 1000
            started = date(sy, min(h(j, 3) % 360 + 120, 364)) if sy < 2025 else ""
            production = date(sy + 1, 200)
            developed = area
            total, invested = area * 1500, area * 1500
            suspended, seized = "", "N"
            cause = "政府" if h(j, 5) % 10 == 0 else "其他" if h(j, 5) % 33 == 0 else ""
            if scenario < 30:                              # not started
                started, production, developed, invested = "", "", 0, 0
            elif scenario < 60:                            # started, suspended, little developed
                production = ""
                suspended = date(2020 + h(j, 6) % 6, h(j, 7) % 300)
                developed = area * (h(j, 8) % 60) // 100
                invested = total * (h(j, 9) % 50) // 100
            elif scenario < 100:                           # started, overdue, not producing
                production = ""
                if scenario % 10 == 0:
                    completion = ""
            elif scenario < 120:                           # judicially seized
                seized = "Y"
            if scenario >= 100 and h(j, 10) % 9 == 0:      # > 5 mu left undeveloped
                developed = area - 3400 - h(j, 11) % 3000 if area > 6500 else area
            floor = "" if h(j, 12) % 50 == 0 else area * (50 + h(j, 13) % 200) // 100
            price = "" if h(j, 14) % 7 == 0 else area * 300
            if production and production < started:
                production = started
            f.write(f"P{j:07d},苏({sy})不动产权第{j:07d}号,{codes[i]},,3201{i % 100:02d},{use},{area},{supplied},"
                    f"{agreed_start},{completion},{started},{production},{developed},{total},{invested},{suspended},"
                    f"{price},{floor},{seized},{cause}\n")

    # Tax: 2023-01 … 2024-12 for every enterprise; every 13th pays little.
    with open(f"{out}/tax_2025-12-31.csv", "w", encoding="utf-8", newline="") as f:
        f.write("uscc,period,vat,corporate_income_tax,urban_land_use_tax,property_tax\n")
        for m in months(2023, 1, 24):
            for i, code in enumerate(codes):
                mu = area_of[i] * 15 // 10000 or 1
                rate = 300 if i % 13 == 0 else 1500 + h(i, 20) % 2000     # yuan per mu per month
                f.write(f"{code},{m},{mu * rate}.00,{mu * 100 + i % 97}.00,{mu * 30}.00,{mu * 20}.00\n")

    # Power: 2023-12 … 2025-11; 95 % of enterprises have an account (90 % carry the uscc, the
    # rest link by name); every 37th is stopped (0 kWh), every 41st stopped for the last 8 months.
    window = months(2023, 12, 24)
    with open(f"{out}/power_2025-12-31.csv", "w", encoding="utf-8", newline="") as f:
        f.write("account_no,uscc,account_name,period,kwh\n")
        for n, m in enumerate(window):
            for i, code in enumerate(codes):
                if i % 20 == 7:
                    continue
                if i % 37 == 5 or (i % 41 == 6 and n >= 16):
                    kwh = 0
                else:
                    kwh = 100 + h(i * 31 + n, 21) % 200000
                f.write(f"{3200000000 + i},{code if i % 10 else ''},江苏省测试{i}号制造有限公司,{m},{kwh}\n")


if __name__ == "__main__":
    main()

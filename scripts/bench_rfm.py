"""Helpers of scripts/bench-rfm.sh: generate an orders file, RFM in pandas and in polars, compare.

The pandas and polars versions follow the rules of `salesplan rfm` (src-tauri/core/src/engine/rfm.rs):

- a row with a negative amount is a refund: it counts for M only (not for F, not for R, not for
  the default analysis date); a customer with refunds only is left out;
- F = distinct order ids of the customer + rows without an order id;
- R = days from the last order to the analysis date (the day after the last order in the file);
- scores 1 + floor(5 * (rank_min - 1) / n), rank_min the "min" rank (ties share the lowest);
- tiers by score sum: A >= 12, B >= 8, else C.

Amounts are read as float64, as one would in pandas or polars; the comparison rounds M to cents.

Usage: bench_rfm.py generate OUT.csv ROWS | pandas IN OUT | polars IN OUT | compare RUST PANDAS POLARS
"""

import sys
import time

COLUMNS = ["customer", "last_order", "recency_days", "frequency", "monetary", "r", "f", "m", "code", "score", "tier"]


def generate(out, rows):
    """A deterministic orders file: ~100k customers with skewed activity, 1-3 lines per order,
    orders by date over two years, 1 % of orders without id, refunds of about 2 % of orders."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(20250101)
    n_orders = rows // 2 + rows // 10
    weights = rng.lognormal(0.0, 1.2, 100_000)
    cust = rng.choice(100_000, n_orders, p=weights / weights.sum())
    day = np.sort(rng.integers(0, 730, n_orders))
    lines = rng.integers(1, 4, n_orders)
    no_id = rng.random(n_orders) < 0.01
    order = np.repeat(np.arange(n_orders), lines)
    cents = np.round(rng.lognormal(9.0, 1.0, order.size)).astype(np.int64)
    refund_orders = np.flatnonzero(rng.random(n_orders) < 0.02)
    r_cents = -np.round(rng.lognormal(8.0, 1.0, refund_orders.size)).astype(np.int64)
    r_days = rng.integers(1, 31, refund_orders.size)
    all_order = np.concatenate([order, refund_orders])
    all_cents = np.concatenate([cents, r_cents])
    all_day = np.concatenate([day[order], day[refund_orders] + r_days])
    key = np.argsort(all_order * 2 + np.concatenate([np.zeros(order.size), np.ones(refund_orders.size)]), kind="stable")
    key = key[:rows]
    o = all_order[key]
    df = pl.DataFrame({"o": o, "cust": cust[o], "day": all_day[key], "cents": all_cents[key], "no_id": no_id[o]})
    a = pl.col("cents").abs()
    df = df.select(
        customer=pl.format("C{}", pl.col("cust").cast(pl.Utf8).str.zfill(6)),
        date=pl.lit(np.datetime64("2024-01-01")).cast(pl.Date) + pl.duration(days=pl.col("day")),
        order_id=pl.when(pl.col("no_id")).then(None).otherwise(pl.format("SO{}", pl.col("o").cast(pl.Utf8).str.zfill(9))),
        amount=pl.format(
            "{}{}.{}",
            pl.when(pl.col("cents") < 0).then(pl.lit("-")).otherwise(pl.lit("")),
            (a // 100).cast(pl.Utf8),
            (a % 100).cast(pl.Utf8).str.zfill(2),
        ),
    )
    df.write_csv(out)
    print(f"{out}: {df.height} rows, {df['customer'].n_unique()} customers, "
          f"{(df['amount'].str.starts_with('-')).sum()} refund rows", file=sys.stderr)


def tier_of(score):
    return "A" if score >= 12 else ("B" if score >= 8 else "C")


def with_pandas(src, out):
    import numpy as np
    import pandas as pd

    start = time.perf_counter()
    df = pd.read_csv(src, dtype={"customer": str, "order_id": str, "amount": "float64"}, parse_dates=["date"])
    orders = df[df["amount"] >= 0]
    g = orders.groupby("customer", sort=False)
    res = pd.DataFrame({"last_order": g["date"].max(), "ids": g["order_id"].nunique()})
    unnamed = orders[orders["order_id"].isna()].groupby("customer", sort=False).size()
    res["frequency"] = res["ids"] + unnamed.reindex(res.index, fill_value=0)
    res["monetary"] = df.groupby("customer", sort=False)["amount"].sum().reindex(res.index)
    as_of = orders["date"].max() + pd.Timedelta(days=1)
    res["recency_days"] = (as_of - res["last_order"]).dt.days
    n = len(res)
    for name, col in (("r", "last_order"), ("f", "frequency"), ("m", "monetary")):
        res[name] = 1 + (5 * (res[col].rank(method="min").astype(np.int64) - 1)) // n
    res["score"] = res["r"] + res["f"] + res["m"]
    res["code"] = res["r"].astype(str) + res["f"].astype(str) + res["m"].astype(str)
    res["tier"] = np.where(res["score"] >= 12, "A", np.where(res["score"] >= 8, "B", "C"))
    res["last_order"] = res["last_order"].dt.strftime("%Y-%m-%d")
    res["monetary"] = res["monetary"].round(2)
    res.index.name = "customer"
    res.sort_index().reset_index()[COLUMNS].to_csv(out, index=False)
    print(f"pandas: {time.perf_counter() - start:.2f} s after imports", file=sys.stderr)


def with_polars(src, out):
    import polars as pl

    start = time.perf_counter()
    df = pl.scan_csv(src, schema_overrides={"customer": pl.Utf8, "date": pl.Date, "order_id": pl.Utf8, "amount": pl.Float64})
    is_order = pl.col("amount") >= 0
    res = (
        df.group_by("customer")
        .agg(
            last_order=pl.col("date").filter(is_order).max(),
            frequency=(pl.col("order_id").filter(is_order).drop_nulls().n_unique()
                       + (is_order & pl.col("order_id").is_null()).sum()).cast(pl.Int64),
            monetary=pl.col("amount").sum(),
        )
        .filter(pl.col("last_order").is_not_null())
        .with_columns(n=pl.len(), as_of=pl.col("last_order").max() + pl.duration(days=1))
        .with_columns(
            recency_days=(pl.col("as_of") - pl.col("last_order")).dt.total_days(),
            **{k: 1 + (5 * (pl.col(c).rank("min").cast(pl.Int64) - 1)) // pl.col("n")
               for k, c in (("r", "last_order"), ("f", "frequency"), ("m", "monetary"))},
        )
        .with_columns(score=pl.col("r") + pl.col("f") + pl.col("m"),
                      code=pl.format("{}{}{}", "r", "f", "m"),
                      monetary=pl.col("monetary").round(2))
        .with_columns(tier=pl.when(pl.col("score") >= 12).then(pl.lit("A"))
                      .when(pl.col("score") >= 8).then(pl.lit("B")).otherwise(pl.lit("C")))
        .sort("customer")
        .select(COLUMNS)
        .collect()
    )
    res.write_csv(out)
    print(f"polars: {time.perf_counter() - start:.2f} s after imports", file=sys.stderr)


def compare(rust, pandas, polars):
    """R, F and M (to the cent) of every customer must agree; scores and tiers are reported."""
    import polars as pl

    frames = {name: pl.read_csv(path, schema_overrides={"customer": pl.Utf8, "monetary": pl.Float64})
              for name, path in (("rust", rust), ("pandas", pandas), ("polars", polars))}
    base = frames["rust"]
    ok = True
    for name in ("pandas", "polars"):
        other = frames[name]
        joined = base.join(other, on="customer", how="full", suffix="_o", coalesce=True)
        missing = joined.filter(pl.col("recency_days").is_null() | pl.col("recency_days_o").is_null()).height
        rfm = joined.filter(
            (pl.col("recency_days") != pl.col("recency_days_o"))
            | (pl.col("frequency") != pl.col("frequency_o"))
            | ((pl.col("monetary") - pl.col("monetary_o")).abs() > 0.005)
        )
        scores = joined.filter(pl.col("code") != pl.col("code_o")).height
        tiers = joined.filter(pl.col("tier") != pl.col("tier_o")).height
        print(f"rust vs {name}: {base.height} vs {other.height} customers, {missing} missing, "
              f"{rfm.height} differ in R/F/M, {scores} in scores, {tiers} in tiers")
        if missing or rfm.height:
            ok = False
            print(rfm.head(5))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "generate":
        generate(args[0], int(args[1]))
    elif cmd == "pandas":
        with_pandas(*args)
    elif cmd == "polars":
        with_polars(*args)
    elif cmd == "compare":
        compare(*args)
    else:
        sys.exit(__doc__)

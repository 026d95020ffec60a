#!/usr/bin/env python3
"""Renders frechet-bench's CSV as a bar chart of time ratios.

    python3 bench/plot.py results.csv [results.png]

One panel per problem: for every size, one bar per variant, its time
divided by the primal's (log scale); the dashed lines mark the targets
(GMM and LSTM: gradient <= 3x primal, JVP <= 1.5x primal). A second row shows the ratio to
the hand-written derivative (target: Frechet within 1.25x). Unavailable
variants are left out and listed under the chart.
"""
import csv
import sys
from collections import OrderedDict

try:
    import matplotlib
except ImportError:
    sys.exit("plot.py: matplotlib is missing: apt-get install python3-matplotlib"
             " (and run it with Debian's /usr/bin/python3)")

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ORDER = ["primal", "frechet-reverse", "frechet-reverse-scoped",
         "frechet-forward", "hand", "finite-diff"]
COLORS = {
    "primal": "#999999",
    "frechet-reverse": "#1f77b4",
    "frechet-reverse-scoped": "#9467bd",
    "frechet-forward": "#2ca02c",
    "hand": "#ff7f0e",
    "finite-diff": "#d62728",
}


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    src = argv[1]
    out = argv[2] if len(argv) > 2 else src.rsplit(".", 1)[0] + ".png"
    rows = list(csv.DictReader(open(src, newline="")))
    problems = OrderedDict()
    missing = []
    for r in rows:
        if r["status"] != "ok":
            missing.append("%s %s %s: %s" % (r["problem"], r["size"],
                                              r["variant"], r["status"]))
            continue
        sizes = problems.setdefault(r["problem"], OrderedDict())
        sizes.setdefault(r["size"], {})[r["variant"]] = r
    if not problems:
        print("plot.py: no measurements in %s" % src, file=sys.stderr)
        return 1

    fig, axes = plt.subplots(2, len(problems), squeeze=False,
                             figsize=(5.5 * len(problems), 8))
    for col, (problem, sizes) in enumerate(problems.items()):
        for row, (key, label) in enumerate(
                [("ratio_to_primal", "time / primal"),
                 ("ratio_to_hand", "time / hand-written")]):
            ax = axes[row][col]
            variants = [v for v in ORDER
                        if any(v in s for s in sizes.values())]
            width = 0.8 / max(1, len(variants))
            for i, v in enumerate(variants):
                xs, ys = [], []
                for j, s in enumerate(sizes.values()):
                    if v in s and s[v][key]:
                        xs.append(j + (i - (len(variants) - 1) / 2) * width)
                        ys.append(float(s[v][key]))
                bars = ax.bar(xs, ys, width, label=v, color=COLORS.get(v))
                for b, y in zip(bars, ys):
                    ax.annotate("%.3g" % y, (b.get_x() + b.get_width() / 2, y),
                                ha="center", va="bottom", fontsize=6,
                                rotation=90)
            ax.set_yscale("log")
            ax.set_xticks(range(len(sizes)))
            ax.set_xticklabels(list(sizes.keys()), fontsize=7, rotation=15)
            ax.set_ylabel(label)
            ax.set_title("%s: %s" % (problem, label))
            if key == "ratio_to_primal" and problem in ("gmm", "lstm"):
                ax.axhline(3, ls="--", lw=0.8, color=COLORS["frechet-reverse"])
                ax.axhline(1.5, ls="--", lw=0.8,
                           color=COLORS["frechet-forward"])
            elif key == "ratio_to_hand":
                ax.axhline(1.25, ls="--", lw=0.8, color="black")
            ax.grid(axis="y", which="both", alpha=0.3)
            if row == 0 and col == 0:
                ax.legend(fontsize=7)
    if missing:
        fig.text(0.01, 0.005, "unavailable: " + "; ".join(missing),
                 fontsize=6, wrap=True)
    fig.suptitle("frechet-bench (%s)" % src.rsplit("/", 1)[-1])
    fig.tight_layout(rect=(0, 0.03, 1, 0.97))
    fig.savefig(out, dpi=120)
    print("wrote %s" % out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Benchmark: funder reports on a published folder — render time per report (HTML, PDF),
PDF size and pages, and the cost of the first chart (starting chromium) apart.

Each funder's report is rendered `--repeat` times on one warm browser; the figures are
the median of the repeats, so one noisy run on a shared machine does not decide them.

    python scripts/bench_reports.py --published /tmp/sample10k/published \
        [--landing /tmp/sample10k/landing] [--repeat 3] [--outbox /tmp/bench_reports]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from equipath.reports import read_catalog
from equipath.reports.batch import plan
from equipath.reports.charts import warm_browser
from equipath.reports.content import catalog_path
from equipath.reports.render import render_report


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--published", required=True, type=Path)
    parser.add_argument("--landing", type=Path)
    parser.add_argument("--outbox", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    outbox = args.outbox or Path(tempfile.mkdtemp(prefix="bench_reports_"))
    catalog = read_catalog(catalog_path(args.landing))
    jobs = plan(args.published, catalog)
    print(f"{len(jobs)} reports from {args.published}, {args.repeat} repeats, outbox {outbox}")
    started = time.perf_counter()
    with warm_browser():
        print(
            f"{'funder':<8}{'period':<8}{'html s':>8}{'pdf s':>8}{'pdf KiB':>9}{'pages':>7}"
            f"{'html KiB':>10}"
        )
        first = True
        for funder_id, period in jobs:
            html, pdf = [], []
            for _ in range(args.repeat):
                rendered = render_report(args.published, funder_id, period, outbox, catalog=catalog)
                if first:
                    cold = rendered.seconds["html"]
                    first = False
                    continue  # the first render pays chromium's start: reported apart
                html.append(rendered.seconds["html"])
                pdf.append(rendered.seconds["pdf"])
            size = rendered.files["pdf"].stat().st_size
            print(
                f"{funder_id:<8}{period.label:<8}{statistics.median(html):>8.2f}"
                f"{statistics.median(pdf):>8.2f}{size / 1024:>9.0f}"
                f"{pdf_pages(rendered.files['pdf']):>7}"
                f"{rendered.files['html'].stat().st_size / 1024:>10.0f}"
            )
    print(
        f"first render (cold browser) html {cold:.2f} s; "
        f"total {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()

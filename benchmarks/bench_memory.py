"""Wall time and peak memory of `jixiao check DIR` on a folder of 10,000 forms.

The folder holds ``--files`` text files, each the bundled example (five forms) with its project
names and reporting date varied per file, so that no cache keyed on text makes the copies
cheaper than distinct forms would be. Each format runs in its own subprocess, writing to
/dev/null; peak RSS is that child's ``ru_maxrss``. A script, not a test: run it by hand.

    .venv/bin/python benchmarks/bench_memory.py [--files 2000] [--formats jsonl,json,text,github] [--jobs 1]

What it should show: for jsonl and github (streamed) the peak stays flat as the folder grows;
json and text keep the findings (one document at the end), html and xlsx keep the forms too.
``--jobs`` is passed to `jixiao check` (1: one process, the default here so that figures compare;
0: one worker per CPU, the command's own default): the wall time falls with the cores, the CPU
time rises a little (each file's forms and findings are sent back from its worker).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "shanghai-kepu-2024.txt"


def build_folder(folder: Path, files: int) -> int:
    """``files`` varied copies of the example, 100 to a sub-folder; returns the form count."""
    text = SEED.read_text(encoding="utf-8")
    per_file = text.count("项目名称 ")
    for i in range(files):
        sub = folder / f"d{i // 100:03d}"
        sub.mkdir(exist_ok=True)
        varied = text.replace("项目名称 ", f"项目名称 第{i}号").replace("12月 31日", f"12月 {1 + i % 28}日")
        (sub / f"表{i:05d}.txt").write_text(varied, encoding="utf-8")
    return files * per_file


def run_one(folder: Path, fmt: str, out: Path | None, jobs: int = 1) -> tuple[float, float, float, int]:
    """(wall s, user+sys CPU s, peak RSS MB, exit status) of one `jixiao check` child.

    Children run one at a time, and RUSAGE_CHILDREN's ru_maxrss is the largest of any child
    waited for so far, so each run is measured in a fresh Python that launches just that one.
    """
    exe = Path(sys.executable).with_name("jixiao")
    cmd = [str(exe) if exe.exists() else sys.executable, *([] if exe.exists() else ["-m", "jixiao"]),
           "check", str(folder), "--format", fmt, "--jobs", str(jobs)]
    if out is not None:
        cmd += ["-o", str(out)]
    probe = (
        "import resource, subprocess, sys, time\n"
        "t0 = time.perf_counter()\n"
        "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
        "wall = time.perf_counter() - t0\n"
        "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, rc)\n"
    )
    res = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True,
                         cwd=folder.parent)
    wall, cpu, maxrss, rc = res.stdout.split()
    return float(wall), float(cpu), int(maxrss) / 1024, int(rc)  # ru_maxrss is in KB on Linux


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--files", type=int, default=2000, help="text files of five forms each")
    ap.add_argument("--formats", default="jsonl,json,text,github")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes for jixiao check (0: one per CPU)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "forms"
        folder.mkdir()
        t0 = time.perf_counter()
        n = build_folder(folder, args.files)
        size = sum(p.stat().st_size for p in folder.rglob("*.txt"))
        print(f"folder: {args.files} files, {n} forms, {size / 1048576:.1f} MB (built in {time.perf_counter() - t0:.1f} s)")
        print(f"cpus: {os.cpu_count()}, load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"{'format':<8} {'wall s':>8} {'CPU s':>8} {'forms/s (CPU)':>14} {'peak RSS MB':>12} {'exit':>5}")
        for fmt in args.formats.split(","):
            out = Path(tmp) / f"report.{fmt}" if fmt in ("html", "xlsx") else None
            wall, cpu, rss, rc = run_one(folder, fmt, out, args.jobs)
            print(f"{fmt:<8} {wall:>8.1f} {cpu:>8.1f} {n / cpu:>14,.0f} {rss:>12.0f} {rc:>5}")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()

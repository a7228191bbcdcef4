"""Benchmark: start-up time of ``import zonemap`` and ``zonemap --version``, in fresh processes.

Run by hand (never in CI), from the checkout to measure::

    PYTHONPATH=$PWD python benchmarks/startup.py [--rounds 15]

Each round runs every command once, in a rotating order (so no command always
follows the same one), each in a new Python process; the table gives the
minimum and median wall time and the median CPU time (user + system of the
child) per command, and the ratios the targets are stated in:

* ``import zonemap`` <= 1.1 x ``import geopandas``;
* ``zonemap --version`` <= 3 x ``python -c pass``.

``zonemap --version`` runs the installed console script when it is beside the
interpreter (with ``PYTHONPATH`` pointing at this checkout, that script imports
this checkout's package), else the same two lines it holds. The machine's load
(``/proc/loadavg``) before and after, and the CPU time other processes used
during the run, are printed with the table: ratios from a busy machine are
noisier, and are only compared within one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _script() -> list[str]:
    script = Path(sys.executable).with_name("zonemap")
    if script.exists():
        return [sys.executable, str(script), "--version"]
    return [sys.executable, "-c", "import sys; from zonemap.cli import main; sys.exit(main(['--version']))"]


COMMANDS: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import geopandas": [sys.executable, "-c", "import geopandas"],
    "import zonemap": [sys.executable, "-c", "import zonemap"],
    "zonemap --version": _script(),
}


def loadavg() -> str:
    """The first three fields of ``/proc/loadavg``, or ``n/a``."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def busy_seconds() -> float | None:
    """CPU seconds (user + system) the whole machine has spent since boot, from ``/proc/stat``; None elsewhere."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    user, nice, system = (int(v) for v in fields[:3])
    return (user + nice + system) / os.sysconf("SC_CLK_TCK")


def run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of ``command`` in a new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    names = list(COMMANDS)
    for name in names:  # warm the file cache once, untimed
        run(COMMANDS[name])
    walls: dict[str, list[float]] = {name: [] for name in names}
    cpus: dict[str, list[float]] = {name: [] for name in names}
    load_before, busy_before, own_before = loadavg(), busy_seconds(), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for round_ in range(args.rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            wall, cpu = run(COMMANDS[name])
            walls[name].append(wall)
            cpus[name].append(cpu)
    elapsed = time.perf_counter() - start
    busy_after, own_after = busy_seconds(), resource.getrusage(resource.RUSAGE_CHILDREN)
    own = (own_after.ru_utime - own_before.ru_utime) + (own_after.ru_stime - own_before.ru_stime)
    print(f"python {sys.version.split()[0]}; {args.rounds} rounds, alternating; {os.cpu_count()} CPUs")
    print(f"{'command':<20} {'min s':>8} {'median s':>9} {'median CPU s':>13}")
    for name in names:
        print(f"{name:<20} {min(walls[name]):>8.4f} {statistics.median(walls[name]):>9.4f} {statistics.median(cpus[name]):>13.4f}")

    def ratio(a: str, b: str, limit: float) -> None:
        low, mid = min(walls[a]) / min(walls[b]), statistics.median(walls[a]) / statistics.median(walls[b])
        print(f"{a} / {b}: min {low:.2f}x, median {mid:.2f}x (target <= {limit}x: {'met' if mid <= limit else 'MISSED'} on the median)")

    ratio("import zonemap", "import geopandas", 1.1)
    ratio("zonemap --version", "python -c pass", 3.0)
    others = "n/a" if busy_before is None or busy_after is None else f"{max(0.0, busy_after - busy_before - own):.1f} s"
    print(f"load before {load_before}, after {loadavg()}; {elapsed:.1f} s of wall time, CPU used by other processes meanwhile: {others}")


if __name__ == "__main__":
    main()

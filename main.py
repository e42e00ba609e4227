"""PoolScope: ``python main.py`` opens the window; ``--help`` lists the command-line options."""

import os

# One BLAS thread unless the user chose otherwise: on a 2-core laptop, a network training in
# the background with two BLAS threads fought the window (and itself) for the cores and ran
# up to 6x slower than with one (benchmarks/bench_network.py). Set before NumPy loads.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

from gui.app import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())

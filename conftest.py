"""pytest set-up shared by the unit tests and the notebook runs.

- Exercise checks raise on a wrong answer (``COURSE_STRICT_EXERCISES=1``), so a
  broken worked solution fails the notebook instead of printing a red box.
- Figures are drawn off-screen.

The environment is set here, before nbval starts any kernel, so the
notebooks' kernels inherit it.
"""

import os

os.environ["COURSE_STRICT_EXERCISES"] = "1"
os.environ.setdefault("MPLBACKEND", "Agg")

"""pytest set-up shared by the unit tests and the notebook runs.

- Exercise checks raise on a wrong answer (``COURSE_STRICT_EXERCISES=1``), so a
  broken worked solution fails the notebook instead of printing a red box.

The environment is set here, before nbval starts any kernel, so the
notebooks' kernels inherit it.  (Matplotlib's backend is deliberately left
alone: notebook kernels keep the inline backend, so every figure is really
drawn and a drawing error fails the run.)
"""

import os

os.environ["COURSE_STRICT_EXERCISES"] = "1"

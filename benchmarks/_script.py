"""What the benchmark scripts share: run from their folder, they import this module beside them."""
from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path


def run_script(main: Callable[[], None], script: str) -> None:
    """``main()``, a step it runs that fails (a corpus generator, a child process) said in one line
    naming the step, not as a traceback."""
    try:
        main()
    except subprocess.CalledProcessError as failed:
        raise SystemExit(f"{Path(script).name}: {' '.join(map(str, failed.cmd[:3]))} ... "
                         f"failed with exit status {failed.returncode}") from None

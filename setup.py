"""The segmenter's C core (scribekit/segmentation/_core.c). It is optional: without a C
compiler the build goes on and the segmenter runs its Python reference, slower."""
import sys

from setuptools import Extension, setup

# Floating-point steps exactly as written, so that the C and Python segmenters cut alike.
strict_float = [] if sys.platform == "win32" else ["-ffp-contract=off", "-fno-fast-math"]

setup(ext_modules=[Extension("scribekit.segmentation._core", ["scribekit/segmentation/_core.c"], optional=True,
                             extra_compile_args=strict_float)])

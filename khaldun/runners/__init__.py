"""Runners: how the pipeline is executed (one process, a process pool, Spark)."""

from khaldun.runners.local import run_pipeline

__all__ = ["run_pipeline"]

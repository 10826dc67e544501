"""Runners: how the pipeline is executed (one process, a process pool, Spark)."""

from khaldun.runners.local import run_pipeline
from khaldun.runners.pool import PoolCoder, resolve_workers

__all__ = ["PoolCoder", "resolve_workers", "run_pipeline"]

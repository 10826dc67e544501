"""khaldun: political event data from news text.

Who did what to whom, when, where, how many, and according to whom; every
field traceable to the words it came from.
"""

import logging

from khaldun.config import Settings, load_settings
from khaldun.errors import KhaldunError
from khaldun.records import Actor, Count, Document, EventRecord, Evidence, Place, Rejection

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Actor",
    "Count",
    "Document",
    "EventRecord",
    "Evidence",
    "KhaldunError",
    "Place",
    "Rejection",
    "Settings",
    "__version__",
    "load_settings",
]

"""A small thread-safe LRU cache of numpy arrays, bounded by bytes.

One per index generation: a generation never changes, so nothing in it goes stale; it is
dropped with its generation. Cached arrays are made read-only, since every thread shares
them.
"""
import threading
from collections import OrderedDict

CACHE_BYTES = 64 << 20


class ArrayCache:
    """Values are tuples of arrays (None allowed); size is their bytes plus a little."""

    def __init__(self, max_bytes=CACHE_BYTES):
        self.max_bytes = max_bytes
        self._items, self._size, self._lock = OrderedDict(), 0, threading.Lock()

    def get(self, key):
        """The cached value of ``key`` (marked recently used), or None."""
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def put(self, key, value):
        """Cache ``value`` under ``key`` (evicting the least recently used); return it."""
        for arr in value:
            if arr is not None and hasattr(arr, "flags"):
                arr.flags.writeable = False
        if not self.max_bytes:
            return value
        with self._lock:
            if key not in self._items:
                self._items[key] = value
                self._size += _nbytes(value)
            while self._size > self.max_bytes and self._items:
                _, old = self._items.popitem(last=False)
                self._size -= _nbytes(old)
        return value


def _nbytes(value):
    """Approximate memory of a cached tuple of arrays."""
    return 100 + sum(getattr(a, "nbytes", 0) for a in value if a is not None)

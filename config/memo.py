"""Settings that rarely change, kept in memory per process.

Every submission reads its form, its case type's first status and priority rules, the
bank holidays and the ward boundaries: rows changed a few times a year. Reading them from the
database on every request was over a third of a submission's CPU. A ``SharedVersionMemo``
keeps what was read per process, and a version number in the shared cache says when
any process changed the rows behind it:

- the process that saves a row (model signals call ``invalidate``) sees the change at
  once, and changes the shared version;
- every other process asks the shared cache for the version at most once every
  ``check_seconds``, so it sees the change within that time;
- whatever the cache says, nothing is kept longer than ``max_age_seconds``, which
  covers a cache that was cleared or is not shared, and changes made without signals
  (``QuerySet.update``).

What the memo hands out is shared by every thread of the process: read it, never
change it.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Hashable
from typing import Any

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

_ALL: weakref.WeakSet[SharedVersionMemo] = weakref.WeakSet()


class SharedVersionMemo:
    def __init__(self, name: str, *, check_seconds: float = 1.0, max_age_seconds: float = 300.0):
        self.version_key = f"memo-version:{name}"
        self.check_seconds = check_seconds
        self.max_age_seconds = max_age_seconds
        self._lock = threading.Lock()
        self._values: dict[Hashable, Any] = {}
        self._version: str | None = None
        self._loaded_at = 0.0
        self._checked_at = float("-inf")
        self._generation = 0  # counts clearings, so a value computed before one is not kept
        _ALL.add(self)

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value kept for ``key``, or ``compute()``'s, kept from now on unless it is
        None: a miss (such as a made-up form name in a URL) is read again each time, so
        requests for things that do not exist cannot fill the memory."""
        self._drop_if_stale()
        try:
            return self._values[key]
        except KeyError:
            pass
        generation = self._generation
        value = compute()
        if value is not None:
            with self._lock:
                if generation == self._generation:
                    self._values[key] = value
        return value

    def invalidate(self, **signal_kwargs) -> None:
        """Forget everything here and tell other processes to do the same, now and again
        when the transaction commits: another process that reads the rows between the
        two still sees them as they were, and must read them again once they have
        changed. Takes and ignores a signal's arguments, so it can be connected to
        ``post_save`` directly."""
        self._invalidate_now()
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(self._invalidate_now)

    def _invalidate_now(self) -> None:
        try:
            cache.set(self.version_key, uuid.uuid4().hex, None)
        except Exception:  # the cache being down must not stop an editor saving
            logger.warning("Could not tell other processes that %s changed", self.version_key, exc_info=True)
        self.forget()

    def forget(self) -> None:
        """Forget everything in this process only."""
        with self._lock:
            self._values = {}
            self._generation += 1
            self._version = None
            self._checked_at = float("-inf")

    def _drop_if_stale(self) -> None:
        now = time.monotonic()
        if self._version is not None and now - self._checked_at < self.check_seconds:
            return
        try:
            version = cache.get(self.version_key)
            if version is None:
                version = uuid.uuid4().hex
                if not cache.add(self.version_key, version, None):  # another process set it first
                    version = cache.get(self.version_key) or version
        except Exception:  # without the cache, rely on the maximum age
            version = self._version or uuid.uuid4().hex
        with self._lock:
            if version != self._version or now - self._loaded_at > self.max_age_seconds:
                self._values = {}
                self._generation += 1
                self._version = version
                self._loaded_at = now
            self._checked_at = now


def forget_all_in_this_process() -> None:
    """For tests, whose database rolls back without signals: start from nothing."""
    for memo in list(_ALL):
        memo.forget()

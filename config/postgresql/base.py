"""Django's PostgreSQL backend, health-checking a kept connection only when it has been
idle for a while.

With CONN_HEALTH_CHECKS, Django sends ``SELECT 1`` before the first query of every
request, to find connections the server dropped (a restart, a failover). Under load that
is one round trip in ten of an e-form submission, on a connection that answered a
moment ago. Here a connection that finished its last request without a database error
less than ``DATABASE_HEALTH_CHECK_IDLE_SECONDS`` ago (1 by default; 0 checks every time)
is trusted without the check. If the server went away in that second, the request gets
a database error and Django closes the connection at its end, as it does when health
checks are off; the next request connects afresh.
"""

import time

from django.conf import settings
from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    _answered_at = float("-inf")

    def close_if_unusable_or_obsolete(self):
        # Called when a request starts and when it ends. At the end, a connection the
        # request used has its health check done; with no error, it has just answered.
        if self.connection is not None and self.health_check_done and not self.errors_occurred:
            self._answered_at = time.monotonic()
        super().close_if_unusable_or_obsolete()

    def close_if_health_check_failed(self):
        idle_allowed = getattr(settings, "DATABASE_HEALTH_CHECK_IDLE_SECONDS", 1.0)
        if (
            self.connection is not None
            and not self.health_check_done
            and time.monotonic() - self._answered_at < idle_allowed
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def connect(self):
        super().connect()
        self._answered_at = float("-inf")

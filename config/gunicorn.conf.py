"""gunicorn settings for an app host behind a reverse proxy.

Run: gunicorn -c config/gunicorn.conf.py config.wsgi
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One process per core, each with several threads: a request spends much of its time
# waiting for PostgreSQL (and its commit), which other threads use; more processes only
# add memory and database connections (one per thread, kept for CONN_MAX_AGE). See
# docs/eforms.md for the measurements behind this.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 8))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (a guard against slow leaks); from the page cache a worker
# answers thousands of requests a second, so recycling after a few thousand would be too often.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 100000))
max_requests_jitter = max_requests // 10
# The proxy sets X-Forwarded-*; trust it only from the addresses given.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# No query strings in the access log: they could carry personal data.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'
errorlog = "-"
preload_app = True
# gunicorn 27 opens one control socket per user by default; several instances would clash.
control_socket_disable = True


def on_starting(server):
    """Refuse to start when settings are wrong or the database cannot be reached."""
    import django

    from config.startup import check_database_or_exit, run_with_clear_errors

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    run_with_clear_errors(django.setup)
    check_database_or_exit()


def when_ready(server):
    """The loaded app (Django, Wagtail, every model and template) lives as long as the
    process: freeze it out of the garbage collector before the workers fork, so a full
    collection no longer walks its 180,000 or so objects (a pause of about 100 ms with
    every thread of the worker stopped, once in a thousand or two submissions) nor
    copies the pages the workers share."""
    gc.freeze()

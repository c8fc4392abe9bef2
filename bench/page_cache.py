"""Requests per second for one public page, served four ways in one run with one load
tool (wrk), so the ratios mean something on a noisy machine:

1. gunicorn rendering the page on every request (page cache off);
2. gunicorn answering from the page cache (Redis when REDIS_URL is set, else local memory);
3. nginx's proxy cache in front of gunicorn (the configuration in docs/deployment.md);
4. nginx serving a saved copy of the same page as a static file.

    .venv/bin/python bench/page_cache.py [--url /bins-and-recycling/] [--seconds 10]
        [--connections 16] [--workers 3] [--threads 2]

Needs wrk and nginx (apt-get install -y wrk nginx-light libnginx-mod-http-cache-purge).
It builds a fresh SQLite database with the demo council in a temporary folder unless
DATABASE_URL is set (then that database must hold the demo already), writes its nginx
configuration into the same folder and runs nginx as a child process on free ports;
it never touches the system's nginx. Prints figures; never part of the test run.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")

NGINX_CONF = """\
{load_module}
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy_temp;
    fastcgi_temp_path {tmp}/fastcgi_temp;
    uwsgi_temp_path {tmp}/uwsgi_temp;
    scgi_temp_path {tmp}/scgi_temp;
    include /etc/nginx/mime.types;
    sendfile on;
    keepalive_requests 100000;

{cache_conf}

    upstream council_app {{ server 127.0.0.1:{app_port}; keepalive 16; }}

    server {{
        listen 127.0.0.1:{proxy_port};
        server_name 127.0.0.1;
{proxy_location}
    }}

    server {{
        listen 127.0.0.1:{static_port};
        root {tmp}/saved;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local bench address
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer in {seconds} s")


def headers_of(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local bench address
        response.read()
        return dict(response.headers)


def wrk(url: str, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def latency(label: str) -> str:
        found = re.search(rf"^\s+{label}\s+([\d.]+\w+)", out, re.MULTILINE)
        return found.group(1) if found else "?"

    return {"rate": rate, "p50": latency("50%"), "p99": latency("99%"), "errors": int(errors.group(1)) if errors else 0}


def load_average() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="/bins-and-recycling/")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is not installed: apt-get install -y wrk nginx-light")

    tmp = Path(tempfile.mkdtemp(prefix="bench-page-cache-"))
    tmp.chmod(0o755)  # nginx's workers run as www-data and read the saved copy here
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(tmp / "media")),
        "TASKS_BACKEND": "immediate",
        "LOG_LEVEL": "WARNING",
    }
    if "DATABASE_URL" not in os.environ:
        env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        print("loading the demo council into a fresh SQLite database ...", flush=True)
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([PYTHON, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)

    children: list[subprocess.Popen] = []

    def gunicorn(port: int, page_cache: bool) -> None:
        child_env = {**env, "PAGE_CACHE_ENABLED": "true" if page_cache else "false"}
        command = [GUNICORN, "-c", "config/gunicorn.conf.py", "config.wsgi", "--no-control-socket"]
        command += ["-b", f"127.0.0.1:{port}", "-w", str(args.workers), "--threads", str(args.threads)]
        command += ["--access-logfile", "/dev/null", "--log-level", "warning"]
        log = open(tmp / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - closed with the child
        children.append(subprocess.Popen(command, cwd=ROOT, env=child_env, stdout=log, stderr=log))

    try:
        plain_port, cached_port = free_port(), free_port()
        proxy_port, static_port = free_port(), free_port()
        gunicorn(plain_port, page_cache=False)
        gunicorn(cached_port, page_cache=True)
        wait_for(f"http://127.0.0.1:{plain_port}{args.url}")
        wait_for(f"http://127.0.0.1:{cached_port}{args.url}")

        # The saved copy: the very page, as gunicorn renders it.
        saved = tmp / "saved" / args.url.strip("/")
        saved.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(f"http://127.0.0.1:{plain_port}{args.url}") as response:  # noqa: S310
            (saved / "index.html").write_bytes(response.read())

        cache_conf = (ROOT / "docs" / "nginx" / "page-cache.conf").read_text().replace("/var/cache/nginx", str(tmp))
        location = (ROOT / "docs" / "nginx" / "page-cache-location.conf").read_text()
        location = "\n".join("        " + line for line in location.splitlines())
        (tmp / "nginx.conf").write_text(
            NGINX_CONF.format(
                load_module=f"load_module {PURGE_MODULE};" if PURGE_MODULE.exists() else "",
                tmp=tmp,
                cache_conf=cache_conf,
                proxy_location=location,
                app_port=plain_port,
                proxy_port=proxy_port,
                static_port=static_port,
            )
        )
        nginx_log = open(tmp / "nginx-stdout.log", "w")  # noqa: SIM115 - closed with the child
        children.append(
            subprocess.Popen(
                ["nginx", "-p", str(tmp), "-c", str(tmp / "nginx.conf")], stdout=nginx_log, stderr=nginx_log
            )
        )
        wait_for(f"http://127.0.0.1:{static_port}{args.url}")
        wait_for(f"http://127.0.0.1:{proxy_port}{args.url}")

        targets = [
            ("gunicorn, no cache", f"http://127.0.0.1:{plain_port}{args.url}"),
            ("gunicorn, page cache", f"http://127.0.0.1:{cached_port}{args.url}"),
            ("nginx proxy cache -> gunicorn", f"http://127.0.0.1:{proxy_port}{args.url}"),
            ("nginx, saved static copy", f"http://127.0.0.1:{static_port}{args.url}"),
        ]
        page_cache_state = headers_of(targets[1][1]).get("X-Page-Cache")
        proxy_state = headers_of(targets[2][1]).get("X-Proxy-Cache")
        print(f"page {args.url}; gunicorn {args.workers} workers x {args.threads} threads; page cache store: ", end="")
        print("Redis" if os.environ.get("REDIS_URL") else "local memory (per process)")
        print(f"check: page cache answers {page_cache_state!r}, nginx cache answers {proxy_state!r}")
        print(f"wrk -t2 -c{args.connections} -d{args.seconds}s, one after another; before: {load_average()}")
        print(f"{'served by':32} {'req/s':>9} {'p50':>9} {'p99':>9} {'non-2xx':>8} {'vs static':>9}")
        results = []
        for name, url in targets:
            wrk(url, 2, args.connections)  # warm-up: every worker has the page, nginx too
            results.append((name, wrk(url, args.seconds, args.connections)))
        static_rate = results[-1][1]["rate"]
        for name, figures in results:
            print(
                f"{name:32} {figures['rate']:9.0f} {figures['p50']:>9} {figures['p99']:>9} "
                f"{figures['errors']:8d} {figures['rate'] / static_rate:9.2f}"
            )
        print(f"after: {load_average()}; cores: {os.cpu_count()}")
        print("target: page cache >= 3,000 req/s under gunicorn on a 2-core machine")
    except BaseException:
        for log in sorted(tmp.glob("*.log")):
            print(f"--- {log.name}:", *log.read_text().splitlines()[-15:], sep="\n")
        raise
    finally:
        for child in reversed(children):
            child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

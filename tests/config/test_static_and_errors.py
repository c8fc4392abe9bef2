import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

ROOT = Path(__file__).resolve().parents[2]


def test_production_static_files_are_hashed_and_compressed(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "www.council.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    css = list((tmp_path / "static" / "css").glob("main.*.css"))
    assert css, "main.css was not given a hashed name"
    assert Path(f"{css[0]}.gz").exists() or Path(f"{css[0]}.br").exists()


@pytest.mark.django_db
def test_server_errors_get_a_styled_page_without_internals():
    from home.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body
    assert "Traceback" not in body


def test_gunicorn_configuration_is_valid():
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "config/gunicorn.conf.py",
            "--check-config",
            "config.wsgi",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "localhost",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr

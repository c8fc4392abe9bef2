"""Start-up refuses bad configuration with a message that names the problem."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env_overrides, remove=()):
    remove = (*remove, "DJANGO_ALLOW_ASYNC_UNSAFE")  # set for the browser tests, refused by check --deploy
    env = {k: v for k, v in os.environ.items() if k not in remove and not k.startswith("PYTEST")}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789abcdef",
    "ALLOWED_HOSTS": "www.council.example",
    "DATABASE_URL": "sqlite:////tmp/check-deploy.sqlite3",
}


def test_production_check_deploy_prints_no_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", env_overrides={**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode == 2
    assert "SECRET_KEY must be set" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env_without = {**PRODUCTION}
    env_without.pop("ALLOWED_HOSTS")
    result = _manage("check", env_overrides=env_without, remove=("ALLOWED_HOSTS",))
    assert result.returncode == 2
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_a_malformed_variable_is_named():
    result = _manage(
        "check", env_overrides={"DATABASE_URL": "not a url at all", "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    )
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr

    result = _manage("check", env_overrides={"DEBUG": "perhaps", "DJANGO_SETTINGS_MODULE": "config.settings.dev"})
    assert result.returncode == 2
    assert "DEBUG must be true or false" in result.stderr

    result = _manage(
        "check", env_overrides={"MAP_DEFAULT_CENTRE": "Borchester", "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    )
    assert result.returncode == 2
    assert "MAP_DEFAULT_CENTRE must be a latitude and longitude" in result.stderr


def test_an_unreachable_database_gives_a_clear_error_not_a_traceback():
    result = _manage(
        "migrate",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": "postgres://council@127.0.0.1:9/council",
        },
    )
    assert result.returncode == 3
    assert "Cannot connect to the database at 127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr

"""The deploy/ files agree with config.py and with each other (no services needed)."""

import re
import runpy
from pathlib import Path

from tests.deploy import stack

DEPLOY = stack.PROJECT_DIR / "deploy"


def settings_read_by_config() -> set[str]:
    source = (stack.PROJECT_DIR / "config.py").read_text()
    return set(
        re.findall(r"""(?:environ\.get\(|environ\[|env_bool\()\s*["']([A-Z][A-Z0-9_]+)""", source)
    )


def settings_in_env_example() -> set[str]:
    text = (DEPLOY / "evalapp.env.example").read_text()
    return set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def test_the_env_example_names_every_setting_config_reads():
    read = settings_read_by_config()
    assert {"SECRET_KEY", "DATABASE_URL", "JOBS_URL"} <= read  # the pattern finds them
    missing = read - settings_in_env_example()
    assert not missing, f"deploy/evalapp.env.example lacks {sorted(missing)}"


def test_the_env_example_names_no_setting_config_ignores():
    unknown = settings_in_env_example() - settings_read_by_config()
    assert not unknown, f"deploy/evalapp.env.example names unknown settings {sorted(unknown)}"


def test_every_unit_reads_the_env_file_and_restarts():
    for unit in ("evalapp-web@.service", "evalapp-worker.service"):
        text = (DEPLOY / "systemd" / unit).read_text()
        assert "EnvironmentFile=/etc/evalapp/evalapp.env" in text
        assert "Restart=always" in text


def test_the_web_unit_runs_gunicorn_with_the_deploy_settings_on_its_port():
    command = stack.unit_command("evalapp-web@.service", port=8123)
    assert command[0].endswith("/.venv/bin/gunicorn")
    assert str(DEPLOY / "gunicorn.conf.py") in command
    assert "127.0.0.1:8123" in command and command[-1] == "wsgi:app"


def test_the_worker_unit_runs_the_job_worker_and_stops_it_gracefully():
    command = stack.unit_command("evalapp-worker.service")
    assert command[-4:-2] == ["jobs", "worker"]
    assert "KillSignal=SIGINT" in (DEPLOY / "systemd" / "evalapp-worker.service").read_text()


def test_gunicorn_outlives_nginx_on_idle_and_stops_before_systemd_kills_it():
    gunicorn = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    nginx = (DEPLOY / "nginx" / "evalapp.conf").read_text()
    nginx_idle = int(re.search(r"^\s*keepalive_timeout (\d+)s;", nginx, re.MULTILINE)[1])
    assert gunicorn["keepalive"] > nginx_idle
    read_timeout = int(re.search(r"proxy_read_timeout (\d+)s;", nginx)[1])
    assert read_timeout > gunicorn["timeout"]
    unit = (DEPLOY / "systemd" / "evalapp-web@.service").read_text()
    assert int(re.search(r"TimeoutStopSec=(\d+)", unit)[1]) > gunicorn["graceful_timeout"]


def test_nginx_never_resends_a_post_to_the_other_instance():
    nginx = (DEPLOY / "nginx" / "evalapp.conf").read_text()
    assert "proxy_next_upstream error timeout;" in nginx
    assert "non_idempotent" not in nginx.replace("(non_idempotent is not given)", "")


def test_every_nginx_placeholder_is_documented_and_rendered(tmp_path):
    template = (DEPLOY / "nginx" / "evalapp.conf").read_text()
    header = template.split("upstream evalapp", 1)[0]
    for name in set(re.findall(r"\$\{(EVALAPP_[A-Z0-9_]+)\}", template)):
        assert f"{name}=" in header, f"{name} has no documented value"
    rendered = stack.render_nginx_site(tmp_path, web_ports=(8001, 8002), https_port=8443)
    assert not re.search(r"\$\{EVALAPP_[A-Z0-9_]+\}", rendered)
    assert "$proxy_add_x_forwarded_for" in rendered  # nginx's own variables stay


def test_nginx_accepts_the_largest_upload_the_application_does():
    rendered = stack.render_nginx_site(Path("/tmp"), web_ports=(1, 2), https_port=3)
    body_mb = int(re.search(r"client_max_body_size (\d+)m;", rendered)[1])
    assert body_mb > 25  # MAX_UPLOAD_MB's default, plus the form around the files

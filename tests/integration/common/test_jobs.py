"""The job queue: huey's SQLite store by default, Redis when JOBS_URL says so, inline in tests."""

from huey import RedisHuey, SqliteHuey

from evalapp.common import jobs


def test_the_queue_is_redis_for_a_redis_url_and_a_sqlite_file_otherwise(tmp_path):
    assert isinstance(jobs.make_huey("redis://127.0.0.1:6379/0"), RedisHuey)
    queue = jobs.make_huey(f"sqlite:///{tmp_path}/queue/jobs.sqlite3")
    assert isinstance(queue, SqliteHuey)
    assert (tmp_path / "queue").is_dir()


def test_tests_run_jobs_inline_in_the_app_context(app):
    assert jobs.huey.immediate

    @jobs.app_task()
    def unit_names():
        from evalapp.extensions import db
        from evalapp.units.models import AdministrativeUnit

        return db.session.query(AdministrativeUnit).count()

    assert unit_names()() == 0


def test_a_task_runs_through_a_real_redis_queue():
    queue = jobs.make_huey("redis://127.0.0.1:6379/15")
    try:
        queue.storage.conn.ping()
    except Exception:
        import pytest

        pytest.skip("Redis is not running on 127.0.0.1:6379")
    queue.flush()

    @queue.task()
    def add(a, b):
        return a + b

    pending = add(2, 3)
    task = queue.dequeue()
    assert queue.execute(task) == 5 and pending.get() == 5
    queue.flush()

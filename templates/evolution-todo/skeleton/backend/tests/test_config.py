import pytest

from app.config import load_settings


def test_builds_the_database_url_from_the_chart_environment() -> None:
    settings = load_settings(
        {
            "DATABASE_HOST": "todo-postgres",
            "DATABASE_PORT": "5432",
            "DATABASE_NAME": "todo",
            "DATABASE_USER": "todo",
            "DATABASE_PASSWORD": "p@ss/word",
            "LOG_LEVEL": "debug",
        }
    )
    url = settings.database_url
    assert not isinstance(url, str)
    assert (url.drivername, url.host, url.port, url.database, url.username) == (
        "postgresql+psycopg",
        "todo-postgres",
        5432,
        "todo",
        "todo",
    )
    assert url.password == "p@ss/word"
    # Logged or printed, the URL hides the password.
    assert "p@ss/word" not in str(url)
    assert settings.redis_url is None
    assert settings.log_level == "DEBUG"


def test_prefers_an_explicit_database_url_and_reads_redis() -> None:
    settings = load_settings({"DATABASE_URL": "postgresql+psycopg://u@db/x", "REDIS_URL": "redis://todo-redis:6379/0"})
    assert settings.database_url == "postgresql+psycopg://u@db/x"
    assert settings.redis_url == "redis://todo-redis:6379/0"
    assert settings.log_level == "INFO"


def test_cache_timings_default_and_can_be_set() -> None:
    defaults = load_settings({})
    assert (defaults.cache_ttl_seconds, defaults.redis_timeout_seconds) == (30.0, 0.25)
    tuned = load_settings({"CACHE_TTL_SECONDS": "5", "REDIS_TIMEOUT_SECONDS": "0.1"})
    assert (tuned.cache_ttl_seconds, tuned.redis_timeout_seconds) == (5.0, 0.1)


def test_rejects_a_cache_timing_that_is_not_a_positive_number() -> None:
    for raw in ("0", "-1", "soon", "nan", "inf"):
        with pytest.raises(ValueError, match=f"CACHE_TTL_SECONDS must be a positive number of seconds, got '{raw}'"):
            load_settings({"CACHE_TTL_SECONDS": raw})

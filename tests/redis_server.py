"""A redis-server of the test's own, on a free port, that the test may stop, freeze and
start again (never the machine's Redis on 6379)."""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time

import pytest
import redis

from embassy_site.cache import configure

from .servers import free_port


class OwnRedis:
    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="embassy-redis-")
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", self.dir]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url, socket_timeout=1)
        for _ in range(100):
            with contextlib.suppress(redis.RedisError):
                client.ping()
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop_keeping_data(self):
        """Down, with what it held written to disk: started again, it has it all back."""
        redis.Redis.from_url(self.url).save()
        self.process.kill()
        self.process.wait()

    def freeze(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def close(self):
        if self.process and self.process.poll() is None:
            self.thaw()
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


RETRY_SECONDS = 0.3


def own_redis_cache(settings):
    """For a fixture: the site's cache on a redis-server of the test's own (the breaker
    retries soon)."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = OwnRedis()
    server.start()
    config = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": server.url}
    config["OPTIONS"] = {"retry_seconds": RETRY_SECONDS}
    settings.CACHES = {"default": configure(config)}
    try:
        yield server
    finally:
        server.close()

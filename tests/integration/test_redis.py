"""Django's cache on the Redis server of `make test` (TEST_REDIS_URL), as
production uses it (REDIS_URL): shared by every process that points at it."""

import redis
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache


def test_the_cache_is_shared_through_redis(redis_cache):
    assert isinstance(caches["default"], RedisCache)
    cache.set("greeting", {"hello": "world"}, timeout=60)
    cache.add("hits", 0)
    assert cache.incr("hits") == 1

    # Another process sees the same values: here, a second client of the server.
    other = RedisCache(redis_cache, {})
    assert other.get("greeting") == {"hello": "world"}
    assert other.get("hits") == 1
    assert 0 < redis.Redis.from_url(redis_cache).ttl(cache.make_key("greeting")) <= 60

"""The site's URLs plus a plain Django view, the yardstick of `make bench`: what
the same server answers when the view does nothing."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache


@never_cache  # run each time, through every middleware: never a page cache hit
def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/hello", hello, name="bench_hello"),
    path("", include("config.urls")),
]

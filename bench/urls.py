"""The site's URLs plus a plain Django view, the yardstick of `make bench`: what
the same server answers when the view does nothing."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from config.urls import urlpatterns as site_urlpatterns


@never_cache  # run each time, through every middleware: never a page cache hit
def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world", content_type="text/plain; charset=utf-8")


# The site's patterns are added as they are, not included: Django refuses
# i18n_patterns (the /en/ and /fr/ prefixes) inside an included URLconf.
urlpatterns = [
    path("bench/hello", hello, name="bench_hello"),
    *site_urlpatterns,
]

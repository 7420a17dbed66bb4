import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.sitemap import sitemap

# Without a language: the admin, files, the health check, robots and the sitemap
# (which lists every language's pages).
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", home_views.healthz, name="healthz"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("brand.css", home_views.brand_stylesheet, name="brand_stylesheet"),
    path("sitemap.xml", sitemap, name="sitemap"),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # The demo serves editors' images itself (DEBUG off, no web server in front);
    # production serves them from S3 or its web server.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Everything visitors and candidates read, under its language: /en/..., /fr/...;
# "/" and any address without one are sent to the browser's language
# (LocaleMiddleware, Accept-Language; English by default).
urlpatterns += i18n_patterns(
    path("account/", include("candidates.account_urls")),
    path("account/", include("allauth.urls")),
    path("", include("applications.urls")),
    path("me/", include("candidates.urls")),
    path("me/", include("privacy.urls")),
    path("alerts/", include("alerts.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

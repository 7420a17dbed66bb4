import re

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("account/", include("candidates.account_urls")),
    path("account/", include("allauth.urls")),
    path("", include("applications.urls")),
    path("me/", include("candidates.urls")),
    path("me/", include("privacy.urls")),
    path("alerts/", include("alerts.urls")),
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

urlpatterns += [path("", include(wagtail_urls))]

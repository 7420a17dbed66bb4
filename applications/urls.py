from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("offers/<slug:slug>/apply/", views.apply, name="apply"),
    path("apply/speculative/", views.speculative, name="speculative"),
    # "My applications", in the candidate space (a card of its menu: wagtail_hooks).
    path("me/applications/", views.application_list, name="list"),
    path("me/applications/<int:pk>/", views.application_detail, name="detail"),
    path("me/applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]

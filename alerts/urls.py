from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("new/", views.alert_create, name="create"),
    path("<int:pk>/", views.alert_edit, name="edit"),
    path("<int:pk>/delete/", views.alert_delete, name="delete"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

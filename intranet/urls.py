from django.urls import path

from intranet import views

app_name = "intranet"

urlpatterns = [
    path("images/<int:image_id>/<str:filter_spec>/", views.image, name="image"),
]

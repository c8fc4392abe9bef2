from django.urls import path

from services.gazetteer import views

app_name = "gazetteer"

urlpatterns = [
    path("find-your-ward/", views.find_your_ward, name="find_your_ward"),
    path("check-a-location/", views.check_a_location, name="check_a_location"),
    path("api/describe-point/", views.describe_point_json, name="describe_point"),
]

from django.urls import path

from services.forms import views

app_name = "forms"

urlpatterns = [
    path("<slug:slug>/", views.start, name="start"),
    path("<slug:slug>/step/<int:number>/", views.step, name="step"),
    path("<slug:slug>/your-details/", views.contact, name="contact"),
    path("<slug:slug>/check-your-answers/", views.check, name="check"),
    path("<slug:slug>/confirmation/", views.confirmation, name="confirmation"),
]

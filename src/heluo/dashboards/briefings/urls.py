from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("", views.briefing_list, name="briefing_list"),
    path("generate/", views.briefing_generate, name="briefing_generate"),
    path("<int:pk>/", views.briefing_detail, name="briefing_detail"),
    path("<int:pk>/document/", views.briefing_document, name="briefing_document"),
    path("<int:pk>/pdf/", views.briefing_pdf, name="briefing_pdf"),
    path("<int:pk>/word/", views.briefing_word, name="briefing_word"),
]

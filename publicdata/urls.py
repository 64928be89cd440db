"""Public open-data URLs (see the URL contract in the README). They answer in every
language (``/es/data/``); ``/data.json``, for harvesters, is in portal/urls.py."""

from django.urls import path

from publicdata import chart_files, embed, feeds, views

app_name = "publicdata"

urlpatterns = [
    path("data/", views.catalogue, name="catalogue"),
    path("data/lead-baltimore-open-data.zip", views.all_datasets_zip, name="all_zip"),
    path("data/releases.atom", feeds.releases_feed, name="releases_feed"),
    path("data/<slug:slug>/", views.dataset_detail, name="dataset"),
    path("data/<slug:slug>/releases.atom", feeds.dataset_releases_feed, name="dataset_feed"),
    path("data/<slug:slug>/datapackage.json", views.datapackage, name="datapackage"),
    path("data/<slug:slug>/download.<str:fmt>", views.download, name="download"),
    path("embed/charts/<int:pk>/", embed.chart_embed, name="chart_embed"),
    path("embed/charts/<int:pk>.csv", embed.chart_csv, name="chart_csv"),
    path("embed/charts/<int:pk>.metadata.json", embed.chart_metadata_json, name="chart_metadata"),
    path("embed/charts/<int:pk>.zip", embed.chart_zip, name="chart_zip"),
    path("embed/charts/<int:pk>.png", chart_files.chart_png, name="chart_png"),
    path("embed/charts/<int:pk>.svg", chart_files.chart_svg, name="chart_svg"),
    path(
        "embed/charts/<int:pk>/images/<str:name>",
        chart_files.kept_chart_image,
        name="chart_image",
    ),
]

from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "home.staff"
    label = "staff"
    verbose_name = "Staff accounts"

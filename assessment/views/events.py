"""Pages: events (see assessment/urls.py)."""

urlpatterns: list = []

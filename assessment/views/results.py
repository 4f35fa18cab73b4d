"""Pages: results (see assessment/urls.py)."""

urlpatterns: list = []

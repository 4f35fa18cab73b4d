"""Pages: schemes (see assessment/urls.py)."""

urlpatterns: list = []

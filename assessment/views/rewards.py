"""Pages: rewards (see assessment/urls.py)."""

urlpatterns: list = []

from .views import assessed, events, preview, report, results, rewards, schemes

app_name = "assessment"

# Each area keeps its own routes beside its views.
urlpatterns = [
    *schemes.urlpatterns,
    *preview.urlpatterns,
    *events.urlpatterns,
    *assessed.urlpatterns,
    *results.urlpatterns,
    *rewards.urlpatterns,
    *report.urlpatterns,
]

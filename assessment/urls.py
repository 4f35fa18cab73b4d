from .views import assessed, events, report, results, rewards, schemes

app_name = "assessment"

# Each area keeps its own routes beside its views.
urlpatterns = [
    *schemes.urlpatterns,
    *events.urlpatterns,
    *assessed.urlpatterns,
    *results.urlpatterns,
    *rewards.urlpatterns,
    *report.urlpatterns,
]

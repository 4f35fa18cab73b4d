from .views import events, report, results, rewards, schemes

app_name = "assessment"

# Each area keeps its own routes beside its views.
urlpatterns = [
    *schemes.urlpatterns,
    *events.urlpatterns,
    *results.urlpatterns,
    *rewards.urlpatterns,
    *report.urlpatterns,
]

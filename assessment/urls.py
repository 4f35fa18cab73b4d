from .views import events, results, rewards, schemes

app_name = "assessment"

# Each area keeps its own routes beside its views.
urlpatterns = [*schemes.urlpatterns, *events.urlpatterns, *results.urlpatterns, *rewards.urlpatterns]

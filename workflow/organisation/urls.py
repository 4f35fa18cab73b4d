from django.urls import path

from . import views

urlpatterns = [
    path("org/", views.home, name="org"),
    path("org/<int:pk>/", views.tree, name="org_tree"),
    path("org/<int:pk>/units/new/", views.unit_new, name="org_unit_new"),
    path("org/<int:pk>/people/", views.people, name="org_people"),
    path("org/<int:pk>/people/new/", views.person_new, name="org_person_new"),
    path("org/<int:pk>/security/", views.security, name="org_security"),
    path("org/<int:pk>/roster/", views.roster_import, name="org_roster"),
    path("org/<int:pk>/roster.xlsx", views.roster_download, name="org_roster_download"),
    path("org/units/<int:pk>/", views.unit_edit, name="org_unit"),
    path("org/units/<int:pk>/posts/new/", views.post_new, name="org_post_new"),
    path("org/posts/<int:pk>/", views.post_edit, name="org_post"),
    path("org/people/<int:pk>/", views.person_edit, name="org_person"),
    path("org/people/<int:pk>/assign/", views.person_assign, name="org_person_assign"),
    path("org/people/<int:pk>/posts/<int:post_pk>/vacate/", views.person_vacate, name="org_person_vacate"),
    path("org/people/<int:pk>/deactivate/", views.person_deactivate, name="org_person_deactivate"),
    path("org/people/<int:pk>/activate/", views.person_activate, name="org_person_activate"),
    path("org/people/<int:pk>/reset-password/", views.person_reset_password, name="org_person_reset_password"),
]

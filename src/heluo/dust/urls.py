app_name = "dust"
urlpatterns: list = []

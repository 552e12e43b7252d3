from heluo.dust import ledgers

app_name = "dust"

urlpatterns = [*ledgers.site.urls()]

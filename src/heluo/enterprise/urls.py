from heluo.enterprise.briefings.urls import urlpatterns as briefings
from heluo.enterprise.cooperation.urls import urlpatterns as cooperation
from heluo.enterprise.finance.urls import urlpatterns as finance
from heluo.enterprise.major.urls import urlpatterns as major
from heluo.enterprise.parks.urls import urlpatterns as parks
from heluo.enterprise.service.urls import urlpatterns as service

app_name = "enterprise"

urlpatterns = [*cooperation, *finance, *major, *briefings, *service, *parks]

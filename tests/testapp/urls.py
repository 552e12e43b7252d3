from tests.testapp import ledgers

app_name = "testapp"
urlpatterns = [*ledgers.party_record.urls(), *ledgers.grid_site.urls(), *ledgers.coop_case.urls()]

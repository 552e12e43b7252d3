from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from heluo.core.views import identity, pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("login/", pages.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/verify/", identity.two_factor_verify, name="two_factor_verify"),
    path("password/", pages.PasswordChangeView.as_view(), name="password_change"),
    path("two-factor/", identity.two_factor, name="two_factor"),
    path("two-factor/enrol/", identity.two_factor_enrol, name="two_factor_enrol"),
    path("two-factor/recovery-codes/", identity.two_factor_recovery_codes, name="two_factor_recovery_codes"),
    path("two-factor/disable/", identity.two_factor_disable, name="two_factor_disable"),
    # The login page offers the language switch, so it must work before login.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("jsi18n/", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("core/", include("heluo.core.urls")),
    path("cases/", include("heluo.cases.urls")),
    path("api/", include("heluo.api")),
    path("dashboards/", include("heluo.dashboards.urls")),
    path("dust/", include("heluo.dust.urls")),
    path("enterprise/", include("heluo.enterprise.urls")),
    path("militia/", include("heluo.militia.urls")),
    path("monitoring/", include("heluo.monitoring.urls")),
    path("party/", include("heluo.party.urls")),
    path("studyrooms/", include("heluo.studyrooms.urls")),
    # The public finder: no login, the only pages meant for citizens (docs/studyrooms-public.md).
    path("public/", include("heluo.studyrooms.public.urls")),
]

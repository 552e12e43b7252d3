"""The REST API keeps the pages' rules: the scope matrix, permissions, validation in one structured
shape, masked document numbers, the history's author, the grant rules, and token log-in with lock-out.

The stand-in models of later modules (party, dust, cases lines) get their viewsets here exactly as a
later app declares its own, on a test-only router.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import include, path, reverse
from rest_framework.routers import SimpleRouter
from rest_framework.test import APIClient

from heluo.core.api.base import (
    LedgerSerializer,
    LedgerViewSet,
    answer_unauthenticated_themselves,
    register_ledgers,
)
from heluo.core.demo_accounts import DEMO_PASSWORD
from heluo.core.identifiers import credit_code_check_char, id_check_char, mask
from heluo.core.ledger import ledger_for
from heluo.core.models import AccessEvent, AccessKind, Account, Division, Person, Role, Unit, UnitType
from heluo.core.services.accounts import create_account
from tests.core.test_masking import WITHOUT_THE_RIGHT, person  # noqa: F401  (its fixture, used below)
from tests.core.test_scope_matrix import EVERYONE, PERMISSIONS, VISIBLE, Row, rows  # noqa: F401  (likewise)
from tests.testapp import ledgers as testapp_ledgers
from tests.testapp.models import CoopCase, GridSite, PartyRecord
from tests.urls import urlpatterns as site_urlpatterns


class PartyRecordSerializer(LedgerSerializer):
    class Meta:
        model = PartyRecord
        fields = ["id", "display", "name", "division"]


class GridSiteSerializer(LedgerSerializer):
    class Meta:
        model = GridSite
        fields = ["id", "display", "name", "division", "grid"]


class CoopCaseSerializer(LedgerSerializer):
    class Meta:
        model = CoopCase
        fields = ["id", "display", "name", "division", "cooperating_units"]


class PartyRecordViewSet(LedgerViewSet):
    ledger = testapp_ledgers.party_record
    serializer_class = PartyRecordSerializer


class GridSiteViewSet(LedgerViewSet):
    ledger = testapp_ledgers.grid_site
    serializer_class = GridSiteSerializer


class CoopCaseViewSet(LedgerViewSet):
    ledger = testapp_ledgers.coop_case
    serializer_class = CoopCaseSerializer


router = SimpleRouter()
register_ledgers(router, PartyRecordViewSet, GridSiteViewSet, CoopCaseViewSet)
urlpatterns = [path("api/", include(answer_unauthenticated_themselves(router.urls))), *site_urlpatterns]
pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db]


@pytest.fixture
def matrix(request: pytest.FixtureRequest) -> dict[str, Row]:
    """The rows of the pages' scope matrix (tests/core/test_scope_matrix.py)."""
    return request.getfixturevalue("rows")


@pytest.fixture
def numbered(request: pytest.FixtureRequest) -> Person:
    """A person with a document number (tests/core/test_masking.py)."""
    return request.getfixturevalue("person")


def api_as(username: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(get_user_model().objects.get(username=username))
    return client


def list_url(model: Any) -> str:
    return reverse(f"{model._meta.app_label}-{model._meta.model_name}-list")


def detail_url(obj: Any) -> str:
    return reverse(f"{obj._meta.app_label}-{obj._meta.model_name}-detail", args=[obj.pk])


def division(code: str) -> Division:
    return Division.objects.get(code=code)


def _expect(username: str, row: Row, permission: str, success: int) -> int:
    if username not in PERMISSIONS[type(row.obj)][permission]:
        return 403
    return success if username in VISIBLE[row.key] else 404


# --- the scope matrix ------------------------------------------------------------------------------


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_lists_show_only_rows_in_scope(matrix: dict[str, Row], username: str) -> None:
    client = api_as(username)
    wrong = []
    for row in matrix.values():
        response = client.get(list_url(row.obj), {"q": row.token, "page_size": 200})
        if username not in PERMISSIONS[type(row.obj)]["view"]:
            if response.status_code != 403 or response.json()["code"] != "permission_denied":
                wrong.append((row.key, response.status_code))
            continue
        ids = {item["id"] for item in response.json()["results"]}
        if response.status_code != 200 or (row.obj.pk in ids) != (username in VISIBLE[row.key]):
            wrong.append((row.key, response.status_code, ids))
    assert wrong == []


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_one_row_is_read_only_in_scope(matrix: dict[str, Row], username: str) -> None:
    client = api_as(username)
    wrong = []
    for row in matrix.values():
        expected = _expect(username, row, "view", 200)
        response = client.get(detail_url(row.obj))
        if response.status_code != expected:
            wrong.append((row.key, expected, response.status_code))
    assert wrong == []


# The text field a row's update changes, where it has no name.
RENAMED_BY = {
    "meeting_kaiyuan": "topic",
    "dues_kaiyuan": "note",
    "points_kaiyuan": "reason",
    "matter_kaiyuan": "title",
}


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_updates_out_of_scope_or_without_permission_change_nothing(
    matrix: dict[str, Row], username: str
) -> None:
    client = api_as(username)
    wrong = []
    for row in matrix.values():
        expected = _expect(username, row, "change", 200)
        field = RENAMED_BY.get(row.key, "name")
        response = client.patch(detail_url(row.obj), {field: "矩阵改名"}, format="json")
        stored = getattr(type(row.obj).objects.get(pk=row.obj.pk), field)
        if response.status_code != expected or (stored == "矩阵改名") != (expected == 200):
            wrong.append((row.key, expected, response.status_code, stored))
    assert wrong == []


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_deletes_out_of_scope_or_without_permission_change_nothing(
    matrix: dict[str, Row], username: str
) -> None:
    client = api_as(username)
    wrong = []
    for row in matrix.values():
        if not ledger_for(row.obj).deletable:  # type: ignore[union-attr]
            continue  # a ledger that keeps its rows (meetings) answers DELETE with 405 for everyone
        expected = _expect(username, row, "delete", 204)
        status = client.delete(detail_url(row.obj)).status_code
        exists = type(row.obj).objects.filter(pk=row.obj.pk).exists()
        # A row others depend on (the 2019 armed forces department) is refused with 409, not deleted.
        allowed = expected == 204 and status in {204, 409}
        if (not allowed and (status != expected or not exists)) or (status == 204 and exists):
            wrong.append((row.key, expected, status, exists))
    assert wrong == []


def test_anonymous_calls_are_answered_401_in_json_never_redirected(matrix: dict[str, Row]) -> None:
    client = APIClient()
    for row in matrix.values():
        for url in (list_url(row.obj), detail_url(row.obj)):
            response = client.get(url)
            assert response.status_code == 401, url
            assert response["WWW-Authenticate"] == "Token"
            assert response.json()["code"] == "not_authenticated"
    assert client.get("/api/me/").status_code == 401


# --- validation --------------------------------------------------------------------------------------


def _credit_code(valid: bool) -> str:
    first17 = "91410302MA9XY3123"
    right = credit_code_check_char(first17)
    return first17 + (right if valid else ("1" if right != "1" else "2"))


def test_a_bad_credit_code_is_refused_by_field_in_chinese_and_nothing_is_written() -> None:
    before = Unit.objects.count()
    data = {
        "name": "校验测试单位",
        "unit_type": UnitType.objects.get(code="enterprise").pk,
        "division": division("410302001000").pk,
        "credit_code": _credit_code(valid=False),
    }
    response = api_as("admin").post(list_url(Unit), data, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and list(body["fields"]) == ["credit_code"]
    assert body["fields"]["credit_code"] == [
        {"message": "统一社会信用代码校验位不正确。", "code": "credit_code"}
    ]
    assert Unit.objects.count() == before
    data["credit_code"] = _credit_code(valid=True)
    assert api_as("admin").post(list_url(Unit), data, format="json").status_code == 201


def test_one_bad_field_in_an_update_changes_nothing() -> None:
    unit = Unit.objects.get(name="西关街道办事处")
    versions = unit.history.count()
    response = api_as("laocheng").patch(
        detail_url(unit), {"name": "西关街道（改）", "contact_phone": "12345"}, format="json"
    )
    assert response.status_code == 400 and list(response.json()["fields"]) == ["contact_phone"]
    unit.refresh_from_db()
    assert unit.name == "西关街道办事处" and unit.history.count() == versions


def test_model_clean_runs_and_normalises_what_it_stores() -> None:
    client = api_as("admin")
    base = {"name": "规则测试人", "division": division("410302001000").pk}
    response = client.post(list_url(Person), {**base, "id_number": "410302199001011234"}, format="json")
    assert response.status_code == 400 and list(response.json()["fields"]) == ["id_type"]
    response = client.post(
        list_url(Person), {**base, "id_type": "resident_id", "id_number": "410302199001011230"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["fields"]["id_number"][0]["message"] == "身份证号码校验码不正确。"
    # A number whose check character is X, sent in lower case, is stored as the model's clean() makes it.
    first17 = next(p for p in (f"41030219900101{n:03d}" for n in range(1000)) if id_check_char(p) == "X")
    response = client.post(
        list_url(Person), {**base, "id_type": "resident_id", "id_number": f"{first17}x"}, format="json"
    )
    assert response.status_code == 201
    assert Person.objects.get(pk=response.json()["id"]).id_number == f"{first17}X"


def test_a_constraint_is_a_400_not_a_server_error() -> None:
    unit = Unit.objects.get(name="西关街道办事处")
    data = {"name": unit.name, "unit_type": unit.unit_type_id, "division": unit.division_id}
    response = api_as("admin").post(list_url(Unit), data, format="json")
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert Unit.objects.filter(name=unit.name).count() == 1


def test_a_reference_outside_the_scope_does_not_exist() -> None:
    luolong = division("410311000000")
    data = {"name": "越界单位", "unit_type": UnitType.objects.first().pk, "division": luolong.pk}  # type: ignore[union-attr]
    response = api_as("laocheng").post(list_url(Unit), data, format="json")
    assert response.status_code == 400
    [error] = response.json()["fields"]["division"]
    assert error["code"] == "invalid_choice" and "不在可用的选项中" in error["message"]
    assert not Unit.objects.filter(name="越界单位").exists()


def test_a_reference_the_row_already_has_is_kept_although_outside_the_scope() -> None:
    xiguan = Unit.objects.get(name="西关街道办事处")  # 老城区: outside 洛龙区
    kept = Person.objects.create(name="保留引用人", division=division("410311002000"), unit=xiguan)
    client = api_as("luolong")
    body = client.get(detail_url(kept)).json()
    body["position"] = "网格员"
    response = client.put(detail_url(kept), body, format="json")
    assert response.status_code == 200 and response.json()["unit"] == xiguan.pk
    other = Unit.objects.get(name="南关街道办事处")
    response = client.patch(detail_url(kept), {"unit": other.pk}, format="json")
    assert response.status_code == 400 and response.json()["fields"]["unit"][0]["code"] == "invalid_choice"


def test_filters_and_search_are_the_pages_own() -> None:
    client = api_as("admin")
    laocheng = division("410302000000")
    results = client.get(list_url(Unit), {"division": laocheng.pk, "page_size": 200}).json()["results"]
    assert results and all(Division.objects.get(pk=r["division"]).path.startswith("410302") for r in results)
    names = [r["name"] for r in client.get(list_url(Unit), {"q": "老城区 科学"}).json()["results"]]
    assert names == ["老城区科学技术局"]
    # An out-of-scope choice in a filter is refused like a bad value, by parameter.
    response = api_as("laocheng").get(list_url(Unit), {"division": division("410311000000").pk})
    assert response.status_code == 400 and list(response.json()["fields"]) == ["division"]


def test_other_errors_have_the_same_shape() -> None:
    client = api_as("lingdao")
    assert client.get("/api/core/units/999999999/").json() == {"code": "not_found", "message": "未找到。"}
    response = client.delete(detail_url(Unit.objects.first()))
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    response = api_as("admin").delete(detail_url(Account.objects.get(user__username="lingdao")))
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"


def test_deleting_a_row_others_depend_on_is_refused_with_them_listed() -> None:
    laocheng = division("410302000000")
    response = api_as("admin").delete(detail_url(laocheng))
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "protected" and body["dependants"]
    assert {"kind", "display"} <= set(body["dependants"][0])
    assert Division.objects.filter(pk=laocheng.pk).exists()


# --- tokens and sessions ----------------------------------------------------------------------------


def _token(client: APIClient, username: str, password: str) -> Any:
    return client.post("/api/token/", {"username": username, "password": password}, format="json")


def test_a_token_is_obtained_with_the_password_and_then_identifies_the_user(db: Any) -> None:
    client = APIClient()
    response = _token(client, "luolong", DEMO_PASSWORD)
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = client.get("/api/me/").json()
    assert me["username"] == "luolong" and [r["code"] for r in me["roles"]] == ["division_staff"]
    assert me["scope"]["home_division"] == division("410311000000").pk
    assert me["sees_document_numbers"] is False
    assert _token(APIClient(), "luolong", DEMO_PASSWORD).json()["token"] == response.json()["token"]


def test_a_wrong_password_or_token_is_refused(db: Any) -> None:
    response = _token(APIClient(), "luolong", "wrong-password")
    assert response.status_code == 400
    assert response.json()["fields"]["non_field_errors"][0]["code"] == "invalid_credentials"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    response = client.get("/api/me/")
    assert response.status_code == 401 and response.json()["code"] == "authentication_failed"


def test_repeated_failures_lock_the_user_name_out_even_with_the_right_password(db: Any) -> None:
    client = APIClient()
    statuses = [_token(client, "mengjin", "wrong-password").status_code for _ in range(5)]
    assert statuses[:4] == [400] * 4
    response = _token(client, "mengjin", DEMO_PASSWORD)
    assert response.status_code == 429 and response.json()["code"] == "locked_out"
    assert "token" not in response.json()


def test_a_temporary_password_must_be_changed_on_the_pages_first(
    users: dict[str, Any], client_as: Any
) -> None:
    _account, password = create_account(
        users["admin"], username="newcomer", roles=[Role.objects.get(code="leader")]
    )
    response = _token(APIClient(), "newcomer", password)
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    # With a session the API answers the same refusal in JSON, not the pages' redirect.
    response = client_as("newcomer").get("/api/me/")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_a_session_works_too(client_as: Any) -> None:
    response = client_as("wangge").get(list_url(Unit))
    assert response.status_code == 200 and response.json()["count"] > 0


# --- masking and the history -----------------------------------------------------------------------


@pytest.mark.parametrize("username", WITHOUT_THE_RIGHT)
def test_document_numbers_are_never_unmasked_without_the_right(numbered: Person, username: str) -> None:
    client = api_as(username)
    for url in (f"{list_url(Person)}?q={numbered.name}", detail_url(numbered)):
        body = client.get(url).content.decode()
        assert numbered.id_number not in body, url
    assert not AccessEvent.objects.filter(user__username=username, kind=AccessKind.VIEW_IN_FULL).exists()


def test_the_right_role_sees_the_number_and_each_showing_is_logged(numbered: Person) -> None:
    response = api_as("wuzhuang").get(detail_url(numbered))
    assert response.json()["id_number"] == numbered.id_number
    log = AccessEvent.objects.get(user__username="wuzhuang", kind=AccessKind.VIEW_IN_FULL)
    assert log.object_ids == [numbered.pk] and log.context == detail_url(numbered)


def test_sending_the_mask_back_keeps_the_stored_number(numbered: Person) -> None:
    client = api_as("admin")  # may change people, may not see document numbers
    body = client.get(detail_url(numbered)).json()
    assert body["id_number"] == mask(numbered.id_number)
    body["name"] = "掩码测试人改"
    response = client.put(detail_url(numbered), body, format="json")
    assert response.status_code == 200 and response.json()["id_number"] == mask(numbered.id_number)
    stored = numbered.id_number
    numbered.refresh_from_db()
    assert numbered.id_number == stored and numbered.name == "掩码测试人改"


def test_the_history_records_the_token_user_as_the_author(db: Any) -> None:
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {_token(client, 'laocheng', DEMO_PASSWORD).json()['token']}"
    )
    data = {"name": "历史测试人", "division": division("410302001000").pk}
    created = client.post(list_url(Person), data, format="json").json()
    made = Person.objects.get(pk=created["id"])
    client.patch(detail_url(made), {"position": "志愿者"}, format="json")
    client.delete(detail_url(made))
    records = Person.history.filter(id=created["id"]).order_by("history_id")
    assert [(r.history_type, r.history_user.username) for r in records] == [
        ("+", "laocheng"),
        ("~", "laocheng"),
        ("-", "laocheng"),
    ]


# --- accounts ------------------------------------------------------------------------------------------


def _account_data(**extra: Any) -> dict[str, Any]:
    return {
        "username": "xiguan-staff",
        "display_name": "西关工作人员",
        "home_division": division("410302001000").pk,
        "roles": [Role.objects.get(code="division_staff").pk],
        **extra,
    }


def test_an_account_is_created_through_the_service_and_its_password_shown_once(db: Any) -> None:
    client = api_as("laocheng")
    response = client.post(list_url(Account), _account_data(), format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["must_change_password"] is True and len(body["temporary_password"]) >= 12
    assert "password" not in body
    account = Account.objects.get(user__username="xiguan-staff")
    assert account.user.check_password(body["temporary_password"])
    assert client.get(detail_url(account)).json()["temporary_password"] is None
    response = client.post(list_url(Account), _account_data(), format="json")
    assert response.status_code == 400 and list(response.json()["fields"]) == ["username"]


def test_no_role_above_the_callers_own_is_granted(db: Any) -> None:
    client = api_as("laocheng")
    city_admin = Role.objects.get(code="city_admin").pk
    response = client.post(list_url(Account), _account_data(roles=[city_admin]), format="json")
    assert response.status_code == 400 and list(response.json()["fields"]) == ["roles"]
    assert response.json()["fields"]["roles"][0]["code"] == "invalid_choice"
    assert not Account.objects.filter(user__username="xiguan-staff").exists()
    account = Account.objects.get(
        pk=client.post(list_url(Account), _account_data(), format="json").json()["id"]
    )
    response = client.patch(detail_url(account), {"roles": [city_admin]}, format="json")
    assert response.status_code == 400 and list(response.json()["fields"]) == ["roles"]
    assert [role.code for role in account.roles.all()] == ["division_staff"]


def test_no_account_is_placed_outside_the_callers_scope(db: Any) -> None:
    data = _account_data(home_division=division("410300000000").pk)
    response = api_as("laocheng").post(list_url(Account), data, format="json")
    assert response.status_code == 400 and list(response.json()["fields"]) == ["home_division"]

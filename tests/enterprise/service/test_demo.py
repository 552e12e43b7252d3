"""The service desk's demo: officers for a dozen 老城区 enterprises, the article's two problems solved,
problems in every state (one waiting on the enterprise, one overdue), all marked demo, loaded once; and
its figures read from the registry."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from heluo.cases.models import State
from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.core.models import Division
from heluo.core.services.accounts import system_operator
from heluo.enterprise.service import demo
from heluo.enterprise.service.models import OfficerAssignment, Problem, Visit


@pytest.fixture
def loaded(db: Any) -> Counter[str]:
    return demo.load_demo(system_operator())


def test_the_demo_serves_a_dozen_enterprises_with_problems_in_every_state(loaded: Counter[str]) -> None:
    assignments = OfficerAssignment.objects.filter(is_demo=True)
    assert assignments.values("enterprise").distinct().count() >= 12
    assert {a.enterprise.division.path[:6] for a in assignments} == {"410302"}
    problems = Problem.objects.filter(is_demo=True).select_related("case")
    assert not problems.filter(case__isnull=True).exists()
    assert all(problem.case.is_demo for problem in problems)
    states = {problem.case.state for problem in problems}
    assert states >= {State.REGISTERED, State.ASSIGNED, State.IN_PROGRESS, State.REPLIED, State.RETURNED,
                      State.SUSPENDED, State.CLOSED, State.CANCELLED}  # fmt: skip
    assert any(problem.case.is_overdue for problem in problems)
    waiting = problems.get(case__state=State.SUSPENDED).case
    assert waiting.waiting and "补充材料" in waiting.suspension_reason
    assert Visit.objects.filter(is_demo=True, problems__isnull=False).exists()
    assert demo.load_demo(system_operator()) == Counter()


def test_the_articles_two_problems_were_solved_in_2019(loaded: Counter[str]) -> None:
    for name in ("北郊建材大世界", "新型铜包铝排生产项目"):
        problem = Problem.objects.get(enterprise__name=name, is_demo=True)
        assert problem.case.state == State.CLOSED and problem.case.closed_at.year == 2019
        assert problem.follow_ups.get().satisfaction == "satisfied"
    laocheng = Territory.of(Division.objects.get(code="410302000000"))
    year = Period.year(2019)
    assert value("enterprise.service.problems_raised", laocheng, year).number == 2
    assert value("enterprise.service.problems_solved", laocheng, year).number == 2
    assert value("enterprise.service.problems_solved_on_time", laocheng, year).number == 2
    assert value("enterprise.service.satisfaction_rate", laocheng, year).number == 100
    assert value("enterprise.service.visits", laocheng, year).number == 2
    assert value("enterprise.service.enterprises_served", laocheng, year).number == 12
    assert render_sentence("enterprise.service.summary", laocheng, year) == (
        "2019年,老城区首席服务官走访企业2次,服务企业12家,企业反映问题2个,已解决2个,其中按时办结2个,企业满意率100%。"
    )


def test_the_demo_accounts_home_is_the_officers_page(loaded: Counter[str], client_as: Any) -> None:
    response = client_as("fuwuguan").get("/")
    assert response.status_code == 302 and "/enterprise/service/officers/" in response["Location"]
    page = client_as("fuwuguan").get(response["Location"]).content.decode()
    assert page.count('data-testid="officer-enterprise"') == 10

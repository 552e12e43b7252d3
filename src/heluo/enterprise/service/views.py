"""The service desk's own pages: a problem with its stages and follow-up calls, and an officer's page
ranking their enterprises by open problems."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.models import State
from heluo.core.display import display, field_label
from heluo.core.models import Person
from heluo.core.scope import may
from heluo.core.services.masking import log_shown
from heluo.core.views.access import requires
from heluo.core.views.generic import LedgerDetailView
from heluo.core.workflow import TransitionRefused

from .forms import FollowUpForm
from .models import FollowUp, OfficerAssignment, Problem
from .services import FollowUpRecord, officer_loads, officer_visits, record_follow_up, stages


class ProblemDetailView(LedgerDetailView):
    """A problem: its facts, its case's stages with their due days, its follow-up calls, and the form
    to record the next one once the unit has replied."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(request, self.get_object())

    def page(self, request: HttpRequest, problem: Any, *, form: FollowUpForm | None = None,
             status: int = 200) -> HttpResponse:  # fmt: skip
        rows = [(field_label(Problem, name), display(problem, name, request.user))
                for name in self.ledger.fields_for_detail()]  # fmt: skip
        log_shown(request.user, Problem, [problem.pk], request.get_full_path())
        case = problem.case
        may_call = (
            case is not None
            and case.state in {State.REPLIED, State.CLOSED}
            and may(request.user, "add", FollowUp)
        )
        if may_call and form is None:
            form = FollowUpForm(
                initial={"called_on": timezone.localdate(), "called_by": _display_name(request.user)}
            )
        context = self.context(
            object=problem, rows=rows, attachments=None, tab="detail", case=case, stages=stages(problem),
            follow_ups=problem.follow_ups.all(), follow_up_form=form if may_call else None,
        )  # fmt: skip
        return render(request, self.ledger.detail_template, context, status=status)


class ProblemFollowUpView(ProblemDetailView):
    """POST a follow-up call; a refusal is shown on the problem's page with its reason, nothing changes."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        problem = self.get_object()
        assert isinstance(problem, Problem)
        form = FollowUpForm(request.POST)
        if not form.is_valid():
            return self.page(request, problem, form=form, status=400)
        data = form.cleaned_data
        record = FollowUpRecord(data["called_on"], data["called_by"], data["satisfaction"], data["remarks"],
                                data["then"])  # fmt: skip
        try:
            record_follow_up(request.user, problem, record)
        except (PermissionDenied, TransitionRefused) as refusal:
            form.add_error(None, getattr(refusal, "message", None) or str(refusal))
            return self.page(
                request, problem, form=form, status=403 if isinstance(refusal, PermissionDenied) else 409
            )
        except ValidationError as problem_found:
            for field, errors in problem_found.message_dict.items():
                form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)
            return self.page(request, problem, form=form, status=400)
        messages.success(request, _("The follow-up call is recorded."))
        return HttpResponseRedirect(problem.get_absolute_url())


def _display_name(user: Any) -> str:
    account = getattr(user, "account", None)
    return (getattr(account, "display_name", "") or user.get_username())[:60]


@requires("view", OfficerAssignment)
def officer(request: HttpRequest, pk: int) -> HttpResponse:
    """A chief service officer's enterprises ranked by open problems (most first, then the longest
    overdue), with their visits: what the officer and the supervisor look at first."""
    person = get_object_or_404(Person, pk=pk)
    if not OfficerAssignment.objects.for_user(request.user).filter(officer=person).exists():
        raise Http404
    visits = officer_visits(person, request.user)[:20]
    context = {"officer": person, "loads": officer_loads(person, request.user), "visits": visits}
    return render(request, "enterprise/service/officer.html", context)

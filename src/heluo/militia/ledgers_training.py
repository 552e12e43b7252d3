"""Training's ledgers: the outline's subjects, the units' sessions and the members' attendance."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters_c as filters
from . import forms_c as form_classes
from . import tables_c as tables
from .forms import city_data_refusal
from .models import TrainingAttendance, TrainingSession, TrainingSubject

training_subject = register(
    Ledger(
        TrainingSubject,
        form=form_classes.TrainingSubjectForm,
        filterset=filters.TrainingSubjectFilter,
        table=tables.TrainingSubjectTable,
        select_related=("category",),
        refuse_change=city_data_refusal,
    )
)
training_session = register(
    Ledger(
        TrainingSession,
        form=form_classes.TrainingSessionForm,
        filterset=filters.TrainingSessionFilter,
        table=tables.TrainingSessionTable,
        search_fields=("unit__name", "subject__name", "place", "trainer"),
        select_related=("unit", "subject"),
        detail_template="militia/training/session_detail.html",
        many_rows=True,
    )
)
training_attendance = register(
    Ledger(
        TrainingAttendance,
        slug="attendance",
        form=form_classes.TrainingAttendanceForm,
        filterset=filters.TrainingAttendanceFilter,
        table=tables.TrainingAttendanceTable,
        search_fields=("member__name", "session__unit__name"),
        select_related=("session__unit", "session__subject", "member"),
        import_key=("session", "member"),
    )
)

"""The reorganisation's ledgers: the year's reorganisation (its page computes the figures from the
roster), the province's targets per county, the musters and their attendance."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters_reorganisation as filters
from . import forms_reorganisation as forms
from . import tables_reorganisation as tables
from .models import Muster, MusterAttendance, Reorganisation, ReorganisationTarget
from .services.reorganisation import save_reorganisation

reorganisation = register(
    Ledger(
        Reorganisation,
        form=forms.ReorganisationForm,
        filterset=filters.ReorganisationFilter,
        table=tables.ReorganisationTable,
        search_fields=("name", "division__name"),
        select_related=("division",),
        detail_template="militia/reorganisation/reorganisation_detail.html",
        saver=save_reorganisation,
        import_key=("year", "division"),
    )
)
reorganisation_target = register(
    Ledger(
        ReorganisationTarget,
        form=forms.ReorganisationTargetForm,
        filterset=filters.ReorganisationTargetFilter,
        table=tables.ReorganisationTargetTable,
        search_fields=("division__name", "category__name", "notes"),
        select_related=("reorganisation", "division", "category"),
        slug="targets",
        import_key=("reorganisation", "division", "member_class", "category"),
    )
)
muster = register(
    Ledger(
        Muster,
        form=forms.MusterForm,
        filterset=filters.MusterFilter,
        table=tables.MusterTable,
        search_fields=("unit__name", "place"),
        select_related=("unit", "reorganisation"),
        detail_template="militia/reorganisation/muster_detail.html",
    )
)
muster_attendance = register(
    Ledger(
        MusterAttendance,
        form=forms.MusterAttendanceForm,
        filterset=filters.MusterAttendanceFilter,
        table=tables.MusterAttendanceTable,
        search_fields=("member__name", "muster__unit__name"),
        select_related=("muster__unit", "member"),
        many_rows=True,
        slug="muster-attendances",
        import_key=("muster", "member"),
    )
)

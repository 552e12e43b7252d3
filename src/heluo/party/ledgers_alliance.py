"""The 红引擎 alliance's ledgers (its member units, the resource, need and project lists, matches, joint
activities and their participants) and 四议两公开's (village matters and their steps)."""

from __future__ import annotations

from typing import Any

from django import forms

from heluo.core.ledger import Ledger, register

from . import filters_alliance as filters
from . import forms_alliance as form_classes
from . import tables_alliance as tables
from .models import (
    ActivityParticipant,
    Alliance,
    AllianceMember,
    JointActivity,
    Match,
    MatterStep,
    Need,
    Project,
    Resource,
    VillageMatter,
)
from .services import alliance as alliance_services
from .services import villages


def save_step(form: forms.ModelForm, user: Any) -> MatterStep:
    return villages.record_step(user, form.instance)


def save_participant(form: forms.ModelForm, user: Any) -> ActivityParticipant:
    return alliance_services.save_participant(user, form.instance)


def save_activity(form: forms.ModelForm, user: Any) -> JointActivity:
    return alliance_services.save_activity(user, form.instance)


alliance = register(
    Ledger(
        Alliance,
        form=form_classes.AllianceForm,
        filterset=filters.AllianceFilter,
        table=tables.AllianceTable,
        select_related=("organisation",),
        detail_template="party/alliance/alliance_detail.html",
    )
)
alliance_member = register(
    Ledger(
        AllianceMember,
        form=form_classes.AllianceMemberForm,
        filterset=filters.AllianceMemberFilter,
        table=tables.AllianceMemberTable,
        search_fields=("name", "contact_name"),
        select_related=("alliance", "unit"),
        import_key=("alliance", "name"),
    )
)
resource = register(
    Ledger(
        Resource,
        form=form_classes.ResourceForm,
        filterset=filters.ResourceFilter,
        table=tables.ResourceTable,
        search_fields=("title", "member__name", "description"),
        select_related=("alliance", "member", "division", "service_area"),
        many_rows=True,
    )
)
need = register(
    Ledger(
        Need,
        form=form_classes.NeedForm,
        filterset=filters.NeedFilter,
        table=tables.NeedTable,
        search_fields=("title", "raised_by", "description"),
        select_related=("alliance", "member", "division"),
        detail_template="party/alliance/need_detail.html",
        many_rows=True,
        read_only_columns=("state",),
    )
)
project = register(
    Ledger(
        Project,
        form=form_classes.ProjectForm,
        filterset=filters.ProjectFilter,
        table=tables.ProjectTable,
        search_fields=("name", "owner__name", "plan"),
        select_related=("alliance", "owner", "need"),
    )
)
match = register(
    Ledger(
        Match,
        slug="matches",
        form=form_classes.MatchForm,
        filterset=filters.MatchFilter,
        table=tables.MatchTable,
        search_fields=("need__title", "resource__title"),
        select_related=("need", "resource__member", "project"),
        detail_template="party/alliance/match_detail.html",
        read_only_columns=("rank", "state", "decided_on", "project"),
    )
)
joint_activity = register(
    Ledger(
        JointActivity,
        slug="activities",
        form=form_classes.JointActivityForm,
        filterset=filters.JointActivityFilter,
        table=tables.JointActivityTable,
        search_fields=("title", "place", "description"),
        select_related=("alliance", "organiser"),
        detail_template="party/alliance/activity_detail.html",
        attachments=True,
        saver=save_activity,
    )
)
activity_participant = register(
    Ledger(
        ActivityParticipant,
        slug="participants",
        form=form_classes.ActivityParticipantForm,
        filterset=filters.ActivityParticipantFilter,
        table=tables.ActivityParticipantTable,
        search_fields=("member__name", "activity__title"),
        select_related=("activity", "member"),
        many_rows=True,
        saver=save_participant,
        import_key=("activity", "member"),
    )
)
village_matter = register(
    Ledger(
        VillageMatter,
        form=form_classes.VillageMatterForm,
        filterset=filters.VillageMatterFilter,
        table=tables.VillageMatterTable,
        search_fields=("title", "organisation__name"),
        select_related=("organisation",),
        detail_template="party/villages/villagematter_detail.html",
        read_only_columns=("state",),
    )
)
matter_step = register(
    Ledger(
        MatterStep,
        form=form_classes.MatterStepForm,
        filterset=filters.MatterStepFilter,
        table=tables.MatterStepTable,
        search_fields=("matter__title", "minutes"),
        select_related=("matter",),
        attachments=True,
        deletable=False,
        saver=save_step,
        read_only_columns=("passed",),
        import_key=("matter", "step"),
    )
)

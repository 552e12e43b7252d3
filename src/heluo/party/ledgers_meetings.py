"""The ledgers of 三会一课 and study: the meeting requirements (city-wide data and an organisation's own),
the meetings, the study sessions and the members' study records."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters_meetings as filters
from . import forms_meetings as forms
from . import tables_meetings as tables
from .models import Meeting, MeetingRequirement, StudyRecord, StudySession
from .services.meetings import refuse_requirement_change, save_meeting
from .services.study import save_study_record, save_study_session

meeting_requirement = register(
    Ledger(
        MeetingRequirement,
        form=forms.MeetingRequirementForm,
        filterset=filters.MeetingRequirementFilter,
        table=tables.MeetingRequirementTable,
        search_fields=("organisation__name", "notes"),
        select_related=("organisation",),
        refuse_change=refuse_requirement_change,
        import_key=("organisation", "kind"),
    )
)
meeting = register(
    Ledger(
        Meeting,
        form=forms.MeetingForm,
        filterset=filters.MeetingFilter,
        table=tables.MeetingTable,
        search_fields=("topic", "organisation__name", "held_at"),
        select_related=("organisation",),
        detail_template="party/meetings/meeting_detail.html",
        attachments=True,
        many_rows=True,
        saver=save_meeting,
        deletable=False,
        read_only_columns=("is_election", "entitled", "present", "quorate"),
    )
)
study_session = register(
    Ledger(
        StudySession,
        form=forms.StudySessionForm,
        filterset=filters.StudySessionFilter,
        table=tables.StudySessionTable,
        search_fields=("topic", "organisation__name"),
        select_related=("organisation",),
        detail_template="party/meetings/studysession_detail.html",
        attachments=True,
        many_rows=True,
        saver=save_study_session,
    )
)
study_record = register(
    Ledger(
        StudyRecord,
        form=forms.StudyRecordForm,
        filterset=filters.StudyRecordFilter,
        table=tables.StudyRecordTable,
        search_fields=("member__name", "session__topic"),
        select_related=("member", "session"),
        many_rows=True,
        saver=save_study_record,
        deletable=False,
        import_key=("session", "member"),
    )
)

"""Supervision's domain rules: every state change of a case, the deadlines, the scan, the figures.

- `calendar`: the official calendar with the city's corrections; deadlines as dates and moments.
- `numbers`: case numbers (DB-2026-000123), allocated under the counter row's lock.
- `transitions`: the workflow table and one function per act (register, assign, reply, close …).
- `scan`: reminders, overdue notices and escalations, claimed by compare-and-set.
- `statistics`: figures per unit and per division, the overdue list, the Excel export.
- `notice`: the supervision notice (督办单) as a page and a PDF.
- `worklists`: a person's cases: theirs to handle, due today, replies for their unit to verify.
"""

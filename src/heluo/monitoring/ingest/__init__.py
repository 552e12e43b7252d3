"""The pure parts of the receiver: settings, admission (auth, window, backfill), rows, batch outcomes.

Pure: no Django, no database. No I/O either: the asyncio shell (`heluo.monitoring.receiver`) and the database side
(`heluo.monitoring.services`) call these, and the tests exercise them alone.
"""

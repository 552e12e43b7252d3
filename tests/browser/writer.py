"""A concurrent writer for the browser-test server's database: it keeps creating and changing rows in
short transactions, about ten a second, until its stop file appears, and records every error it meets.

Run as `python -m heluo shell --no-imports -c "$(cat writer.py)"` with WRITER_DIR set.
"""

import os
import pathlib
import time
import traceback

from django.db import transaction

from heluo.core.models import Division, Person
from heluo.core.services.accounts import system_operator

folder = pathlib.Path(os.environ["WRITER_DIR"])
stop, errors, count = folder / "stop", folder / "errors.log", folder / "count"
operator = system_operator()
division = Division.objects.get(code="410302001000")
done = 0


def record(done: int) -> None:
    # Written aside and renamed, so a reader never sees the file half written.
    (folder / "count.new").write_text(str(done))
    (folder / "count.new").replace(count)


while not stop.exists():
    try:
        with transaction.atomic():
            person = Person(name=f"并发写入{done}", division=division)
            person._history_user = operator
            person.save()
            person.phone = "13800000000"
            person.save()
        done += 1
        if done % 20 == 0:
            record(done)
    except Exception:
        with errors.open("a") as log:
            log.write(traceback.format_exc())
    # A write every tenth of a second, as a busy task worker writes: faster only took the CPU of the
    # tests running beside it (two cores).
    time.sleep(0.1)
record(done)

"""Public example frames from docs (the standard's Appendix A, public test suites, device captures).

Each is verified by its length and standard CRC; the reply is the one given for the fifth.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

EXAMPLE_FRAMES = (
    "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;"
    "CP=&&RtdInterval=30&&1C80",
    "##0139ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817000;B01-Rtd=36.91;"
    "011-Rtd=231.0,011-Flag=N;060-Rtd=1.803,060-Flag=N&&4980",
    "##0285QN=20190925181031464;ST=22;CN=2061;PW=BF470F88957588DE902D1A52;MN=Z13401000010301;Flag=5;"
    "CP=&&DataTime=20190924220000;a34006-Avg=2.69700,a34006-Flag=N;a34007-Avg=7.96600,a34007-Flag=N;"
    "a34048-Avg=3.30600,a34048-Flag=N;a34047-Avg=7.35700,a34047-Flag=N;a34049-Avg=10.66300,a34049-Flag=N&&C181",
    "##0411QN=20220513162608370;ST=22;CN=2051;PW=123456;MN=JLYP01_AIR01_0001;Flag=4;"
    "CP=&&DataTime=20220513162600;a21004-Avg=4,a21004-Flag=N;a05024-Avg=63,a05024-Flag=N;a21026-Avg=6,"
    "a21026-Flag=N;a21005-Avg=0.427,a21005-Flag=N;a34004-Avg=14,a34004-Flag=N;a34002-Avg=31,a34002-Flag=N;"
    "a01007-Avg=1,a01007-Flag=N;a01008-Avg=11,a01008-Flag=N;a01001-Avg=17,a01001-Flag=N;a01002-Avg=85,"
    "a01002-Flag=N;a01006-Avg=95,a01006-Flag=N&&D641",
    "##0313QN=20241115190408000;ST=27;CN=2011;PW=123456;MN=AQI2411132600332;Flag=5;"
    "CP=&&DataTime=20241115190408;a21026-Rtd=117;a21004-Rtd=16;o31104-Rtd=29;a21005-Rtd=0.14;a34004-Rtd=6;"
    "a34002-Rtd=6;a34001-Rtd=6;a01001-Rtd=28.1;a01002-Rtd=68;LA-Rtd=49;a01006-Rtd=1002;a06001-Rtd=0.0;"
    "a04003-Rtd=0;a01007-Rtd=0.0;a01008-Rtd=70&&9901",
    "##0234ST=101;CN=2011;PW=123456;MN=41050022000017;CP=&&DataTime=20200922110000;"
    "a34010-Rtd=2.017,a34010-Flag=N;a34009-Rtd=0.522,a34009-Flag=N;ua19004-Rtd=2.017,ua19004-Flag=N;"
    "ua19005-Rtd=0.522,ua19005-Flag=N;ua19003-Rtd=2.539,ua19003-Flag=N&&3300",
)

REPLY_TO_FIFTH = "##0079QN=20241115190408000;ST=91;CN=9014;PW=123456;MN=AQI2411132600332;Flag=4;CP=&&&&6E80"


def wire(frame: str) -> bytes:
    """A frame as a device sends it."""
    return frame.encode("utf-8") + b"\r\n"


# Hypothesis budget for every property test here: enough to find framing bugs, well under a minute.
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

"""The simulated monitors: valid frames in every version, a city's daily PM curve, occasional faults."""

from __future__ import annotations

import statistics
from datetime import datetime, timedelta

from heluo.monitoring.hj212 import CrcForm, Padding, Sm4Cipher, Version, parse_frame
from heluo.monitoring.simulation import StationProfile, Weather, realtime_frame

MOMENT = datetime(2026, 11, 25, 8, 30)


def test_each_version_speaks_its_own_dialect() -> None:
    for version, expected_code in ((Version.HJ212_2017, "a34002"), (Version.HJT212_2005, "PM10")):
        profile = StationProfile(mn="SIM1", pw="123456", version=version)
        simulated = realtime_frame(profile, Weather.for_station("SIM1"), MOMENT, 7)
        frame = parse_frame(simulated.data)
        assert frame.version is version and frame.needs_reply and frame.problems == ()
        assert frame.values[0].code == expected_code and frame.values[0].code_2017 == "a34002"
        assert (simulated.qn, simulated.data_time) == ("20261125083000007", "20261125083000")


def test_an_encrypting_2025_device_and_a_swapped_crc() -> None:
    cipher = Sm4Cipher(bytes(range(16)), padding=Padding.PKCS7)
    profile = StationProfile(
        mn="SIM2", pw="1", version=Version.HJ212_2025, cipher=cipher, crc_form=CrcForm.SWAPPED
    )
    data = realtime_frame(profile, Weather.for_station("SIM2"), MOMENT, 0).data
    frame = parse_frame(data, crc_variants={CrcForm.SWAPPED}, ciphers={"SIM2": cipher})
    assert frame.encrypted and frame.version is Version.HJ212_2025 and len(frame.values) == 9


def test_a_device_in_mg_sends_thousandths() -> None:
    profile = StationProfile(mn="SIM3", pw="1", particulate_factor=1000.0)
    frame = parse_frame(realtime_frame(profile, Weather.for_station("SIM3"), MOMENT, 0).data)
    assert float(frame.values[0].value) < 1.5


def test_pm_peaks_in_the_morning_and_dips_in_the_afternoon() -> None:
    weather = Weather.for_station("SIM4")

    def mean_pm10(hour: int) -> float:
        day = datetime(2026, 11, 25, hour)
        return statistics.mean(weather.values(day + timedelta(minutes=m))["a34002"] for m in range(200))

    assert mean_pm10(8) > 1.2 * mean_pm10(15)


def test_instruments_sometimes_fail_or_are_maintained() -> None:
    weather = Weather.for_station("SIM5")
    flags = [flag for _ in range(20_000) for flag in weather.flags().values()]
    assert {"D", "M", "C"} <= set(flags)
    assert len(flags) < 400  # rare: about 6 in 1000 frames

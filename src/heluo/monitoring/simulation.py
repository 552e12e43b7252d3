"""What a simulated dust monitor measures and how it writes it: seeded, no I/O. Pure: no Django, no database.

PM follows a city's day (morning and evening peaks, an afternoon low when the mixing layer is deep)
around a site's own level, of the city's background: a site whose dust control works stays below the
alarm limits. An episode of dusty work (earthworks or demolition without enough spraying) raises its
PM10 to a level of its own for a while. Weather follows the sun, and now and then an instrument fails,
is maintained or calibrates.
"""

from __future__ import annotations

import math
import random
import zlib
from dataclasses import dataclass, field
from datetime import datetime

from heluo.monitoring.hj212 import CrcForm, Sm4Cipher, Version, build_frame, format_data_time

# Factors in the order devices usually send them: (2017 code, 2005/vendor name, decimals).
FACTORS = (
    ("a34002", "PM10", 1),
    ("a34004", "PM25", 1),
    ("a34001", "TSP", 1),
    ("LA", "NOIS", 1),
    ("a01007", "WS", 1),
    ("a01008", "WD", 0),
    ("a01001", "TEM", 1),
    ("a01002", "RH", 0),
    ("a01006", "PA", 1),
)
_PARTICULATES = {"a34002", "a34004", "a34001"}
# Chance per frame that one instrument reports a fault (D), maintenance (M) or calibration (C).
FAULT_CHANCES = (("D", 0.003), ("M", 0.002), ("C", 0.001))


@dataclass(frozen=True, slots=True)
class StationProfile:
    """How one simulated device speaks (a snapshot of its monitor's settings)."""

    mn: str
    pw: str
    version: Version = Version.HJ212_2017
    crc_form: CrcForm = CrcForm.STANDARD
    cipher: Sm4Cipher | None = None
    particulate_factor: float = 1.0  # 1000 for a device that sends mg/m³


# A site's daily mean PM10 (µg/m³) lies in this range: the city's background, with its peaks below the
# hourly limits of the alarm rules.
BASE_PM10 = (35.0, 70.0)


@dataclass(frozen=True, slots=True)
class Episode:
    """Dusty work from `start` to `end` (Beijing time, naive): PM10 around `pm10` µg/m³ meanwhile."""

    start: datetime
    end: datetime
    pm10: float

    def covers(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


@dataclass
class Weather:
    """A station's own slowly wandering conditions, so neighbours do not move in lockstep."""

    rng: random.Random
    base_pm10: float
    wind_direction: float = field(default=90.0)
    episodes: tuple[Episode, ...] = ()

    @classmethod
    def for_station(cls, mn: str, seed: int = 0, episodes: tuple[Episode, ...] = ()) -> Weather:
        rng = random.Random(zlib.crc32(mn.encode()) ^ seed)
        return cls(
            rng=rng, base_pm10=rng.uniform(*BASE_PM10), wind_direction=rng.uniform(0, 360), episodes=episodes
        )

    def values(self, moment: datetime) -> dict[str, float]:
        """One measurement of every factor at `moment` (Beijing time), particulates in µg/m³."""
        rng = self.rng
        hour = moment.hour + moment.minute / 60
        peaks = (
            0.5 * math.exp(-((hour - 8.5) ** 2) / 4)
            + 0.4 * math.exp(-((hour - 20.5) ** 2) / 6)
            - 0.3 * math.exp(-((hour - 15) ** 2) / 8)
        )
        episode = next((e for e in self.episodes if e.covers(moment)), None)
        level = episode.pm10 if episode is not None else self.base_pm10 * (1 + peaks)
        pm10 = max(5.0, level * rng.lognormvariate(0, 0.12))
        pm25 = pm10 * rng.uniform(0.45, 0.62)
        tsp = pm10 * rng.uniform(1.5, 1.9)
        temperature = 14 + 8 * math.sin(2 * math.pi * (hour - 9) / 24) + rng.gauss(0, 0.3)
        humidity = min(98.0, max(15.0, 62 - 2.2 * (temperature - 14) + rng.gauss(0, 2)))
        wind_speed = max(0.0, 1.6 + 1.1 * math.sin(2 * math.pi * (hour - 10) / 24) + rng.gauss(0, 0.4))
        self.wind_direction = (self.wind_direction + rng.gauss(0, 12)) % 360
        working = 7 <= hour < 22
        noise = rng.gauss(63, 4) if working else rng.gauss(47, 3)
        return {
            "a34002": pm10,
            "a34004": pm25,
            "a34001": tsp,
            "LA": noise,
            "a01007": wind_speed,
            "a01008": self.wind_direction,
            "a01001": temperature,
            "a01002": humidity,
            "a01006": rng.gauss(100.6, 0.15),
        }

    def flags(self) -> dict[str, str]:
        """Data flags other than N for this frame (usually none)."""
        for flag, chance in FAULT_CHANCES:
            if self.rng.random() < chance:
                return {self.rng.choice(FACTORS)[0]: flag}
        return {}


@dataclass(frozen=True, slots=True)
class SimulatedFrame:
    data: bytes
    qn: str
    cn: str
    data_time: str  # YYYYMMDDhhmmss, as the ack log writes it


def realtime_frame(
    profile: StationProfile, weather: Weather, moment: datetime, sequence: int
) -> SimulatedFrame:
    """A CN 2011 upload of `moment`, asking for a reply, in the station's version of the protocol."""
    return _data_frame(profile, weather, moment, sequence, cn="2011", suffix="Rtd")


def minute_frame(
    profile: StationProfile, weather: Weather, moment: datetime, sequence: int
) -> SimulatedFrame:
    """A CN 2051 upload (minute data: the average over the device's minute interval from `moment` on),
    asking for a reply, in the station's version of the protocol."""
    return _data_frame(profile, weather, moment, sequence, cn="2051", suffix="Avg")


def _data_frame(
    profile: StationProfile, weather: Weather, moment: datetime, sequence: int, *, cn: str, suffix: str
) -> SimulatedFrame:
    values = weather.values(moment)
    flags = weather.flags()
    data_time = format_data_time(moment)
    qn = f"{data_time}{sequence % 1000:03d}"
    legacy = profile.version is Version.HJT212_2005
    cp: list[list[tuple[str, str]]] = [[("DataTime", data_time)]]
    for code, vendor_name, decimals in FACTORS:
        value = values[code]
        flag = flags.get(code, "N")
        if flag == "D":
            value = 0.0
        if code in _PARTICULATES:
            value /= profile.particulate_factor
            decimals = 3 if profile.particulate_factor != 1.0 else decimals
        name = vendor_name if legacy else code
        cp.append([(f"{name}-{suffix}", f"{value:.{decimals}f}"), (f"{name}-Flag", flag)])
    data = build_frame(
        qn=qn,
        st="22" if legacy else "39",
        cn=cn,
        pw=profile.pw,
        mn=profile.mn,
        flag=profile.version.flag_bits | 1,
        cp=cp,
        crc_form=profile.crc_form,
        cipher=profile.cipher if profile.version is Version.HJ212_2025 else None,
    )
    return SimulatedFrame(data, qn, cn, data_time)

"""HJ 212 code tables: commands (CN), systems (ST), factors, value suffixes, data flags, reply codes.

Tables, not logic, so a wrong entry is corrected in one line. Codes marked 2025 come from public notes
and caoyiliang/HJ212, not from the standard's text (see docs/hj212.md).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import IntEnum, StrEnum


class CN(StrEnum):
    """Command codes. Several serve both directions (the platform asks, the device uploads)."""

    SET_TIMEOUT_RETRY = "1000"
    UPLOAD_HARDWARE_ID = "1001"  # 2025
    SET_MN = "1002"  # 2025
    SYSTEM_TIME = "1011"
    SET_SYSTEM_TIME = "1012"
    TIME_CALIBRATION_REQUEST = "1013"
    NEW_KEY = "1014"  # 2025
    RTD_INTERVAL = "1061"
    SET_RTD_INTERVAL = "1062"
    MINUTE_INTERVAL = "1063"
    SET_MINUTE_INTERVAL = "1064"
    SET_PASSWORD = "1072"
    REALTIME_DATA = "2011"
    STOP_REALTIME_DATA = "2012"
    RAW_DATA = "2013"  # 2025
    RUNNING_STATUS = "2021"
    STOP_RUNNING_STATUS = "2022"
    DAY_DATA = "2031"
    DAY_RUNNING_TIME = "2041"
    MINUTE_DATA = "2051"
    NOISE_SINGLE_MEASUREMENT = "2052"  # 2025
    HOUR_DATA = "2061"
    STANDARD_CHECK_DATA = "2062"  # 2025
    LOGGER_BOOT_TIME = "2081"
    FURNACE_TEMPERATURE = "2111"  # 2025
    CALIBRATE = "3011"
    SAMPLE_NOW = "3012"
    CLEAN_BLOWBACK = "3013"
    COMPARISON_SAMPLING = "3014"
    OVERLIMIT_SAMPLE = "3015"
    SET_SAMPLING_PERIOD = "3016"
    SAMPLING_PERIOD = "3017"
    SAMPLE_OUTPUT_TIME = "3018"
    DEVICE_ID = "3019"
    SITE_INFO = "3020"
    SET_SITE_PARAMETER = "3021"
    SAMPLE_RETENTION_TASK = "3022"  # 2025
    START_STANDARD_CHECK = "3024"  # 2025
    REQUEST_REPLY = "9011"
    EXECUTION_RESULT = "9012"
    NOTIFICATION_REPLY = "9013"
    DATA_REPLY = "9014"
    HEARTBEAT = "9015"  # 2025


CN_NAMES_ZH: dict[CN, str] = {
    CN.SET_TIMEOUT_RETRY: "设置超时时间及重发次数",
    CN.UPLOAD_HARDWARE_ID: "上传数采仪硬件序号",
    CN.SET_MN: "设置数采仪MN编码",
    CN.SYSTEM_TIME: "提取/上传现场机时间",
    CN.SET_SYSTEM_TIME: "设置现场机时间",
    CN.TIME_CALIBRATION_REQUEST: "现场机时间校准请求",
    CN.NEW_KEY: "获取/下发新密钥",
    CN.RTD_INTERVAL: "提取/上传实时数据间隔",
    CN.SET_RTD_INTERVAL: "设置实时数据间隔",
    CN.MINUTE_INTERVAL: "提取/上传分钟数据间隔",
    CN.SET_MINUTE_INTERVAL: "设置分钟数据间隔",
    CN.SET_PASSWORD: "设置现场机访问密码",
    CN.REALTIME_DATA: "实时数据",
    CN.STOP_REALTIME_DATA: "停止察看实时数据",
    CN.RAW_DATA: "原始监测数据",
    CN.RUNNING_STATUS: "设备运行状态",
    CN.STOP_RUNNING_STATUS: "停止察看设备运行状态",
    CN.DAY_DATA: "日数据",
    CN.DAY_RUNNING_TIME: "设备运行时间日数据",
    CN.MINUTE_DATA: "分钟数据",
    CN.NOISE_SINGLE_MEASUREMENT: "噪声单次测量数据",
    CN.HOUR_DATA: "小时数据",
    CN.STANDARD_CHECK_DATA: "自动标样核查校准数据",
    CN.LOGGER_BOOT_TIME: "数采仪开机时间",
    CN.FURNACE_TEMPERATURE: "炉膛温度5分钟均值",
    CN.CALIBRATE: "零点校准量程校准",
    CN.SAMPLE_NOW: "即时采样",
    CN.CLEAN_BLOWBACK: "启动清洗/反吹",
    CN.COMPARISON_SAMPLING: "比对采样",
    CN.OVERLIMIT_SAMPLE: "超标留样",
    CN.SET_SAMPLING_PERIOD: "设置采样时间周期",
    CN.SAMPLING_PERIOD: "提取/上传采样时间周期",
    CN.SAMPLE_OUTPUT_TIME: "提取/上传出样时间",
    CN.DEVICE_ID: "提取/上传设备唯一标识",
    CN.SITE_INFO: "提取/上传现场机信息",
    CN.SET_SITE_PARAMETER: "设置现场机参数",
    CN.SAMPLE_RETENTION_TASK: "下发即时留样任务",
    CN.START_STANDARD_CHECK: "启动标样核查",
    CN.REQUEST_REPLY: "请求应答",
    CN.EXECUTION_RESULT: "执行结果",
    CN.NOTIFICATION_REPLY: "通知应答",
    CN.DATA_REPLY: "数据应答",
    CN.HEARTBEAT: "心跳",
}

# Replies themselves are never answered.
REPLY_CNS = frozenset({CN.REQUEST_REPLY, CN.EXECUTION_RESULT, CN.NOTIFICATION_REPLY, CN.DATA_REPLY})
# Commands only the platform sends: seen by a receiver (its own, echoed or pasted) they get no answer.
PLATFORM_COMMAND_CNS = frozenset(
    {
        CN.SET_TIMEOUT_RETRY,
        CN.SET_MN,
        CN.SET_SYSTEM_TIME,
        CN.SET_RTD_INTERVAL,
        CN.SET_MINUTE_INTERVAL,
        CN.SET_PASSWORD,
        CN.STOP_REALTIME_DATA,
        CN.STOP_RUNNING_STATUS,
        CN.CALIBRATE,
        CN.SAMPLE_NOW,
        CN.CLEAN_BLOWBACK,
        CN.COMPARISON_SAMPLING,
        CN.SET_SAMPLING_PERIOD,
        CN.SET_SITE_PARAMETER,
        CN.SAMPLE_RETENTION_TASK,
        CN.START_STANDARD_CHECK,
    }
)
# Device requests and notifications answered with 9013 rather than 9014 (as caoyiliang/HJ212 expects).
NOTIFICATION_CNS = frozenset({CN.UPLOAD_HARDWARE_ID, CN.TIME_CALIBRATION_REQUEST, CN.NEW_KEY, CN.HEARTBEAT})


def is_encrypted_cn(cn: str) -> bool:
    """2025 devices on public networks encrypt CP for data uploads (2xxx), key requests and site info."""
    if cn in (CN.NEW_KEY, CN.SITE_INFO):
        return True
    return len(cn) == 4 and cn.isascii() and cn.isdigit() and cn.startswith("2")


class ST(StrEnum):
    SURFACE_WATER = "21"
    AIR_QUALITY = "22"
    ACOUSTIC_ENVIRONMENT = "23"
    GROUNDWATER = "24"
    SOIL = "25"
    SEAWATER = "26"
    VOCS = "27"
    AIR_POLLUTION_SOURCE = "31"
    WATER_POLLUTION_SOURCE = "32"
    GROUNDWATER_POLLUTION_SOURCE = "33"
    MARINE_POLLUTION_SOURCE = "34"
    SOIL_POLLUTION_SOURCE = "35"
    NOISE_SOURCE = "36"
    VIBRATION_SOURCE = "37"
    RADIOACTIVE_SOURCE = "38"
    CONSTRUCTION_DUST = "39"
    ELECTROMAGNETIC_SOURCE = "41"
    ELECTRICITY_MONITORING = "44"  # 2025
    KEY_PRODUCTION_CONDITIONS = "45"  # 2025
    FLUE_GAS_PROCESS = "51"
    WASTEWATER_PROCESS = "52"
    SYSTEM = "91"
    VENDOR_DUST = "101"  # not in any standard; sent by some dust monitors


ST_NAMES_ZH: dict[ST, str] = {
    ST.SURFACE_WATER: "地表水质量监测",
    ST.AIR_QUALITY: "空气质量监测",
    ST.ACOUSTIC_ENVIRONMENT: "声环境质量监测",
    ST.GROUNDWATER: "地下水质量监测",
    ST.SOIL: "土壤质量监测",
    ST.SEAWATER: "海水质量监测",
    ST.VOCS: "挥发性有机物监测",
    ST.AIR_POLLUTION_SOURCE: "大气环境污染源",
    ST.WATER_POLLUTION_SOURCE: "地表水体环境污染源",
    ST.GROUNDWATER_POLLUTION_SOURCE: "地下水体环境污染源",
    ST.MARINE_POLLUTION_SOURCE: "海洋环境污染源",
    ST.SOIL_POLLUTION_SOURCE: "土壤环境污染源",
    ST.NOISE_SOURCE: "声环境污染源",
    ST.VIBRATION_SOURCE: "振动环境污染源",
    ST.RADIOACTIVE_SOURCE: "放射性环境污染源",
    ST.CONSTRUCTION_DUST: "工地扬尘污染源",
    ST.ELECTROMAGNETIC_SOURCE: "电磁环境污染源",
    ST.ELECTRICITY_MONITORING: "用电监控",
    ST.KEY_PRODUCTION_CONDITIONS: "关键生产工况",
    ST.FLUE_GAS_PROCESS: "烟气排放过程监控",
    ST.WASTEWATER_PROCESS: "污水排放过程监控",
    ST.SYSTEM: "系统交互",
    ST.VENDOR_DUST: "扬尘监测（非标准）",
}


@dataclass(frozen=True, slots=True)
class Factor:
    code: str
    name: str
    unit: str  # the default; the real unit of a device's values is a per-device setting


_UG = "µg/m³"  # what dust and air monitors send, though the standard writes a34xxx in ng/m³
_MG = "mg/m³"
_DB = "dB"

FACTORS: dict[str, Factor] = {
    factor.code: factor
    for factor in (
        Factor("a34001", "总悬浮颗粒物（TSP）", _UG),
        Factor("a34002", "可吸入颗粒物（PM10）", _UG),
        Factor("a34004", "细颗粒物（PM2.5）", _UG),
        Factor("a34005", "亚微米颗粒物（PM1.0）", _UG),
        Factor("a01001", "温度", "°C"),
        Factor("a01002", "湿度", "%"),
        Factor("a01006", "气压", "kPa"),
        Factor("a01007", "风速", "m/s"),
        Factor("a01008", "风向", "°"),
        Factor("a21004", "二氧化氮（NO2）", _UG),
        Factor("a21026", "二氧化硫（SO2）", _UG),
        Factor("a21005", "一氧化碳（CO）", _MG),
        Factor("a05024", "臭氧（O3）", _UG),
        Factor("a21002", "氮氧化物（NOx）", _UG),
        Factor("a21003", "一氧化氮（NO）", _UG),
        Factor("a21001", "氨（NH3）", _MG),
        Factor("a21028", "硫化氢（H2S）", _MG),
        Factor("a24088", "非甲烷总烃", _MG),
        Factor("a34013", "烟尘", _MG),
        Factor("a00000", "废气", "m³/s"),
        Factor("a19001", "氧气含量", "%"),
        Factor("a01011", "烟气流速", "m/s"),
        Factor("a01012", "烟气温度", "°C"),
        Factor("a01013", "烟气压力", "kPa"),
        Factor("a01014", "烟气湿度", "%"),
        Factor("a01017", "烟气动压", "kPa"),
        Factor("w00000", "污水", "L/s"),
        Factor("w01001", "pH值", ""),
        Factor("w01012", "悬浮物", "mg/L"),
        Factor("w01018", "化学需氧量", "mg/L"),
        Factor("w21001", "总氮", "mg/L"),
        Factor("w21003", "氨氮", "mg/L"),
        Factor("w21011", "总磷", "mg/L"),
        Factor("LA", "A声级", _DB),
        Factor("Leq", "等效连续A声级", _DB),
        Factor("L5", "累积百分声级L5", _DB),
        Factor("L10", "累积百分声级L10", _DB),
        Factor("L50", "累积百分声级L50", _DB),
        Factor("L90", "累积百分声级L90", _DB),
        Factor("L95", "累积百分声级L95", _DB),
        Factor("Ldn", "昼夜等效声级", _DB),
        Factor("Ld", "昼间等效声级", _DB),
        Factor("Ln", "夜间等效声级", _DB),
        Factor("LMx", "最大声级", _DB),
        Factor("LMn", "最小声级", _DB),
    )
}

# HJ/T 212-2005 codes and vendor names onto HJ 212-2017 codes, keyed in upper case.
LEGACY_CODES: dict[str, str] = {
    # 2005 air pollution source
    "01": "a34013",
    "02": "a21026",
    "03": "a21002",
    "04": "a21005",
    "B02": "a00000",
    "S01": "a19001",
    "S02": "a01011",
    "S03": "a01012",
    "S04": "a01017",
    "S05": "a01014",
    "S08": "a01013",
    # 2005 water pollution source
    "B01": "w00000",
    "001": "w01001",
    "003": "w01012",
    "011": "w01018",
    "060": "w21003",
    "065": "w21001",
    "101": "w21011",
    # 2005 noise
    "B03": "LA",
    # vendor names seen on dust monitors
    "TSP": "a34001",
    "PM10": "a34002",
    "PM25": "a34004",
    "PM2.5": "a34004",
    "PM2_5": "a34004",
    "PM1": "a34005",
    "PM1.0": "a34005",
    "TEM": "a01001",
    "TEMP": "a01001",
    "RH": "a01002",
    "HUM": "a01002",
    "PA": "a01006",
    "WS": "a01007",
    "WD": "a01008",
    "NOIS": "LA",
    "NOISE": "LA",
    "SO2": "a21026",
    "NO2": "a21004",
    "CO": "a21005",
    "O3": "a05024",
}

_NOISE_CODES = {
    code.upper(): code
    for code in ("LA", "Leq", "L5", "L10", "L50", "L90", "L95", "Ldn", "Ld", "Ln", "LMx", "LMn")
}
_CODE_2017 = re.compile(r"[A-Za-z][0-9]{5}")


@functools.lru_cache(maxsize=4096)  # a few dozen codes in practice; bounded, since devices write them
def normalise_code(code: str) -> str:
    """The 2017 code for a factor as devices write it: 2005 codes, vendor names, upper-case letters."""
    upper = code.upper()
    if upper in LEGACY_CODES:
        return LEGACY_CODES[upper]
    if upper in _NOISE_CODES:
        return _NOISE_CODES[upper]
    if _CODE_2017.fullmatch(code):
        return code.lower()
    return code


class Suffix(StrEnum):
    RTD = "Rtd"
    MIN = "Min"
    AVG = "Avg"
    MAX = "Max"
    COU = "Cou"
    ZS_RTD = "ZsRtd"
    ZS_MIN = "ZsMin"
    ZS_AVG = "ZsAvg"
    ZS_MAX = "ZsMax"
    FLAG = "Flag"
    EFLAG = "EFlag"
    SAMPLE_TIME = "SampleTime"
    DATA = "Data"
    DAY_DATA = "DayData"
    NIGHT_DATA = "NightData"
    INFO = "Info"


SUFFIX_NAMES_ZH: dict[Suffix, str] = {
    Suffix.RTD: "实时值",
    Suffix.MIN: "最小值",
    Suffix.AVG: "平均值",
    Suffix.MAX: "最大值",
    Suffix.COU: "累计值",
    Suffix.ZS_RTD: "折算实时值",
    Suffix.ZS_MIN: "折算最小值",
    Suffix.ZS_AVG: "折算平均值",
    Suffix.ZS_MAX: "折算最大值",
    Suffix.FLAG: "数据标记",
    Suffix.EFLAG: "设备标记",
    Suffix.SAMPLE_TIME: "采样时间",
    Suffix.DATA: "噪声数据",
    Suffix.DAY_DATA: "昼间数据",
    Suffix.NIGHT_DATA: "夜间数据",
    Suffix.INFO: "现场端信息",
}

# Suffixes whose values are measurements; anything else is kept as text.
NUMERIC_SUFFIXES = frozenset(
    {
        Suffix.RTD,
        Suffix.MIN,
        Suffix.AVG,
        Suffix.MAX,
        Suffix.COU,
        Suffix.ZS_RTD,
        Suffix.ZS_MIN,
        Suffix.ZS_AVG,
        Suffix.ZS_MAX,
        Suffix.DATA,
        Suffix.DAY_DATA,
        Suffix.NIGHT_DATA,
    }
)


class DataFlag(StrEnum):
    NORMAL = "N"
    STOPPED = "F"
    MAINTENANCE = "M"
    MANUAL = "S"
    FAULT = "D"
    CALIBRATING = "C"
    OVER_RANGE = "T"
    COMMUNICATION_FAULT = "B"


DATA_FLAG_NAMES_ZH: dict[DataFlag, str] = {
    DataFlag.NORMAL: "在线监控（监测）仪器仪表工作正常",
    DataFlag.STOPPED: "在线监控（监测）仪器仪表停运",
    DataFlag.MAINTENANCE: "在线监控（监测）仪器仪表处于维护期间产生的数据",
    DataFlag.MANUAL: "手工输入的设定值",
    DataFlag.FAULT: "在线监控（监测）仪器仪表故障",
    DataFlag.CALIBRATING: "在线监控（监测）仪器仪表处于校准状态",
    DataFlag.OVER_RANGE: "在线监控（监测）仪器仪表采样数值超过测量上限",
    DataFlag.COMMUNICATION_FAULT: "在线监控（监测）仪器仪表与数采仪通讯异常",
}


class QnRtn(IntEnum):
    READY = 1
    REJECTED = 2
    BAD_PW = 3
    BAD_MN = 4
    BAD_ST = 5
    BAD_FLAG = 6
    BAD_QN = 7
    BAD_CN = 8
    BAD_CRC = 9
    UNKNOWN = 100


QN_RTN_NAMES_ZH: dict[QnRtn, str] = {
    QnRtn.READY: "准备执行请求",
    QnRtn.REJECTED: "请求被拒绝",
    QnRtn.BAD_PW: "PW错误",
    QnRtn.BAD_MN: "MN错误",
    QnRtn.BAD_ST: "ST错误",
    QnRtn.BAD_FLAG: "Flag错误",
    QnRtn.BAD_QN: "QN错误",
    QnRtn.BAD_CN: "CN错误",
    QnRtn.BAD_CRC: "CRC校验错误",
    QnRtn.UNKNOWN: "未知错误",
}


class ExeRtn(IntEnum):
    SUCCESS = 1
    FAILED = 2
    BAD_CONDITION = 3
    TIMEOUT = 4
    BUSY = 5
    SYSTEM_FAULT = 6
    NO_DATA = 100


EXE_RTN_NAMES_ZH: dict[ExeRtn, str] = {
    ExeRtn.SUCCESS: "执行成功",
    ExeRtn.FAILED: "执行失败，但不知道原因",
    ExeRtn.BAD_CONDITION: "命令请求条件错误",
    ExeRtn.TIMEOUT: "通讯超时",
    ExeRtn.BUSY: "系统繁忙不能执行",
    ExeRtn.SYSTEM_FAULT: "系统故障",
    ExeRtn.NO_DATA: "没有数据",
}

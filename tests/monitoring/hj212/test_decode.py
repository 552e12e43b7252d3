from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heluo.monitoring.hj212 import CrcForm, build_frame, crc_text, decode_line, decode_lines

from .examples import EXAMPLE_FRAMES, FUZZ, REPLY_TO_FIFTH

NOW = datetime(2025, 6, 6, 8, 30, 15, 123000)


@pytest.mark.parametrize("ending", ["", "\r\n", "\n", "  \r\n"])
def test_a_line_decodes_with_or_without_its_line_end(ending: str) -> None:
    result = decode_line(EXAMPLE_FRAMES[3] + ending)
    assert result["ok"] is True
    assert (result["cn"], result["mn"], result["qn"]) == ("2051", "JLYP01_AIR01_0001", "20220513162608370")
    assert result["data_time"] == "20220513162600"


def test_decoded_values_carry_names_units_and_flags() -> None:
    result = decode_line(EXAMPLE_FRAMES[3])
    values = result["values"]
    assert isinstance(values, list)
    assert values[4] == {
        "code": "a34004",
        "code_2017": "a34004",
        "name": "细颗粒物（PM2.5）",
        "unit": "µg/m³",
        "suffix": "Avg",
        "value": "14",
        "flag": "N",
    }


def test_2005_line_reports_its_version_and_normalised_codes() -> None:
    result = decode_line(EXAMPLE_FRAMES[1])
    assert result["version"] == "HJT212_2005"
    assert result["data_time"] == "20160824003817000"
    values = result["values"]
    assert isinstance(values, list)
    assert [value["code_2017"] for value in values] == ["w00000", "w01018", "w21003"]


def test_password_is_not_echoed() -> None:
    assert "pw" not in decode_line(EXAMPLE_FRAMES[2])


def test_hex_input_with_spaces_decodes() -> None:
    line = " ".join(f"{byte:02X}" for byte in (EXAMPLE_FRAMES[0] + "\r\n").encode())
    result = decode_line(line, hex_input=True)
    assert result["ok"] is True and result["cn"] == "1062"
    assert decode_line(line.encode(), hex_input=True) == result


def test_bad_hex_is_an_ok_false_object() -> None:
    result = decode_line("23 23 3G", hex_input=True)
    assert result["ok"] is False
    assert result["reason"] == {
        "code": "bad_hex",
        "message": "the line is not hex bytes",
        "label_zh": "十六进制输入错误",
    }


def test_refused_line_is_an_ok_false_object_with_reason() -> None:
    result = decode_line(EXAMPLE_FRAMES[0][:-4] + "0000")
    assert result["ok"] is False
    reason = result["reason"]
    assert isinstance(reason, dict)
    assert reason["code"] == "bad_crc"
    assert reason["label_zh"] == "CRC校验错误"


def test_reply_for_a_data_upload_is_the_9014_text() -> None:
    assert decode_line(EXAMPLE_FRAMES[4], reply=True)["replies"] == [REPLY_TO_FIFTH]


def test_reply_for_an_upload_without_reply_flag_is_empty() -> None:
    assert decode_line(EXAMPLE_FRAMES[3], reply=True)["replies"] == []


def test_reply_for_a_time_calibration_request_is_9013_then_1012() -> None:
    line = build_frame(
        qn="20250606083000000", st="22", cn="1013", pw="1", mn="M1", flag=9, cp=[[("PolId", "a34002")]]
    )
    replies = decode_line(line, reply=True, now=NOW)["replies"]
    assert isinstance(replies, list)
    assert [decode_line(text)["cn"] for text in replies] == ["9013", "1012"]
    assert "SystemTime=20250606083015" in replies[1]


def test_crc_variants_are_accepted_only_when_allowed() -> None:
    segment = EXAMPLE_FRAMES[0][6:-4]
    line = EXAMPLE_FRAMES[0][:6] + segment + crc_text(segment.encode(), CrcForm.SWAPPED)
    assert decode_line(line)["ok"] is False
    assert decode_line(line, allow_crc_variants={CrcForm.SWAPPED})["crc_form"] == "swapped"


def test_every_result_is_json_serialisable() -> None:
    for frame in EXAMPLE_FRAMES:
        json.dumps(decode_line(frame, reply=True, now=NOW), ensure_ascii=False)
    json.dumps(decode_line("nonsense"))


def test_decode_lines_skips_blank_lines_and_keeps_order() -> None:
    lines = [EXAMPLE_FRAMES[0], "", "   \n", "garbage", EXAMPLE_FRAMES[1]]
    assert [result["ok"] for result in decode_lines(lines)] == [True, False, True]


@FUZZ
@given(st.text(max_size=200) | st.binary(max_size=200), st.booleans())
def test_any_line_gives_a_result_never_an_exception(line: str | bytes, hex_input: bool) -> None:
    result = decode_line(line, hex_input=hex_input, reply=True, now=NOW)
    assert result["ok"] in (True, False)
    json.dumps(result)


def test_the_package_imports_without_django() -> None:
    code = (
        "import sys, heluo.monitoring.hj212; "
        "sys.exit(any(name.split('.')[0] == 'django' for name in sys.modules))"
    )
    src = Path(__file__).resolve().parents[3] / "src"
    assert (
        subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(src)}, check=False).returncode
        == 0
    )

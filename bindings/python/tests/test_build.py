"""Building a linter: dictionaries, sanshen.toml, errors with the file and line, describe()."""

import pathlib
import re

import pytest

import sanshen

ROOT = pathlib.Path(__file__).resolve().parents[3]


def write(tmp_path, name, text):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_dictionary_adds_entries(tmp_path):
    county = write(tmp_path, "county.tsv", "!family typo\n青神县政付\t青神县政府\n")
    text = "青神县政付要求认真布署。"
    assert [f["text"] for f in sanshen.Linter().check(text)] == ["布署"]
    linter = sanshen.Linter(dictionaries=[county])
    assert [f["text"] for f in linter.check(text)] == ["青神县政付", "布署"]
    assert linter.fix(text)["text"] == "青神县政府要求认真部署。"


def test_a_malformed_dictionary_names_its_file_and_line(tmp_path):
    bad = write(tmp_path, "bad.tsv", "!family typo\n布署\t部署\n!family nonsense\n")
    with pytest.raises(sanshen.DictionaryError) as caught:
        sanshen.Linter(dictionaries=[str(bad)])
    assert (caught.value.path, caught.value.line) == (str(bad), 3)
    assert str(caught.value).startswith(f"{bad}:3: ")
    assert isinstance(caught.value, ValueError)


def test_a_missing_dictionary_is_a_dictionary_error(tmp_path):
    missing = tmp_path / "missing.tsv"
    with pytest.raises(sanshen.DictionaryError) as caught:
        sanshen.Linter(dictionaries=[missing])
    assert (caught.value.path, caught.value.line) == (str(missing), None)


def test_config_turns_families_off_and_loads_its_dictionaries(tmp_path):
    write(tmp_path, "dicts/county.tsv", "!family typo\n青神县政付\t青神县政府\n")
    config = write(
        tmp_path,
        "sanshen.toml",
        'dictionaries = ["dicts/county.tsv"]\nallow = ["认真布署"]\n'
        "[families]\nformat = false\n[severity]\ntypo = \"info\"\n",
    )
    text = "青神县政付要求认真布署“。"
    assert {f["family"] for f in sanshen.Linter().check(text)} == {"typo", "format"}
    found = sanshen.Linter(config=config).check(text)
    assert [(f["text"], f["severity"]) for f in found] == [("青神县政付", "info")]


def test_a_bad_config_names_its_file_and_line(tmp_path):
    config = write(tmp_path, "sanshen.toml", "[families]\ntypo = true\ncolour = true\n")
    with pytest.raises(sanshen.ConfigError) as caught:
        sanshen.Linter(config=str(config))
    assert (caught.value.path, caught.value.line) == (str(config), 3)
    assert "colour" in str(caught.value)


def test_a_missing_config_is_a_config_error(tmp_path):
    with pytest.raises(sanshen.ConfigError) as caught:
        sanshen.Linter(config=tmp_path / "sanshen.toml")
    assert caught.value.line is None


def test_without_the_shipped_dictionaries_nothing_is_a_typo():
    assert sanshen.Linter(builtin=False).check("认真布署") == []


def test_fix_applies_only_unambiguous_fixes():
    text = "国务院总理李克强要求再接再励，认真布署。"
    fixed = sanshen.Linter(as_of="2026-12-01").fix(text)
    assert fixed["text"] == "国务院总理李克强要求再接再厉，认真部署。"
    assert [f["text"] for f in fixed["applied"]] == ["再接再励", "布署"]
    assert [f["rule"] for f in fixed["remaining"]] == ["leader/outdated"]
    assert fixed["remaining"][0]["suggestions"] == []


def test_describe_records_version_dates_and_settings(tmp_path):
    config = write(tmp_path, "sanshen.toml", '[rules]\n"typo/protected" = false\n')
    about = sanshen.Linter(as_of="2026-12-01", config=config).describe()
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', cargo, re.M).group(1)
    assert about["sanshen_version"] == sanshen.__version__ == version
    assert about["as_of"] == "2026-12-01"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", about["roster_as_of"])
    assert about["settings"]["rules"] == {"typo/protected": False}
    assert about["config"] == str(config) and about["entries"] > 1000


def test_the_model_runs_by_default_and_model_false_turns_it_off(tmp_path):
    text = "持续优化营商环竟，激发市场主体活力。"

    def by_model(linter):
        return [f["suggestions"] for f in linter.check(text) if f["rule"] == "typo/model"]

    assert by_model(sanshen.Linter()) == [["境"]]
    assert sanshen.Linter().describe()["model"] is True
    off = sanshen.Linter(model=False)
    assert by_model(off) == [] and off.describe()["model"] is False
    config = write(tmp_path, "sanshen.toml", "model = false\n")
    assert by_model(sanshen.Linter(config=config)) == []
    # The argument overrides the configuration; the rule's selector turns it off too.
    assert by_model(sanshen.Linter(config=config, model=True)) == [["境"]]
    rules = write(tmp_path, "rules.toml", '[rules]\n"typo/model" = false\n')
    assert by_model(sanshen.Linter(config=rules)) == []


def test_the_module_is_built_for_the_stable_abi():
    # One wheel for CPython 3.9 and later: the module is `_sanshen.abi3.so` (`.pyd` on Windows).
    module = pathlib.Path(sanshen._sanshen.__file__).name
    assert module.startswith("_sanshen.") and ".abi3." in module or module.endswith(".pyd"), module


def test_the_package_is_typed():
    package = pathlib.Path(sanshen.__file__).parent
    assert (package / "py.typed").is_file()
    assert "def check_many" in (package / "__init__.pyi").read_text(encoding="utf-8")

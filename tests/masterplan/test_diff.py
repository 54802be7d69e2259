"""The difference between two snapshots, as a mentor reads it before reviewing again (pure)."""

import copy

from masterplan.snapshot import diff


def programme(pid, name, **kw):
    values = {
        "id": pid,
        "name": name,
        "description": "",
        "dimension": "governance",
        "dimension_name": "Smart Governance",
        "element": "services",
        "start_year": 2019,
        "end_year": 2020,
        "funding_source": "apbd",
        "agency": "Diskominfo",
        "kpi": "Layanan daring",
        "kpi_unit": "layanan",
        "kpi_baseline": "2",
        "kpi_target": "20",
        "is_quick_win": False,
        "quick_win_months": None,
        "quick_win_start": None,
        "quick_win_impact": "",
        "quick_win_service": "",
        "budgets": {"2019": 100, "2020": 100},
    }
    values.update(kw)
    return values


def snapshot(**kw):
    data = {
        "schema": 1,
        "region": {"code": "33.11", "name": "Kabupaten Sukoharjo"},
        "cohort": 2018,
        "title": "Masterplan",
        "start_year": 2019,
        "horizon_years": 5,
        "sections": {"vision": "Sukoharjo cerdas.", "mission": "Melayani."},
        "dimensions": [{"code": "governance", "name": "Smart Governance"}],
        "strategies": {"governance": "Layanan terpadu."},
        "programmes": [programme(1, "Mal pelayanan"), programme(2, "Satu data")],
        "governance": [],
    }
    data.update(kw)
    return data


def test_identical_snapshots_give_an_empty_diff():
    result = diff(snapshot(), copy.deepcopy(snapshot()))
    assert result.is_empty
    assert (result.sections, result.added, result.removed, result.changed) == ([], [], [], [])


def test_a_changed_section_shows_old_and_new_text():
    new = snapshot(sections={"vision": "Sukoharjo cerdas dan hijau.", "mission": "Melayani."})
    result = diff(snapshot(), new)
    assert [(c.field, c.old, c.new) for c in result.sections] == [
        ("vision", "Sukoharjo cerdas.", "Sukoharjo cerdas dan hijau.")
    ]
    assert not (result.added or result.removed or result.changed)


def test_a_changed_horizon_and_strategy_are_reported():
    new = snapshot(horizon_years=7, strategies={"governance": "Layanan digital."})
    result = diff(snapshot(), new)
    assert [(c.field, c.old, c.new) for c in result.sections] == [("horizon_years", 5, 7)]
    assert [(c.label, c.new) for c in result.strategies] == [
        ("Smart Governance", "Layanan digital.")
    ]


def test_added_and_removed_programmes_are_matched_by_id():
    new = snapshot(programmes=[programme(2, "Satu data"), programme(3, "Smart parking")])
    result = diff(snapshot(), new)
    assert [p["name"] for p in result.added] == ["Smart parking"]
    assert [p["name"] for p in result.removed] == ["Mal pelayanan"]
    assert result.changed == []


def test_a_renamed_programme_is_a_change_not_a_removal():
    new = snapshot(programmes=[programme(1, "Mal pelayanan publik"), programme(2, "Satu data")])
    result = diff(snapshot(), new)
    assert not (result.added or result.removed)
    assert [(c.id, [f.field for f in c.changes]) for c in result.changed] == [(1, ["name"])]


def test_a_changed_programme_lists_each_field_with_old_and_new_value():
    changed = programme(
        2, "Satu data", kpi_target="30", budgets={"2019": 100, "2020": 250}, is_quick_win=True
    )
    result = diff(snapshot(), snapshot(programmes=[programme(1, "Mal pelayanan"), changed]))
    [change] = result.changed
    assert change.name == "Satu data"
    assert [(f.field, f.old, f.new) for f in change.changes] == [
        ("kpi_target", "20", "30"),
        ("is_quick_win", False, True),
        ("budgets", {"2019": 100, "2020": 100}, {"2019": 100, "2020": 250}),
    ]

"""helpers.synth.registration: the realistic extract's harder errors and its look-alike people (#15).

Every record is synthetic (made by helpers.synth.make_records); no row describes a real person.
"""
import numpy as np
import pandas as pd
import pytest

from helpers import mpi
from helpers.synth import make_records
from helpers.synth.registration import ERROR_TYPES, LOOKALIKE_KINDS, RATES, UNLISTED_NICKNAMES


@pytest.fixture(scope="module")
def extract():
    return make_records(6000, seed=11)


def test_every_new_error_type_is_planted_and_labeled(extract):
    labels = set(extract.duplicates["error_types"].str.split(";").explode())
    assert labels <= set(ERROR_TYPES)
    assert labels == set(ERROR_TYPES)  # 480 duplicates are enough to see every kind


def test_rates_are_shares_that_add_up():
    for group, rate in RATES.items():
        assert 0 < rate["share"] < 1, group
        assert sum(rate["kinds"].values()) == pytest.approx(1), group
    assert sum(LOOKALIKE_KINDS.values()) == pytest.approx(1)


def test_lookalikes_are_different_people_who_share_what_their_kind_says(extract):
    p = extract.patients.set_index("patient_id")
    alike = extract.lookalikes
    assert list(alike.columns) == ["id_a", "id_b", "kind"]
    assert (alike["id_a"] < alike["id_b"]).all() and not alike.duplicated(["id_a", "id_b"]).any()
    assert set(alike["kind"]) == set(LOOKALIKE_KINDS)
    assert 0.015 * 6000 < len(alike) < 0.04 * 6000
    truth = set(zip(extract.duplicates["id_a"], extract.duplicates["id_b"]))
    assert not truth & set(zip(alike["id_a"], alike["id_b"]))  # never both a duplicate and a look-alike
    # a duplicate of the anchor carries its own registration errors, so the rules hold for most pairs, not all
    x, y = p.loc[alike["id_a"]].reset_index(), p.loc[alike["id_b"]].reset_index()
    same = {c: (x[c] == y[c]).to_numpy() for c in ("first_name", "last_name", "birth_date", "address")}
    years = (x["birth_date"] - y["birth_date"]).dt.days.abs().to_numpy() / 365.25
    kind = alike["kind"].to_numpy()
    assert (x["mrn"] != y["mrn"]).all()
    twin, family, common = kind == "twin", kind == "parent_child", kind == "same_name_and_birth_date"
    assert (same["birth_date"] & same["last_name"] & ~same["first_name"])[twin].mean() > 0.7
    assert not (same["first_name"] & twin).any()  # twins never share a first name
    assert (same["first_name"] & same["last_name"] & (years > 17.9))[family].mean() > 0.7
    assert (same["first_name"] & same["last_name"] & same["birth_date"])[common].mean() > 0.7


def test_twins_and_parents_share_a_home_and_the_same_name_pairs_do_not(extract):
    p = extract.patients.set_index("patient_id")
    first = extract.lookalikes.drop_duplicates("kind")  # one pair of each kind, its anchor's own record
    alike = extract.lookalikes
    pairs = alike.assign(same_address=[p.loc[a, "address"] == p.loc[b, "address"] for a, b in zip(alike.id_a, alike.id_b)])
    share = pairs.groupby("kind")["same_address"].mean()
    assert share["twin"] > 0.7 and share["parent_child"] > 0.7 and share["same_name_and_birth_date"] < 0.2
    assert len(first) == 3


def test_basic_errors_and_no_lookalikes_give_the_old_extract():
    basic = make_records(500, seed=3, errors="basic", lookalike_rate=0)
    assert basic.lookalikes.empty
    labels = set(basic.duplicates["error_types"].str.split(";").explode())
    assert labels <= set(ERROR_TYPES[:7])
    realistic = make_records(500, seed=3)
    # the realistic layer draws from its own generator: visits and codes are the same
    pd.testing.assert_frame_equal(basic.encounters, realistic.encounters)
    pd.testing.assert_frame_equal(basic.diagnoses, realistic.diagnoses)
    assert not basic.patients.equals(realistic.patients)


def test_bad_options_are_refused():
    with pytest.raises(ValueError, match="errors must be one of 'realistic', 'basic'; got 'messy'"):
        make_records(100, errors="messy")
    with pytest.raises(ValueError, match="lookalike_rate"):
        make_records(100, lookalike_rate=1.5)


def test_unlisted_nicknames_really_are_unlisted():
    """The planted 'unlisted' nicknames must be ones the matcher's table does not know (else they test nothing)."""
    known = {formal: nick for formal, nick in UNLISTED_NICKNAMES.items()
             if formal.upper() in mpi.nickname_roots(nick)}
    assert known == {}
    assert "WILLIAM" in mpi.nickname_roots("Bill")  # and the check could fail


def test_same_seed_same_lookalikes():
    a, b = make_records(800, seed=5), make_records(800, seed=5)
    pd.testing.assert_frame_equal(a.lookalikes, b.lookalikes)
    assert not a.lookalikes.equals(make_records(800, seed=6).lookalikes)
    assert np.isin(a.lookalikes["id_a"], a.patients["patient_id"]).all()

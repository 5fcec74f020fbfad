"""Tests for newsgraph.ontology: the PLOVER 2.0 tables as data."""

from __future__ import annotations

import pytest

from newsgraph import ontology


def test_ontology_has_the_16_types_with_their_modes() -> None:
    onto = ontology.load()
    assert set(onto.types) == set(ontology.TYPES)
    assert onto.modes("CONSULT") == ("visit", "third-party", "multilateral", "phone")
    assert "drone" in onto.modes("ASSAULT")
    assert onto.modes("AGREE") == ()


@pytest.mark.parametrize(
    ("etype", "mode", "score"),
    [
        ("AGREE", None, 2.5),
        ("ASSAULT", "unconventional", -10.0),
        ("ASSAULT", None, -9.0),
        ("RETREAT", "disarm", 10.0),
        ("CONSULT", "phone", 1.5),
        ("PROTEST", "vandalize", -5.0),  # no score in the manual: falls back to the PROTEST score
        ("ASSAULT", "not-a-mode", -9.0),
    ],
)
def test_ontology_intensity_uses_mode_score_else_type(etype: str, mode: str | None, score: float) -> None:
    assert ontology.intensity(etype, mode) == score


def test_ontology_accuse_base_score_is_negative() -> None:
    # the manual prints +3 although every ACCUSE mode is negative; the build takes their mean
    assert ontology.intensity("ACCUSE") < 0


@pytest.mark.parametrize(
    ("etype", "quad"),
    [("AGREE", 1), ("CONSULT", 1), ("AID", 2), ("RETREAT", 2), ("REQUEST", 3), ("THREATEN", 3),
     ("SANCTION", 4), ("PROTEST", 4), ("ASSAULT", 4)],
)
def test_ontology_quad_class(etype: str, quad: int) -> None:
    assert ontology.quad_class(etype) == quad


@pytest.mark.parametrize(
    ("etype", "mode", "root"),
    [("AGREE", None, "03"), ("ACCUSE", "investigate", "09"), ("ACCUSE", "allege", "11"),
     ("REQUEST", None, "10"), ("ASSAULT", "firearms", "19"), ("COERCE", "arrest", "17")],
)
def test_ontology_cameo_root(etype: str, mode: str | None, root: str) -> None:
    assert ontology.cameo_root(etype, mode) == root


def test_ontology_rejects_unknown_type() -> None:
    with pytest.raises(ValueError):
        ontology.intensity("HUG")

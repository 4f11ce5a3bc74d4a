import socket

import pytest

from reporter.signals.readability import grade_reading, measure


def test_grade_reading_bands():
    assert grade_reading(14.2) == "grade 14: university level"
    assert grade_reading(4) == "grade 4: elementary school"
    assert grade_reading(-3).startswith("grade 0")


def test_measure_works_offline(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("readability tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    text = ("The committee approved the budget after a long debate. "
            "Members argued about the cost of the new bridge across the river. "
            "The vote was close, and the chairman thanked everyone.")
    r = measure(text)
    assert r["words"] == 30
    assert r["sentences"] == 3
    assert 0 < r["flesch_kincaid_grade"] < 14


def test_harder_text_reads_at_a_higher_grade():
    easy = measure("The cat sat on the mat. The dog ran to the park. We had fun.")
    hard = measure("Notwithstanding considerable institutional resistance, the administration's "
                   "comprehensive infrastructural modernisation programme necessitated unprecedented "
                   "intergovernmental coordination.")
    assert hard["flesch_kincaid_grade"] > easy["flesch_kincaid_grade"] + 5


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_empty_text(text):
    assert measure(text)["words"] == 0

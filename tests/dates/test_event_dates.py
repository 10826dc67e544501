"""Which time expression dates an event, on parsed sentences."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.dates import DateResolution, resolve_event_date

pytestmark = pytest.mark.slow


def _resolve(nlp: Any, text: str, trigger: str, doc_date: str | None, **kw: Any) -> DateResolution:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return resolve_event_date(tok.sent, tok, doc_date, **kw)


def test_seed_meeting_on_saturday_night(nlp: Any) -> None:
    res = _resolve(nlp, "Iranian Foreign Minister Hossein Amirabdollahian met Hamas leader "
                   "Ismail Haniyeh on Saturday night in Qatar.", "met", "2023-10-15")
    assert (res.date, res.precision, res.text) == ("2023-10-14", "day", "Saturday night")


def test_seed_accusation_on_thursday(nlp: Any) -> None:
    res = _resolve(nlp, "Israeli Ambassador to India, Naor Gilon said on Thursday that Iran was "
                   "involved in the barbaric attack.", "said", "2023-10-15")
    assert res.date == "2023-10-12"


def test_seed_attack_on_october_7(nlp: Any) -> None:
    res = _resolve(nlp, 'In a major escalation on October 7, Hamas launched a "surprise attack" on '
                   "Israel.", "launched", "2023-10-15")
    assert (res.date, res.precision) == ("2023-10-07", "day")


def test_own_weekday_is_the_same_day(nlp: Any) -> None:
    res = _resolve(nlp, "Protesters marched in the capital on Sunday.", "marched", "2023-10-15")
    assert res.date == "2023-10-15"


def test_future_tense_looks_forward(nlp: Any) -> None:
    res = _resolve(nlp, "The two ministers will meet in Geneva on Friday.", "meet", "2023-10-15")
    assert res.date == "2023-10-20"
    res = _resolve(nlp, "The ministers met in Geneva on Friday.", "met", "2023-10-15")
    assert res.date == "2023-10-13"


def test_future_flag_from_the_coder(nlp: Any) -> None:
    res = _resolve(nlp, "Talks in Geneva on Friday.", "Talks", "2023-10-15", future=True)
    assert res.date == "2023-10-20"


def test_year_rolls_over_in_past_reports(nlp: Any) -> None:
    res = _resolve(nlp, "Police detained dozens of activists on December 28.", "detained", "2024-01-05")
    assert res.date == "2023-12-28"


def test_absolute_date_wins(nlp: Any) -> None:
    res = _resolve(nlp, "On 23 February 2022, troops massed at the border, officials said on Monday.",
                   "massed", "2023-10-15")
    assert (res.date, res.text) == ("2022-02-23", "23 February 2022")


def test_last_week_and_earlier_this_month(nlp: Any) -> None:
    res = _resolve(nlp, "Rebels attacked the town last week.", "attacked", "2023-10-15")
    assert (res.date, res.precision) == ("2023-10-02", "week")
    res = _resolve(nlp, "Students protested outside parliament earlier this month.", "protested",
                   "2023-10-15")
    assert (res.date, res.precision) == ("2023-10-01", "month")


def test_no_expression_gives_publication_week(nlp: Any) -> None:
    res = _resolve(nlp, "Israel has continuously alleged that Iran was involved.", "alleged", "2023-10-15")
    assert (res.date, res.precision, res.text) == ("2023-10-15", "week", None)


def test_no_publication_date_only_absolute_dates(nlp: Any) -> None:
    res = _resolve(nlp, "Gunmen killed five people on Saturday.", "killed", None)
    assert (res.date, res.precision, res.text) == (None, "unknown", "Saturday")
    res = _resolve(nlp, "Gunmen killed five people on 4 March 2023.", "killed", None)
    assert (res.date, res.precision) == ("2023-03-04", "day")
    res = _resolve(nlp, "Gunmen killed five people.", "killed", None)
    assert (res.date, res.precision, res.text) == (None, "unknown", None)


def test_raw_words_are_not_dates(nlp: Any) -> None:
    # "We" is no Wednesday and "1300" no year: only date entities and date words are read
    res = _resolve(nlp, "We are sure that at least 1300 people have lost their lives.", "lost",
                   "2023-10-15")
    assert res.text is None


def test_undated_sentence_borrows_the_paragraph_date(nlp: Any) -> None:
    doc = nlp("Gunmen stormed a village in Zamfara state on Tuesday. They abducted 20 women.")
    tok = next(t for t in doc if t.text == "abducted")
    res = resolve_event_date(tok.sent, tok, "2023-10-15")
    assert (res.date, res.text, res.borrowed) == ("2023-10-10", "Tuesday", True)


def _resolve_in(nlp: Any, text: str, trigger: str, doc_date: str | None) -> DateResolution:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return resolve_event_date(tok.sent, tok, doc_date)


def test_chained_days_later_count_from_the_story_not_the_publication(nlp: Any) -> None:
    text = ("Gunmen attacked a police post near the border on Monday. Two days later, soldiers "
            "raided a nearby village.")
    res = _resolve_in(nlp, text, "raided", "2024-05-10")
    assert (res.date, res.precision, res.text) == ("2024-05-08", "day", "Two days later")
    assert _resolve_in(nlp, text, "attacked", "2024-05-10").date == "2024-05-06"


def test_chained_next_morning_after_an_absolute_date(nlp: Any) -> None:
    text = "Rebels shelled the town on March 3. The next morning, the army launched a counter-offensive."
    assert _resolve_in(nlp, text, "launched", "2024-05-10").date == "2024-03-04"


def test_chained_earlier_and_same_sentence_reference(nlp: Any) -> None:
    text = "A bomb exploded at a market on Tuesday. Three days earlier, militants had threatened traders."
    assert _resolve_in(nlp, text, "threatened", "2024-05-10").date == "2024-05-04"
    res = _resolve_in(nlp, "The mayor was shot on Sunday and died three days later in hospital.",
                      "died", "2024-05-10")
    assert res.date == "2024-05-08"


def test_chain_of_chains(nlp: Any) -> None:
    text = ("Fighting broke out in the capital on 2 June 2023. The next day, rebels seized the "
            "airport. Two days later, the government declared a curfew.")
    assert _resolve_in(nlp, text, "seized", None).date == "2023-06-03"
    assert _resolve_in(nlp, text, "declared", None).date == "2023-06-05"


def test_chained_without_a_reference_dates_nothing_of_its_own(nlp: Any) -> None:
    res = _resolve_in(nlp, "Police arrested five men the following day.", "arrested", "2024-05-10")
    assert (res.date, res.precision) == ("2024-05-10", "week")  # the publication default, not May 11


def test_the_time_of_the_report_is_not_the_time_of_the_event(nlp: Any) -> None:
    text = ("Riot police used water cannon to break up a rally outside parliament on Tuesday night and "
            "detained 48 people, the interior ministry said on Wednesday.")
    assert _resolve_in(nlp, text, "detained", "2025-03-14").date == "2025-03-11"
    # the saying itself is dated by its own words
    assert _resolve_in(nlp, text, "said", "2025-03-14").date == "2025-03-12"


def test_a_material_event_takes_a_date_from_a_clause_under_it(nlp: Any) -> None:
    text = "Police fired tear gas to disperse hundreds of people protesting in the town on Tuesday."
    assert _resolve_in(nlp, text, "fired", "2025-03-14").date == "2025-03-11"


def test_the_lead_date_carries_into_the_next_paragraphs(nlp: Any) -> None:
    text = ("Gunmen stormed a village in the hills on Tuesday, police said.\n\n"
            "They abducted 20 women and burned several houses.")
    res = _resolve_in(nlp, text, "abducted", "2025-03-14")
    assert (res.date, res.borrowed) == ("2025-03-11", True)


def test_a_toll_update_is_not_the_story_time(nlp: Any) -> None:
    text = ("Insurgents killed nine farmers near the village on Wednesday.\n\n"
            "By Thursday evening the death toll had risen to 14.\n\n"
            "Troops clashed with the insurgents the next morning.")
    assert _resolve_in(nlp, text, "clashed", "2025-03-14").date == "2025-03-13"


def test_days_after_count_back_to_the_event_they_introduce(nlp: Any) -> None:
    text = ("On Tuesday, fighters ambushed a military convoy on the highway.\n\n"
            "The ambush came three days after the same group seized a police station.")
    assert _resolve_in(nlp, text, "seized", "2025-03-14").date == "2025-03-08"


def test_a_day_before_an_earlier_event(nlp: Any) -> None:
    text = ("A car bomb exploded at a checkpoint in the capital on Wednesday, killing eight people.\n\n"
            "A day before the bombing, government forces carried out an air strike on a rebel camp.")
    assert _resolve_in(nlp, text, "carried", "2025-03-14").date == "2025-03-11"

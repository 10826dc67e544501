"""The coder's general rules, each on sentences written for the purpose."""

from __future__ import annotations

from typing import Any

import pytest


def main(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The event a reader would call the sentence's news: affirmed and asserted first, then confidence."""
    ranked = sorted(
        records,
        key=lambda r: (r["polarity"] == "affirmed" and r["modality"] not in ("claimed", "alleged", "denied", "hypothetical"), r["confidence"]),
        reverse=True,
    )
    assert ranked, "no events"
    return ranked[0]


def who(actor: dict[str, Any] | None) -> str | None:
    return actor["country"] if actor else None


def test_plain_attack(code):
    r = main(code("Russian forces shelled the Ukrainian city of Kharkiv on Saturday, killing four civilians."))
    assert r["event_type"] == "ASSAULT" and r["mode"] == "heavy-weapons"
    assert who(r["actor"]) == "RUS"
    assert r["date"] == "2024-03-09"
    assert r["fatalities"]["value"] == 4


def test_airstrike_in_a_passive_sentence(code):
    r = main(code("Twelve people were killed in an Israeli airstrike on a house in Rafah, medics said."))
    assert r["event_type"] == "ASSAULT" and r["cameo_code"] == "195" and r["mode"] == "aerial"
    assert who(r["actor"]) == "ISR"
    assert r["modality"] == "reported"
    assert r["fatalities"]["value"] == 12
    assert r["acled_sub_event_type"] == "Air/drone strike"


def test_a_claim_of_an_attack_is_an_accusation(code):
    records = code("Kenya accused Somalia of arming the militants who attacked the border town.")
    assert main(records)["event_type"] == "ACCUSE"
    assert who(main(records)["actor"]) == "KEN" and who(main(records)["recipient"]) == "SOM"


def test_a_speaker_saying_another_side_attacked_is_an_accusation(code):
    records = code("The Sudanese army said the Rapid Support Forces attacked its positions in Khartoum.")
    accuse = [r for r in records if r["event_type"] == "ACCUSE"]
    assert accuse and who(accuse[0]["actor"]) == "SDN"
    attacks = [r for r in records if r["event_type"] == "ASSAULT"]
    assert all(r["modality"] == "claimed" for r in attacks)


def test_neutral_witnesses_report_the_event_itself(code):
    r = main(code("Gunmen killed five villagers in Zamfara state overnight, residents said."))
    assert r["event_type"] == "ASSAULT" and r["modality"] == "reported"
    assert r["fatalities"]["value"] == 5


def test_denial_of_responsibility(code):
    records = code("The Iranian foreign ministry said on Monday that Tehran was not involved in the attack.")
    r = main(records)
    assert r["cameo_code"] == "016" and r["event_type"] == "REJECT"
    assert who(r["actor"]) == "IRN"
    assert not [x for x in records if x["event_type"] == "ASSAULT" and who(x["actor"]) == "IRN" and x["polarity"] == "affirmed"]


def test_negation(code):
    records = code("Police did not arrest the protesters outside parliament.")
    arrests = [r for r in records if r["cameo_code"] == "173"]
    assert arrests and arrests[0]["polarity"] == "negated"


def test_refusal_to_cooperate_is_a_rejection(code):
    r = main(code("Japan said it would not provide military aid to the rebels."))
    assert r["event_type"] == "REJECT"
    assert who(r["actor"]) == "JPN"


def test_promise_is_an_intent(code):
    r = main(code("Germany pledged to provide humanitarian aid to Sudan."))
    assert r["event_type"] == "AGREE" and r["cameo_code"] == "0333"
    assert (who(r["actor"]), who(r["recipient"])) == ("DEU", "SDN")


def test_future_material_help_is_an_intent(code):
    r = main(code("Norway will send 200 peacekeepers to Mali next month."))
    assert r["event_type"] == "AGREE" and r["modality"] == "future"


def test_threat(code):
    r = main(code("North Korea threatened to attack South Korea if the military drills continue."))
    assert r["event_type"] == "THREATEN" and r["cameo_code"] == "138"
    assert (who(r["actor"]), who(r["recipient"])) == ("PRK", "KOR")


def test_conditional_sanction_is_a_threat(code):
    r = main(code("The European Union will impose sanctions on Belarus unless the prisoners are freed."))
    assert r["event_type"] == "THREATEN"


def test_demand_through_must(code):
    r = main(code("Turkey said Sweden must extradite the suspects."))
    assert r["event_type"] == "REQUEST" and r["cameo_root"] == "10"
    assert (who(r["actor"]), who(r["recipient"])) == ("TUR", "SWE")


def test_appeal_absorbs_what_it_asks_for(code):
    records = code("The United Nations urged Myanmar to release the detained journalists.")
    r = main(records)
    assert r["event_type"] == "REQUEST" and r["cameo_code"] == "0253"
    assert not [x for x in records if x["cameo_root"] == "08"]


def test_compound_actors_give_one_record_per_pair(code):
    records = [r for r in code("Brazil and Argentina signed a trade agreement on Tuesday.") if r["cameo_code"] == "057"]
    pairs = {(who(r["actor"]), who(r["recipient"])) for r in records}
    assert pairs == {("BRA", "ARG"), ("ARG", "BRA")}


def test_protest_with_crowd_size(code):
    r = main(code("About 5,000 students protested in Dhaka on Friday against the new quota rules."))
    assert r["event_type"] == "PROTEST"
    assert r["size"] and r["size"]["value"] == 5000 and r["size"]["qualifier"] == "about"
    assert r["location"]["country"] == "BGD"
    assert r["acled_event_type"] == "Protests"


def test_arrests(code):
    r = main(code("Security forces arrested 30 opposition supporters in Kampala on Thursday."))
    assert r["cameo_code"] == "173" and r["event_type"] == "COERCE"
    assert r["arrested"]["value"] == 30
    assert r["acled_sub_event_type"] == "Arrests"


def test_source_is_the_outlet(code):
    r = main(code("Pakistan and India held talks in Geneva on Sunday, Reuters reported."))
    assert r["source"] == "Reuters"
    assert r["event_type"] == "CONSULT"


def test_hunger_strike_is_a_protest_not_an_attack(code):
    r = main(code("Jailed activists began a hunger strike on Monday to protest their detention."))
    assert r["event_type"] == "PROTEST" and r["cameo_code"] == "142"


def test_background_relative_clauses_are_not_coded(code):
    records = code("The minister, who was arrested in 2019, met the French ambassador on Tuesday.")
    assert [r["cameo_root"] for r in records] == ["04"] * len(records)


@pytest.mark.parametrize("text", [
    "The weather in Nairobi was pleasant on Sunday.",
    "The committee will publish its annual report in June.",
])
def test_sentences_without_events_give_none(code, text):
    assert code(text) == []


def test_same_input_same_ids(code):
    text = "Rebels attacked an army base near Goma on Monday, the army said."
    assert [r["event_id"] for r in code(text)] == [r["event_id"] for r in code(text)]


def test_what_an_accusation_says_is_claimed_with_the_accused_as_actor(code):
    records = code("Sudan's army accused the Rapid Support Forces of shelling a market in Omdurman.")
    shelling = [r for r in records if r["event_type"] == "ASSAULT"]
    assert shelling and shelling[0]["modality"] == "claimed"
    assert shelling[0]["actor"]["name"] and "Rapid Support" in shelling[0]["actor"]["text"]
    assert main(records)["event_type"] == "ACCUSE"


def test_a_government_protest_is_an_official_complaint_not_a_demonstration(code):
    records = code("Ukraine's foreign ministry summoned the Hungarian ambassador on Wednesday to protest against remarks by Viktor Orban.")
    assert records and all(r["event_type"] != "PROTEST" for r in records)
    assert {r["cameo_code"] for r in records} == {"114"}

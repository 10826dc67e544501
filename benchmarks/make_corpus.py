"""Write the benchmark corpus: ``benchmarks/corpus.jsonl.gz``.

    python benchmarks/make_corpus.py            # 320 articles, seed 6
    python benchmarks/make_corpus.py --check    # verify the committed file is what the script writes

Each article is about 350 words of wire-style news prose assembled from the
sentence templates and word lists below (all written for khaldun; no copied
text): a lead event (attack, protest, meeting, accusation, aid, arrest, ...),
details with numbers and places, quotes, reactions (condemnations, denials,
accusations), background with dates, and a closing paragraph. A dateline and a
publication date head each article. The output is deterministic: the same seed
gives the same bytes (gzip mtime fixed at 0).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "corpus.jsonl.gz"

# country: demonym, capital, other cities, regions, ministry noun
COUNTRIES: dict[str, tuple[str, str, list[str], list[str]]] = {
    "Nigeria": ("Nigerian", "Abuja", ["Maiduguri", "Kano", "Lagos", "Kaduna"], ["Borno state", "northeastern Nigeria"]),
    "Kenya": ("Kenyan", "Nairobi", ["Mombasa", "Garissa", "Kisumu"], ["the coastal region", "northern Kenya"]),
    "Somalia": ("Somali", "Mogadishu", ["Kismayo", "Baidoa", "Beledweyne"], ["central Somalia", "the Lower Shabelle region"]),
    "Ethiopia": ("Ethiopian", "Addis Ababa", ["Mekele", "Gondar", "Bahir Dar"], ["the Amhara region", "northern Ethiopia"]),
    "Sudan": ("Sudanese", "Khartoum", ["Omdurman", "El Fasher", "Port Sudan"], ["Darfur", "the Kordofan region"]),
    "Mali": ("Malian", "Bamako", ["Gao", "Timbuktu", "Mopti"], ["central Mali", "the Menaka region"]),
    "Pakistan": ("Pakistani", "Islamabad", ["Karachi", "Peshawar", "Quetta", "Lahore"], ["Balochistan province", "northwestern Pakistan"]),
    "Afghanistan": ("Afghan", "Kabul", ["Kandahar", "Herat", "Jalalabad"], ["Helmand province", "eastern Afghanistan"]),
    "India": ("Indian", "New Delhi", ["Mumbai", "Srinagar", "Imphal"], ["Manipur state", "the Kashmir valley"]),
    "Iraq": ("Iraqi", "Baghdad", ["Mosul", "Basra", "Kirkuk", "Erbil"], ["Anbar province", "northern Iraq"]),
    "Syria": ("Syrian", "Damascus", ["Aleppo", "Idlib", "Homs", "Deir ez-Zor"], ["northwestern Syria", "the Idlib region"]),
    "Yemen": ("Yemeni", "Sanaa", ["Aden", "Taiz", "Marib", "Hodeidah"], ["western Yemen", "Marib province"]),
    "Lebanon": ("Lebanese", "Beirut", ["Tyre", "Sidon", "Tripoli"], ["southern Lebanon", "the Bekaa valley"]),
    "Israel": ("Israeli", "Jerusalem", ["Tel Aviv", "Haifa", "Sderot"], ["southern Israel", "the Negev"]),
    "Iran": ("Iranian", "Tehran", ["Isfahan", "Mashhad", "Tabriz"], ["Sistan-Baluchestan province", "western Iran"]),
    "Turkey": ("Turkish", "Ankara", ["Istanbul", "Diyarbakir", "Izmir"], ["southeastern Turkey", "Hatay province"]),
    "Ukraine": ("Ukrainian", "Kyiv", ["Kharkiv", "Odesa", "Zaporizhzhia", "Kherson"], ["eastern Ukraine", "the Donetsk region"]),
    "Russia": ("Russian", "Moscow", ["St. Petersburg", "Belgorod", "Kursk"], ["the Belgorod region", "southern Russia"]),
    "Colombia": ("Colombian", "Bogota", ["Medellin", "Cali", "Cucuta"], ["Cauca province", "the Catatumbo region"]),
    "Mexico": ("Mexican", "Mexico City", ["Culiacan", "Tijuana", "Guadalajara"], ["Sinaloa state", "northern Mexico"]),
    "Venezuela": ("Venezuelan", "Caracas", ["Maracaibo", "Valencia"], ["Zulia state", "western Venezuela"]),
    "Myanmar": ("Myanmar", "Naypyidaw", ["Yangon", "Mandalay", "Sittwe"], ["Rakhine state", "northern Shan state"]),
    "Philippines": ("Filipino", "Manila", ["Davao", "Marawi", "Cotabato"], ["Mindanao", "the Sulu archipelago"]),
    "Bangladesh": ("Bangladeshi", "Dhaka", ["Chittagong", "Sylhet"], ["the Chittagong Hill Tracts", "southern Bangladesh"]),
    "Egypt": ("Egyptian", "Cairo", ["Alexandria", "Port Said", "Arish"], ["the Sinai peninsula", "northern Sinai"]),
    "Libya": ("Libyan", "Tripoli", ["Benghazi", "Misrata", "Sirte"], ["eastern Libya", "the Fezzan region"]),
    "France": ("French", "Paris", ["Marseille", "Lyon"], ["southern France"]),
    "Germany": ("German", "Berlin", ["Munich", "Hamburg"], ["eastern Germany"]),
    "China": ("Chinese", "Beijing", ["Shanghai", "Guangzhou"], ["southern China"]),
    "Japan": ("Japanese", "Tokyo", ["Osaka"], ["western Japan"]),
    "Brazil": ("Brazilian", "Brasilia", ["Sao Paulo", "Rio de Janeiro"], ["northern Brazil"]),
    "South Africa": ("South African", "Pretoria", ["Johannesburg", "Cape Town", "Durban"], ["KwaZulu-Natal province"]),
    "Qatar": ("Qatari", "Doha", [], []),
    "Saudi Arabia": ("Saudi", "Riyadh", ["Jeddah"], ["eastern Saudi Arabia"]),
    "United States": ("American", "Washington", ["New York"], []),
    "United Kingdom": ("British", "London", ["Manchester"], []),
}
CONFLICT = [c for c in COUNTRIES if COUNTRIES[c][2] and c not in ("France", "Germany", "China", "Japan", "Brazil", "United States", "United Kingdom", "Qatar", "Saudi Arabia")]
ARTICLED = {"United States", "United Kingdom", "Philippines"}
DONORS = ["United States", "United Kingdom", "France", "Germany", "Japan", "China", "Qatar", "Saudi Arabia", "Turkey"]

ARMED_GROUPS = {
    "Nigeria": ["Boko Haram", "Islamic State West Africa Province"],
    "Somalia": ["al-Shabaab"], "Kenya": ["al-Shabaab"],
    "Mali": ["JNIM militants", "Islamic State Sahel fighters"],
    "Afghanistan": ["the Taliban", "Islamic State Khorasan"],
    "Pakistan": ["the Pakistani Taliban", "Baloch separatists"],
    "Syria": ["Hayat Tahrir al-Sham", "Islamic State fighters"],
    "Iraq": ["Islamic State fighters"], "Yemen": ["the Houthis", "al-Qaeda in the Arabian Peninsula"],
    "Lebanon": ["Hezbollah"], "Israel": ["Hamas", "Islamic Jihad"],
    "Colombia": ["ELN guerrillas", "FARC dissidents"], "Mexico": ["the Sinaloa cartel", "gunmen"],
    "Myanmar": ["the Arakan Army", "resistance fighters"], "Philippines": ["Abu Sayyaf", "communist rebels"],
    "Ethiopia": ["Fano militiamen"], "Sudan": ["the Rapid Support Forces"], "Libya": ["rival militias"],
    "Egypt": ["Islamist militants"], "Turkey": ["PKK militants"], "India": ["insurgents"],
}
FIRST = ["Amina", "Tariq", "Elena", "Jonas", "Fatima", "Rashid", "Maria", "Samuel", "Leila", "Omar", "Ivan",
         "Grace", "Hassan", "Nadia", "Pedro", "Aisha", "Kofi", "Mei", "Yusuf", "Irina", "Carlos", "Salma", "David", "Priya"]
LAST = ["Okafor", "Haddad", "Petrenko", "Mwangi", "Rahimi", "Castillo", "Abdi", "Nasser", "Kovalenko", "Mendoza",
        "Bello", "Sharif", "Tanaka", "Osei", "Farouk", "Moreau", "Karimi", "Diallo", "Singh", "Alvarez", "Hussein", "Novak"]
OFFICIALS = ["Foreign Minister", "Defence Minister", "Interior Minister", "President", "Prime Minister", "army spokesman", "police chief", "governor"]
OUTLETS = ["state television", "the national news agency", "local media", "a government statement", "witnesses", "a hospital official"]
IGOS = ["the United Nations", "the African Union", "the European Union", "the World Food Programme", "UNICEF", "the Red Cross"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a dozen"]


class Article:
    """The cast and setting of one article, drawn from a seeded generator."""

    def __init__(self, rng: random.Random, kind: str, published: date) -> None:
        self.rng = rng
        self.kind = kind
        self.published = published
        self.country = rng.choice(CONFLICT)
        self.dem, self.capital, cities, regions = COUNTRIES[self.country]
        self.city = rng.choice(cities)
        self.region = rng.choice(regions) if regions else self.country
        others = [c for c in COUNTRIES if c != self.country]
        self.other = rng.choice(others)
        self.other_dem, self.other_capital = COUNTRIES[self.other][0], COUNTRIES[self.other][1]
        self.donor = rng.choice([d for d in DONORS if d != self.country])
        self.group = rng.choice(ARMED_GROUPS.get(self.country, ["armed men"]))
        self.igo = rng.choice(IGOS)
        self.outlet = rng.choice(OUTLETS)

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def official(self, dem: str | None = None) -> str:
        return f"{dem or self.dem} {self.rng.choice(OFFICIALS)} {self.person()}"

    def day(self) -> str:
        """A past day relative to publication: weekday, month-day, or yesterday."""
        back = self.rng.randint(1, 6)
        when = self.published - timedelta(days=back)
        style = self.rng.random()
        if style < 0.45:
            return f"on {WEEKDAYS[when.weekday()]}"
        if style < 0.85:
            return f"on {when.strftime('%B')} {when.day}"
        return "late on " + WEEKDAYS[when.weekday()]

    def n(self, lo: int, hi: int) -> str:
        value = self.rng.randint(lo, hi)
        if value <= 10 and self.rng.random() < 0.5:
            return NUMBER_WORDS[value - 2] if value >= 2 else "one"
        return str(value)

    def qualifier(self) -> str:
        return self.rng.choice(["", "at least ", "more than ", "about ", "nearly ", ""])

    def fill(self, template: str) -> str:
        r = self.rng
        slots = {
            "country": self.country, "dem": self.dem, "capital": self.capital, "city": self.city,
            "region": self.region, "other": self.other, "other_dem": self.other_dem,
            "other_capital": self.other_capital, "donor": self.donor, "donor_dem": COUNTRIES[self.donor][0],
            "group": self.group, "igo": self.igo, "outlet": self.outlet,
            "official": self.official(), "official2": self.official(), "other_official": self.official(self.other_dem),
            "donor_official": self.official(COUNTRIES[self.donor][0]), "person": self.person(),
            "day": self.day(), "day2": self.day(), "q": self.qualifier(),
            "killed": self.n(2, 60), "injured": self.n(3, 120), "arrested": self.n(4, 300),
            "crowd": r.choice(["hundreds of", "thousands of", "tens of thousands of", f"{r.randint(2, 40)},000"]),
            "money": f"{r.randint(2, 90)} million {r.choice(['dollars', 'euros'])}", "tons": str(r.randint(20, 900)),
            "weapon": r.choice(["a car bomb", "mortar shells", "a roadside bomb", "drones", "rockets", "gunfire", "an air strike"]),
            "cause": r.choice(["rising fuel prices", "the arrest of an opposition leader", "delayed elections",
                               "police violence", "unpaid salaries", "a new tax law", "corruption"]),
            "topic": r.choice(["border security", "a ceasefire", "trade", "the return of refugees", "a prisoner exchange",
                               "energy supplies", "counter-terrorism cooperation"]),
            "place_kind": r.choice(["market", "checkpoint", "army base", "mosque", "police station", "village", "bus station"]),
        }
        for key in ("country", "other", "donor"):
            if slots[key] in ARTICLED:
                slots[key] = "the " + slots[key]
        text = template.format(**slots)
        return text[0].upper() + text[1:]


LEADS: dict[str, list[str]] = {
    "attack": [
        "{group} attacked a {place_kind} in {city} {day}, killing {q}{killed} people and wounding {injured} others, {outlet} said.",
        "Gunmen stormed a {place_kind} near {city} in {region} {day}, killing {q}{killed} civilians, officials said.",
        "{q}{killed} soldiers were killed when {group} struck an army convoy with {weapon} outside {city} {day}.",
    ],
    "airstrike": [
        "{dem} warplanes bombed positions held by {group} in {region} {day}, the army said, killing {q}{killed} fighters.",
        "An air strike hit a {place_kind} in {city} {day}, killing {q}{killed} people, including children, {outlet} reported.",
    ],
    "protest": [
        "{crowd} people marched through {capital} {day} to protest against {cause}, and police fired tear gas to disperse them.",
        "Protesters blocked roads in {city} {day}, demanding an end to {cause}, and clashed with riot police.",
        "Workers went on strike in {city} {day} over {cause}, shutting the port and the main markets.",
    ],
    "meeting": [
        "{official} met {other_official} in {other_capital} {day} to discuss {topic}, the two governments said.",
        "{dem} and {other_dem} officials held talks in {capital} {day} on {topic} and agreed to meet again next month.",
        "{official} visited {other_capital} {day} and signed an agreement on {topic} with {other_official}.",
    ],
    "accusation": [
        "{dem} officials accused {other} {day} of arming {group}, a charge {other_capital} rejected.",
        "{official} accused {other_dem} forces of shelling villages along the border {day}.",
        "The government of {country} blamed {group} for the bombing of a {place_kind} in {city} {day}.",
    ],
    "aid": [
        "{donor} will send {money} in humanitarian aid to {country}, {donor_official} announced {day}.",
        "{igo} delivered {tons} tons of food to displaced families in {region} {day}, the agency said.",
        "{donor} pledged {money} to help {country} rebuild after the floods, its embassy in {capital} said {day}.",
    ],
    "arrest": [
        "{dem} police arrested {q}{arrested} people in {city} {day} after a protest against {cause}, a police spokesman said.",
        "Security forces detained opposition leader {person} in {capital} {day}, his party said.",
        "Authorities in {country} arrested {arrested} suspected members of {group} in raids across {region} {day}.",
    ],
    "abduction": [
        "{group} kidnapped {q}{arrested} students from a school near {city} {day}, local officials said.",
        "Gunmen abducted {person}, an aid worker with {igo}, on a road outside {city} {day}.",
    ],
    "threat": [
        "{official} threatened {day} to impose sanctions on {other} if its troops did not leave the border area.",
        "{group} warned {day} that it would attack government forces in {region} unless prisoners were freed.",
    ],
}
KINDS = list(LEADS)

DETAILS = [
    "The dead included {q}{killed} women and children, and {injured} people were taken to hospital in {city}, a medical source said.",
    "Witnesses said the attackers arrived on motorcycles and fled towards {region} after the assault.",
    "A local resident, {person}, said the shooting lasted for about two hours before the army arrived.",
    "Police said {q}{arrested} people were detained during the unrest and {injured} officers were injured.",
    "The attack came days after {group} seized two villages in {region}.",
    "Hospital officials in {city} said many of the wounded were in critical condition.",
    "The army said its troops killed {killed} militants in a counter-attack {day2}.",
    "No group immediately claimed responsibility for the attack.",
    "{group} claimed responsibility in a statement posted online {day2}.",
    "Organisers said {crowd} people joined the rally, but police put the number much lower.",
    "Shops in the centre of {capital} stayed closed and the streets were largely empty.",
    "The talks focused on {topic}, according to a statement from the foreign ministry.",
    "The aid will be delivered through {igo} and local charities in {region}.",
    "More than {arrested},000 people have fled their homes in {region} since the fighting began.",
]
QUOTES = [
    '"We will not allow these criminals to terrorise our people," {official} told reporters in {capital}.',
    '"This is a dark day for our country," {official} said in a televised address {day2}.',
    '"Our demands are simple: we want jobs and we want justice," said {person}, a teacher who joined the march.',
    '"The two sides have agreed to work together on {topic}," {other_official} said after the meeting.',
    '"The situation on the ground remains very difficult," said {person}, a spokesman for {igo}.',
    '"They took everything from us," said {person}, who fled the village with four children.',
]
REACTIONS = [
    "{other} condemned the attack and called on all sides to show restraint.",
    "{igo} condemned the violence and urged the authorities to investigate.",
    "{other_official} denied that {other_dem} forces were involved.",
    "The {dem} government accused {other} of supporting {group}, a claim {other_capital} has long denied.",
    "{donor} called for an immediate ceasefire and said it was ready to send aid.",
    "Opposition leaders criticised the government for failing to protect civilians in {region}.",
    "{other_dem} officials praised the agreement as a step towards peace.",
    "Rights groups urged the government to release the detained protesters.",
]
BACKGROUND = [
    "{country} has been hit by years of violence involving {group}, which has killed thousands of people.",
    "The two countries restored diplomatic relations last year after a long dispute over {topic}.",
    "Protests over {cause} have spread to several cities since the start of the year.",
    "Last month, {q}{killed} people were killed in a similar attack in {region}.",
    "{igo} says millions of people in {country} need humanitarian assistance.",
    "The government declared a state of emergency in {region} in March.",
    "Peace talks between the government and {group} collapsed in January.",
]
CLOSINGS = [
    "The army said it had sent reinforcements to {region}.",
    "Officials said an investigation had been opened.",
    "Talks are expected to resume in {other_capital} next week.",
    "Security was tightened across {capital} ahead of the weekend.",
    "The United Nations Security Council is due to discuss the situation on Friday.",
]


def article(rng: random.Random, idx: int) -> dict[str, object]:
    kind = KINDS[idx % len(KINDS)]
    published = date(2023, 1, 2) + timedelta(days=rng.randint(0, 700))
    a = Article(rng, kind, published)
    paras: list[list[str]] = [[a.fill(rng.choice(LEADS[kind]))]]
    second = [k for k in KINDS if k != kind]
    paras[0].append(a.fill(rng.choice(LEADS[rng.choice(second)])))
    pools = [DETAILS, QUOTES, REACTIONS, BACKGROUND, DETAILS, QUOTES, REACTIONS, BACKGROUND, DETAILS, REACTIONS]
    used: set[str] = set()
    words = sum(len(s.split()) for p in paras for s in p)
    i = 0
    while words < 330:
        pool = pools[i % len(pools)]
        i += 1
        choices = [t for t in pool if t not in used] or pool
        t = rng.choice(choices)
        used.add(t)
        sentence = a.fill(t)
        if rng.random() < 0.5 and len(paras[-1]) < 3:
            paras[-1].append(sentence)
        else:
            paras.append([sentence])
        words += len(sentence.split())
    paras.append([a.fill(rng.choice(CLOSINGS))])
    body = "\n\n".join(" ".join(p) for p in paras)
    filed = a.capital if rng.random() < 0.6 else a.city
    month_day = f"{published.strftime('%B')} {published.day}"
    dateline = rng.choice([f"{filed.upper()} (Khaldun Wire) -", f"{filed}, {month_day} (Khaldun Wire) -", f"{filed} [{a.country}], {month_day} :"])
    text = f"{dateline} {body}"
    return {
        "id": f"bench-{idx:04d}",
        "doc_date": published.isoformat(),
        "source": "Khaldun Wire (synthetic)",
        "title": f"{kind.title()} in {a.country}",
        "kind": kind,
        "text": text,
    }


def build(n: int, seed: int) -> bytes:
    rng = random.Random(seed)
    lines = [json.dumps(article(rng, i), ensure_ascii=False, sort_keys=True) for i in range(n)]
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=320, help="number of articles (default 320)")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 if the output file differs from what would be written")
    args = ap.parse_args(argv)
    data = build(args.n, args.seed)
    digest = hashlib.sha256(gzip.decompress(data)).hexdigest()[:16]
    if args.check:
        same = args.output.is_file() and gzip.decompress(args.output.read_bytes()) == gzip.decompress(data)
        print(f"{args.output}: {'up to date' if same else 'DIFFERS'} (sha256 of the JSON lines {digest})")
        return 0 if same else 1
    args.output.write_bytes(data)
    docs = [json.loads(x) for x in gzip.decompress(data).decode().splitlines()]
    words = [len(d["text"].split()) for d in docs]
    print(f"wrote {args.output}: {len(docs)} articles, {sum(words):,} words "
          f"(min {min(words)}, mean {sum(words) / len(words):.0f}, max {max(words)}), {len(data):,} bytes gzipped, "
          f"sha256 of the JSON lines {digest}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

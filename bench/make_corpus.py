"""Deterministic generator of a synthetic news-style benchmark corpus.

Writes N sentences (default 6,000) grouped into short documents of 1-8 sentences as JSON
Lines records ``{"id", "text", "date"}`` -- the format the eventcoder CLI reads.  A sidecar
file (``<out>.sentences.jsonl`` unless told otherwise) keeps one record per sentence
``{"doc_id", "n", "text", "event", "template", "root"}`` so a benchmark can parse exactly the
same sentences and tell event-carrying templates from the rest.

Every template and word list below was written for this project.  ``root`` is the CAMEO root
the template was written to exercise; it is a label for corpus statistics, not a gold
annotation (the coder may legitimately code something else, or nothing).

    python bench/make_corpus.py --sentences 6000 --seed 20240501 --out bench/corpus/news.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SENTENCES = 6000
DEFAULT_SEED = 20240501
FIRST_DAY = dt.date(2017, 1, 1)
LAST_DAY = dt.date(2023, 12, 31)


# --------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    name: str  # as news writes it, with "the" where English needs it
    dem: str  # adjective / demonym
    city: str  # main city; the seat of government when ``seat`` is true
    seat: bool  # may ``city`` stand for the government ("Moscow said ...")?
    heads: str  # "|"-separated titles of the leaders; empty: use ministers only
    cities: tuple[str, ...] = ()

    @property
    def poss(self) -> str:
        return self.name + ("'" if self.name.endswith("s") else "'s")

    @property
    def all_cities(self) -> tuple[str, ...]:
        return (self.city, *self.cities)


C = Country
COUNTRIES: tuple[Country, ...] = (
    C("Afghanistan", "Afghan", "Kabul", True, "", ("Kandahar", "Herat", "Jalalabad")),
    C("Albania", "Albanian", "Tirana", True, "president|prime minister"),
    C("Algeria", "Algerian", "Algiers", True, "president|prime minister", ("Oran",)),
    C("Angola", "Angolan", "Luanda", True, "president"),
    C("Argentina", "Argentine", "Buenos Aires", True, "president", ("Cordoba", "Rosario")),
    C("Armenia", "Armenian", "Yerevan", True, "prime minister|president"),
    C("Australia", "Australian", "Canberra", True, "prime minister", ("Sydney", "Melbourne")),
    C("Austria", "Austrian", "Vienna", True, "chancellor|president"),
    C("Azerbaijan", "Azerbaijani", "Baku", True, "president"),
    C("Bahrain", "Bahraini", "Manama", True, "king"),
    C("Bangladesh", "Bangladeshi", "Dhaka", True, "prime minister", ("Chittagong",)),
    C("Belarus", "Belarusian", "Minsk", True, "president"),
    C("Belgium", "Belgian", "Brussels", True, "prime minister", ("Antwerp",)),
    C("Bolivia", "Bolivian", "La Paz", True, "president", ("Santa Cruz",)),
    C("Brazil", "Brazilian", "Brasilia", True, "president", ("Sao Paulo", "Rio de Janeiro")),
    C("Bulgaria", "Bulgarian", "Sofia", True, "prime minister|president"),
    C("Burkina Faso", "Burkinabe", "Ouagadougou", True, "", ("Bobo-Dioulasso",)),
    C("Cambodia", "Cambodian", "Phnom Penh", True, "prime minister"),
    C("Cameroon", "Cameroonian", "Yaounde", True, "president", ("Douala", "Bamenda")),
    C("Canada", "Canadian", "Ottawa", True, "prime minister", ("Toronto", "Montreal")),
    C("Chad", "Chadian", "N'Djamena", True, ""),
    C("Chile", "Chilean", "Santiago", True, "president", ("Valparaiso",)),
    C("China", "Chinese", "Beijing", True, "president|premier", ("Shanghai", "Guangzhou")),
    C("Colombia", "Colombian", "Bogota", True, "president", ("Medellin", "Cali")),
    C("Croatia", "Croatian", "Zagreb", True, "prime minister|president", ("Split",)),
    C("Cuba", "Cuban", "Havana", True, "president"),
    C("Cyprus", "Cypriot", "Nicosia", True, "president", ("Limassol",)),
    C("the Czech Republic", "Czech", "Prague", True, "prime minister|president", ("Brno",)),
    C(
        "the Democratic Republic of Congo", "Congolese", "Kinshasa", True, "president",
        ("Goma", "Bukavu", "Lubumbashi"),
    ),
    C("Denmark", "Danish", "Copenhagen", True, "prime minister"),
    C("Egypt", "Egyptian", "Cairo", True, "president|prime minister", ("Alexandria", "Port Said")),
    C("Eritrea", "Eritrean", "Asmara", True, "president"),
    C("Estonia", "Estonian", "Tallinn", True, "prime minister|president", ("Tartu",)),
    C("Ethiopia", "Ethiopian", "Addis Ababa", True, "prime minister", ("Mekelle", "Gondar")),
    C("Finland", "Finnish", "Helsinki", True, "president|prime minister"),
    C("France", "French", "Paris", True, "president|prime minister", ("Marseille", "Lyon")),
    C("Georgia", "Georgian", "Tbilisi", True, "prime minister|president", ("Batumi",)),
    C("Germany", "German", "Berlin", True, "chancellor", ("Hamburg", "Munich", "Cologne")),
    C("Ghana", "Ghanaian", "Accra", True, "president", ("Kumasi",)),
    C("Greece", "Greek", "Athens", True, "prime minister", ("Thessaloniki",)),
    C("Guatemala", "Guatemalan", "Guatemala City", True, "president"),
    C("Haiti", "Haitian", "Port-au-Prince", True, "", ("Cap-Haitien",)),
    C("Hungary", "Hungarian", "Budapest", True, "prime minister"),
    C("India", "Indian", "New Delhi", True, "prime minister", ("Mumbai", "Kolkata", "Srinagar")),
    C("Indonesia", "Indonesian", "Jakarta", True, "president", ("Surabaya", "Medan")),
    C("Iran", "Iranian", "Tehran", True, "president", ("Isfahan", "Mashhad", "Tabriz")),
    C("Iraq", "Iraqi", "Baghdad", True, "prime minister|president", ("Mosul", "Basra", "Kirkuk")),
    C("Ireland", "Irish", "Dublin", True, "prime minister", ("Cork",)),
    C("Israel", "Israeli", "Tel Aviv", False, "prime minister", ("Haifa",)),
    C("Italy", "Italian", "Rome", True, "prime minister", ("Milan", "Naples")),
    C("Japan", "Japanese", "Tokyo", True, "prime minister", ("Osaka",)),
    C("Jordan", "Jordanian", "Amman", True, "king|prime minister", ("Irbid",)),
    C("Kazakhstan", "Kazakh", "Almaty", False, "president"),
    C("Kenya", "Kenyan", "Nairobi", True, "president", ("Mombasa", "Kisumu")),
    C("Kuwait", "Kuwaiti", "Kuwait City", True, "emir"),
    C("Latvia", "Latvian", "Riga", True, "prime minister"),
    C("Lebanon", "Lebanese", "Beirut", True, "prime minister", ("Sidon", "Tyre")),
    C("Libya", "Libyan", "Tripoli", False, "", ("Benghazi", "Misrata", "Sirte")),
    C("Lithuania", "Lithuanian", "Vilnius", True, "president|prime minister", ("Kaunas",)),
    C("Malaysia", "Malaysian", "Kuala Lumpur", False, "prime minister", ("Penang",)),
    C("Mali", "Malian", "Bamako", True, "", ("Timbuktu", "Gao", "Mopti")),
    C("Mexico", "Mexican", "Mexico City", True, "president", ("Guadalajara", "Tijuana")),
    C("Moldova", "Moldovan", "Chisinau", True, "president|prime minister"),
    C("Morocco", "Moroccan", "Rabat", True, "king|prime minister", ("Casablanca", "Tangier")),
    C("Mozambique", "Mozambican", "Maputo", True, "president", ("Beira", "Pemba")),
    C("Myanmar", "Myanmar", "Naypyitaw", True, "", ("Yangon", "Mandalay")),
    C("Nepal", "Nepali", "Kathmandu", True, "prime minister", ("Pokhara",)),
    C("the Netherlands", "Dutch", "The Hague", True, "prime minister", ("Amsterdam", "Rotterdam")),
    C("New Zealand", "New Zealand", "Wellington", True, "prime minister", ("Auckland",)),
    C("Niger", "Nigerien", "Niamey", True, "", ("Agadez", "Zinder")),
    C("Nigeria", "Nigerian", "Abuja", True, "president", ("Lagos", "Kano", "Maiduguri")),
    C("North Korea", "North Korean", "Pyongyang", True, "leader"),
    C("Norway", "Norwegian", "Oslo", True, "prime minister", ("Bergen",)),
    C("Oman", "Omani", "Muscat", True, "sultan"),
    C("Pakistan", "Pakistani", "Islamabad", True, "prime minister", ("Karachi", "Lahore", "Peshawar", "Quetta")),
    C("Peru", "Peruvian", "Lima", True, "president", ("Cusco", "Arequipa")),
    C("the Philippines", "Philippine", "Manila", True, "president", ("Davao", "Cebu", "Marawi")),
    C("Poland", "Polish", "Warsaw", True, "prime minister|president", ("Krakow", "Gdansk")),
    C("Portugal", "Portuguese", "Lisbon", True, "prime minister", ("Porto",)),
    C("Qatar", "Qatari", "Doha", True, "emir"),
    C("Romania", "Romanian", "Bucharest", True, "president|prime minister", ("Cluj-Napoca",)),
    C("Russia", "Russian", "Moscow", True, "president", ("St Petersburg", "Belgorod", "Kazan")),
    C("Rwanda", "Rwandan", "Kigali", True, "president"),
    C("Saudi Arabia", "Saudi", "Riyadh", True, "crown prince", ("Jeddah",)),
    C("Senegal", "Senegalese", "Dakar", True, "president"),
    C("Serbia", "Serbian", "Belgrade", True, "president", ("Novi Sad",)),
    C("Somalia", "Somali", "Mogadishu", True, "president", ("Kismayo", "Baidoa", "Beledweyne")),
    C("South Africa", "South African", "Pretoria", True, "president", ("Johannesburg", "Cape Town", "Durban")),
    C("South Korea", "South Korean", "Seoul", True, "president", ("Busan",)),
    C("South Sudan", "South Sudanese", "Juba", True, "president", ("Malakal",)),
    C("Spain", "Spanish", "Madrid", True, "prime minister", ("Barcelona", "Seville")),
    C("Sri Lanka", "Sri Lankan", "Colombo", False, "president", ("Kandy", "Jaffna")),
    C("Sudan", "Sudanese", "Khartoum", False, "", ("Omdurman", "Port Sudan", "El Fasher")),
    C("Sweden", "Swedish", "Stockholm", True, "prime minister", ("Gothenburg", "Malmo")),
    C("Switzerland", "Swiss", "Bern", True, "", ("Geneva", "Zurich")),
    C("Syria", "Syrian", "Damascus", True, "president", ("Aleppo", "Idlib", "Homs")),
    C("Tanzania", "Tanzanian", "Dar es Salaam", False, "president", ("Arusha", "Dodoma")),
    C("Thailand", "Thai", "Bangkok", True, "prime minister", ("Chiang Mai",)),
    C("Tunisia", "Tunisian", "Tunis", True, "president", ("Sfax",)),
    C("Turkey", "Turkish", "Ankara", True, "president", ("Istanbul", "Izmir", "Diyarbakir")),
    C("Uganda", "Ugandan", "Kampala", True, "president", ("Gulu",)),
    C("Ukraine", "Ukrainian", "Kyiv", True, "president", ("Kharkiv", "Odesa", "Lviv", "Dnipro")),
    C("the United Arab Emirates", "Emirati", "Abu Dhabi", True, "president", ("Dubai",)),
    C("Britain", "British", "London", True, "prime minister", ("Manchester", "Belfast")),
    C("the United States", "U.S.", "Washington", True, "president", ("New York", "Chicago")),
    C("Venezuela", "Venezuelan", "Caracas", True, "president", ("Maracaibo",)),
    C("Vietnam", "Vietnamese", "Hanoi", True, "prime minister", ("Ho Chi Minh City",)),
    C("Yemen", "Yemeni", "Sanaa", False, "", ("Aden", "Hodeidah", "Taiz", "Marib")),
    C("Zambia", "Zambian", "Lusaka", True, "president"),
    C("Zimbabwe", "Zimbabwean", "Harare", True, "president", ("Bulawayo",)),
)
del C
MULTI_CITY = tuple(x for x in COUNTRIES if len(x.all_cities) > 1)

# Ministers: (foreign, defence, interior) as news titles them; the default fits most states.
MINISTERS_DEFAULT = ("foreign minister", "defence minister", "interior minister")
MINISTERS = {
    "the United States": ("secretary of state", "defense secretary", "homeland security secretary"),
    "Britain": ("foreign secretary", "defence secretary", "home secretary"),
}

# (long form, short form); both are written as news writes them.
IGOS: tuple[tuple[str, str], ...] = (
    ("the United Nations", "the UN"),
    ("the UN Security Council", "the Security Council"),
    ("the UN Human Rights Council", "the Human Rights Council"),
    ("the African Union", "the AU"),
    ("the European Union", "the EU"),
    ("NATO", "NATO"),
    ("the Arab League", "the Arab League"),
    ("the Association of Southeast Asian Nations", "ASEAN"),
    ("the Economic Community of West African States", "ECOWAS"),
    ("the Organisation of Islamic Cooperation", "the OIC"),
    ("the Gulf Cooperation Council", "the GCC"),
    ("the Organization for Security and Co-operation in Europe", "the OSCE"),
    ("the Organization of American States", "the OAS"),
    ("the Southern African Development Community", "SADC"),
    ("the Intergovernmental Authority on Development", "IGAD"),
    ("the International Monetary Fund", "the IMF"),
    ("the World Bank", "the World Bank"),
    ("the World Health Organization", "the WHO"),
    ("the World Food Programme", "the WFP"),
    ("the UN refugee agency", "UNHCR"),
    ("the UN children's agency", "UNICEF"),
    ("the International Atomic Energy Agency", "the IAEA"),
    ("the International Criminal Court", "the ICC"),
    ("the International Organization for Migration", "the IOM"),
    ("the Council of Europe", "the Council of Europe"),
)
NGOS: tuple[tuple[str, str], ...] = (
    ("the International Committee of the Red Cross", "the ICRC"),
    ("Amnesty International", "Amnesty"),
    ("Human Rights Watch", "HRW"),
    ("Medecins Sans Frontieres", "MSF"),
    ("Save the Children", "Save the Children"),
    ("Oxfam", "Oxfam"),
    ("Reporters Without Borders", "RSF"),
    ("the Norwegian Refugee Council", "the NRC"),
)
ORGS = IGOS + NGOS
P5 = ("The United States", "Russia", "China", "Britain", "France", "Washington", "Moscow", "Beijing")
SANCTIONERS = ("the European Union", "the EU", "the UN Security Council")

FIRST_NAMES = (
    "Amina", "Daniel", "Farid", "Helena", "Kenji", "Lucia", "Mehmet", "Nadia", "Oleksandr",
    "Priya", "Samuel", "Tomas", "Wanjiru", "Yusuf", "Ingrid", "Carlos", "Fatima", "Rashid",
    "Elena", "Kwame", "Sofia", "Jonas", "Leila", "Mateo", "Aisha", "Viktor", "Chen", "Grace",
)
LAST_NAMES = (
    "Okonjo", "Haddad", "Novak", "Tanaka", "Moreno", "Petrov", "Kariuki", "Rahman", "Lindqvist",
    "Mensah", "Castillo", "Kowalczyk", "Demir", "Osei", "Bianchi", "Nguyen", "Haidari", "Mwangi",
    "Duarte", "Sorensen", "Farouk", "Ivanova", "Adeyemi", "Varga", "Quispe", "Kaya", "Otieno",
)

NUM_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)

# --------------------------------------------------------------------------------------
# Phrase lists (may contain {slots}; they are filled from the base slots first)
# --------------------------------------------------------------------------------------

GOV_FORMS = (
    "the {x.dem} government", "{x.name}", "{x.name}", "the {x.dem} foreign ministry",
    "{x.poss} government",
)
GOV_SEAT_FORMS = ("{x.city}", "the government in {x.city}")
OFFICIALS_FORMS = ("{x.dem} officials", "{x.dem} authorities", "{x.dem} diplomats", "{x.dem} ministers")
MIL_FORMS = (
    "{x.dem} troops", "{x.dem} forces", "the {x.dem} army", "{x.dem} soldiers",
    "government forces", "the {x.dem} military",
)
POLICE_FORMS = (
    "{x.dem} police", "police", "riot police", "{x.dem} security forces", "security forces",
    "anti-terrorism police", "the {x.dem} police",
)
REBEL_FORMS = (
    "rebels", "insurgents", "militants", "separatist fighters", "armed men", "{x.dem} rebels",
    "Islamist militants", "gunmen", "fighters from an armed group",
)
CIVIL_FORMS = (
    "protesters", "demonstrators", "students", "residents", "workers", "farmers", "teachers",
    "taxi drivers", "supporters of the opposition", "{x.dem} activists",
)
OPP_FORMS = (
    "the {x.dem} opposition", "{x.dem} opposition leaders", "the main opposition party",
    "opposition lawmakers", "{person}, the leader of the main opposition party,",
)
JUD_FORMS = ("a court in {x.city}", "the {x.dem} supreme court", "{x.dem} prosecutors", "a military court")
REGIONS = ("northern", "southern", "eastern", "western", "central", "northeastern", "southwestern")
PLACE_FORMS = (
    "in {xcity}", "near {xcity}", "in {region} {x.name}", "on the outskirts of {xcity}",
    "in a village near {xcity}", "in the {region} province of {x.name}", "in {xcity}",
)
TOPICS = (
    "the border dispute", "trade and investment", "regional security", "water sharing",
    "energy cooperation", "the refugee crisis", "counter-terrorism cooperation",
    "the situation in {c.name}", "a prisoner exchange", "migration", "the peace process",
    "grain exports", "debt relief", "the conflict in {c.name}", "visa rules", "a new gas pipeline",
)
# Demands made of the target x (bare verb phrases; "its" is the target's).
DEMANDS = (
    "withdraw its troops from the border area", "release all political prisoners",
    "halt air strikes on civilian areas", "reopen its border crossings",
    "allow humanitarian access to {xcity}", "hold free and fair elections",
    "end its support for armed groups", "return to the negotiating table", "respect the ceasefire",
    "stop deporting {y.dem} migrants", "hand over the suspects in the bombing in {ycity}",
    "lift the blockade of {xcity}", "investigate the killing of {num} protesters",
    "free the detained journalists", "pull its warships out of disputed waters",
)
# What the target x is accused of (gerund phrases); y is the accuser.
ACCUSATIONS = (
    "violating the ceasefire", "arming rebels in {y.name}", "spying on {y.dem} officials",
    "mistreating {y.dem} migrants", "shelling civilian areas near {ycity}", "blocking aid deliveries",
    "interfering in {y.poss} internal affairs", "rigging the elections", "harbouring militants",
    "carrying out cyber attacks on {y.dem} banks", "violating {y.dem} airspace",
    "torturing detainees", "stealing state funds",
)
THREATS = (
    "expel {x.dem} diplomats", "impose tariffs on {x.dem} goods", "suspend all cooperation",
    "take military action", "withdraw from the agreement", "close the border",
    "cut off gas supplies", "recall its ambassador", "block {x.dem} ships from its ports",
)
GRIEVANCES = (
    "rising fuel prices", "the new tax law", "police violence", "corruption",
    "the election results", "power cuts", "the closure of a factory",
    "a proposed change to the constitution", "the arrest of an opposition leader",
    "food shortages", "a ban on public gatherings", "plans to raise the retirement age",
)
TARGETS = (
    "a military base", "a police checkpoint", "a busy market", "a mosque", "a church", "a school",
    "a hospital", "a convoy of aid trucks", "a government building", "an army patrol",
    "a border post", "a power station", "a bus carrying workers", "a camp for displaced people",
)
PEOPLE = (
    "opposition activists", "suspected militants", "journalists", "protesters", "people",
    "suspects", "students", "members of a banned group", "suspected smugglers",
    "foreign nationals", "trade union leaders", "suspected members of an armed group",
)
PROPOSALS = (
    "hold a referendum in the disputed region", "extend the ceasefire",
    "deploy international monitors", "set up a joint border commission",
    "form a national unity government", "exchange prisoners", "postpone the elections",
    "share revenue from the oil fields",
)
COOP_GOALS = (
    "combat drug trafficking", "expand trade", "improve border security", "fight climate change",
    "rebuild schools in the north", "strengthen the health system", "curb illegal migration",
)
AID = ("food aid", "medical supplies", "tents and blankets", "wheat", "vaccines", "drinking water")

# --------------------------------------------------------------------------------------
# Event templates: (CAMEO root the template was written for, template)
# --------------------------------------------------------------------------------------

EVENT_TEMPLATES: tuple[tuple[str, str], ...] = (
    # 01 statements
    ("01", "{A_min} said {when} that talks with {b.name} on {topic} were making progress."),
    ("01", "{A_offs} said {when} they expected a decision on {topic} within weeks."),
    # 02 appeals
    ("02", "{org} appealed {when} for ${big} million to help people displaced by fighting in {a.name}."),
    ("02", "{A_gov} urged {B_gov} {when} to {demand_b}."),
    ("02", "{org} called on {A_gov} to {demand_a}."),
    ("02", "{A_leader} appealed to {b.name} for help in rebuilding areas damaged by floods."),
    ("02", "{org_s} urged all parties in {a.name} to {demand_a}."),
    # 03 intent to cooperate
    ("03", "{A_gov} said it was ready to resume talks with {B_gov} on {topic}."),
    ("03", "{A_leader} pledged {when} to work with {org_s} to {coop_goal}."),
    ("03", "{A_gov} offered to mediate between {b.name} and {c.name}."),
    # 04 consult / meet / visit
    ("04", "{A_min} met {B_min} in {b.city} {when} to discuss {topic}."),
    ("04", "The {a.dem} and {b.dem} foreign ministers held talks in {c.city} {when}."),
    ("04", "Foreign ministers of {a.name}, {b.name} and {c.name} met in {a.city} {when} with the {org_bare} envoy."),
    ("04", "{A_leader} arrived in {b.city} {when} for a two-day official visit."),
    ("04", "{A_leader} hosted {B_leader} in {a.city} {when} for talks on {topic}."),
    ("04", "{A_leader} spoke by telephone with {B_leader} {when} about {topic}."),
    ("04", "Delegations from {a.name} and {b.name} will meet in {c.city} next week to discuss {topic}."),
    ("04", "{A_min} visited {bcity} {when}, the first such trip in a decade."),
    ("04", "The head of {org} met {A_leader} in {a.city} {when}."),
    # 05 diplomatic cooperation
    ("05", "{A_gov} and {B_gov} agreed {when} to restore full diplomatic relations."),
    ("05", "{A_leader} praised {B_gov} for its role in {topic}."),
    ("05", "{A_gov} signed a defence cooperation agreement with {B_gov} in {a.city} {when}."),
    ("05", "{a.name} and {b.name} signed an agreement on {topic} {when}."),
    ("05", "{A_gov} welcomed the decision by {org} to send observers to its elections."),
    # 06 material cooperation
    ("06", "{A_gov} and {B_gov} agreed to share intelligence on armed groups operating along their border."),
    ("06", "{A_mil} and {B_mil} held joint military exercises near {acity} {when}."),
    # 07 aid
    ("07", "{A_gov} sent {num} tonnes of {aid} to {b.name} {when}."),
    ("07", "{org} delivered {aid} to {acity} {when}."),
    ("07", "{A_gov} pledged ${big} million in humanitarian aid to {b.name}."),
    ("07", "{A_gov} granted asylum to {num} {b.dem} nationals {when}."),
    ("07", "The {org_long} approved a ${big} million loan to {a.name} {when}."),
    # 08 yield
    ("08", "{A_gov} released {num} {b.dem} prisoners {when}."),
    ("08", "{A_mil} began withdrawing from {bcity} {when}."),
    ("08", "{A_gov} lifted its ban on imports from {b.name}."),
    ("08", "The {a.dem} government and {A_reb} agreed to a ceasefire {when}."),
    ("08", "{A_reb} said {when} they would lay down their weapons under a deal with the government."),
    ("08", "The {a.dem} interior minister resigned {when} after weeks of protests over {grievance}."),
    # 09 investigate
    ("09", "{org} opened an investigation into alleged abuses by {A_mil} {aplace}."),
    ("09", "{A_jud} began investigating a former finance minister {when}."),
    # 10 demand
    ("10", "{A_gov} demanded that {B_gov} {demand_b}."),
    ("10", "{A_opp} demanded the resignation of the interior minister {when}."),
    ("10", "Protesters in {a.city} demanded higher wages and lower food prices {when}."),
    ("10", "{org_s} demanded the immediate release of {num} aid workers held in {a.name}."),
    # 11 disapprove / accuse / condemn
    ("11", "{A_gov} condemned {when} the attack on {target} in {bcity}."),
    ("11", "{org} condemned the killing of {num} civilians {aplace}."),
    ("11", "{A_gov} accused {B_gov} of {accuse_b}."),
    ("11", "{A_leader} criticised {B_gov} for {accuse_b}."),
    ("11", "{org_s} denounced the arrest of {num} journalists in {a.name}."),
    ("11", "{A_offs} blamed {b.dem} intelligence services for the bombing in {acity}."),
    # 12 reject / refuse / veto
    ("12", "{A_gov} rejected a proposal by {B_gov} to {proposal}."),
    ("12", "{A_gov} refused to {demand_a}, despite pressure from {org}."),
    ("12", "{A_reb} rejected calls for talks with the {a.dem} government {when}."),
    ("12", "{p5} vetoed a draft Security Council resolution on {b.name}."),
    ("12", "{A_leader} turned down an invitation to attend the summit in {b.city}."),
    # 13 threaten
    ("13", "{A_leader} threatened to {threat_b} if {B_gov} did not {demand_b}."),
    ("13", "{A_gov} warned {B_gov} that it would {threat_b} unless talks resumed."),
    ("13", "{A_reb} threatened to attack government buildings in {acity}."),
    ("13", "{A_gov} gave {b.dem} diplomats 48 hours to leave the country."),
    # 14 protest
    ("14", "Thousands of people marched through {a.city} {when} to protest against {grievance}."),
    ("14", "{A_cvl} staged a sit-in outside parliament in {a.city} {when}."),
    ("14", "{num} workers went on strike in {acity} {when} over unpaid wages."),
    ("14", "Protesters blocked roads in {acity} {when}, demanding an end to {grievance}."),
    ("14", "{num} detainees in a prison near {acity} began a hunger strike {when}."),
    # 15 force posture
    ("15", "{A_mil} deployed additional troops along the border with {b.name} {when}."),
    ("15", "{A_gov} put its armed forces on high alert after a missile test by {b.name}."),
    # 16 reduce relations / sanctions / expel
    ("16", "{A_gov} recalled its ambassador from {b.city} {when}."),
    ("16", "{A_gov} suspended trade talks with {B_gov} {when}."),
    ("16", "{A_gov} cut diplomatic ties with {b.name} {when}."),
    ("16", "{A_gov} expelled {num} {b.dem} diplomats {when}."),
    ("16", "{sanctioner} imposed new sanctions on {B_gov} {when}."),
    ("16", "{A_gov} halted all flights to and from {b.name}."),
    # 17 coerce / arrest / repress
    ("17", "{A_pol} arrested {num} {people} in {acity} {when}."),
    ("17", "{num} {people} were arrested by {a.dem} police {aplace} {when}."),
    ("17", "{A_pol} fired tear gas at protesters in {acity} {when}."),
    ("17", "{A_gov} banned opposition rallies in {a.city}."),
    ("17", "{A_gov} imposed a curfew in {acity} after days of unrest."),
    ("17", "{person}, an opposition leader, was detained by {a.dem} security forces {when}."),
    ("17", "{A_pol} raided the offices of an independent newspaper in {a.city} {when}."),
    ("17", "{A_gov} deported {num} {b.dem} migrants {when}."),
    ("17", "{A_jud} sentenced {num} opposition activists to prison {when}."),
    # 18 assault
    ("18", "A suicide bomber killed {num} people at {target_loc} in {acity} {when}."),
    ("18", "Gunmen kidnapped {num} aid workers {aplace} {when}."),
    ("18", "{A_reb} attacked a police station in {acity} {when}, killing {num} officers."),
    ("18", "{num} civilians were killed when {A_reb} attacked a village near {acity}."),
    ("18", "A roadside bomb hit {target} {aplace} {when}, wounding {num} people."),
    # 19 fight
    ("19", "{A_mil} clashed with {A_reb} near {acity} {when}."),
    ("19", "{a.dem} and {b.dem} troops exchanged fire across the border {when}."),
    ("19", "{B_mil} shelled {acity} {when}, killing at least {num} people."),
    ("19", "{A_mil} carried out air strikes on rebel positions {aplace} {when}."),
    ("19", "{A_gov} said {B_mil} shelled {acity} overnight."),
    ("19", "{A_mil} seized control of {acity} after heavy fighting with {A_reb}."),
    ("19", "{acity} was hit by {b.dem} missiles {when}, officials said."),
    ("19", "Fighting between {A_mil} and {A_reb} {aplace} killed {num} people {when}."),
    # 20 mass violence (reported)
    ("20", "{org_s} said {A_mil} had carried out mass killings of civilians {aplace}."),
    # negated events
    ("neg", "{A_gov} did not attend the talks in {c.city} {when}."),
    ("neg", "{A_gov} denied that its troops had crossed into {b.name}."),
    ("neg", "{A_leader} has not met {B_leader} since the dispute began."),
    ("neg", "{A_gov} said it had no plans to expel {b.dem} diplomats."),
    ("neg", "{A_pol} did not fire on the protesters, the {a.dem} interior ministry said."),
    ("neg", "{A_gov} never signed the agreement with {B_gov}, officials said."),
    # hypothetical
    ("hyp", "{A_gov} could impose sanctions on {b.name} if talks fail, officials said."),
    ("hyp", "{A_gov} would consider sending troops to {b.name} if asked by {org_s}."),
    ("hyp", "{A_offs} said they might suspend aid to {b.name} if the violence continued."),
    # reported claims
    ("rep", "{org_s} said {A_pol} had arrested {num} {people} since the start of the month."),
    ("rep", "According to {A_gov}, {B_mil} fired rockets at {acity} {when}."),
    ("rep", "Witnesses said {A_pol} beat protesters in {acity} {when}."),
    ("rep", "{A_opp} accused the government of using the army against civilians."),
    # negotiations
    ("04", "Negotiators from {a.name} and {b.name} resumed talks in {c.city} {when} on {topic}."),
    ("04", "{org} mediated talks between {A_gov} and {A_reb} in {c.city} {when}."),
)

# Used only right after an event sentence in the same document (pronouns, "the ministry").
FOLLOW_TEMPLATES: tuple[tuple[str, str], ...] = (
    ("02", "It also called on {B_gov} to {demand_b}."),
    ("02", "He also urged {B_gov} to {demand_b}."),
    ("11", "The ministry also accused {B_gov} of {accuse_b}."),
    ("10", "They also demanded the release of {num} detained activists."),
    ("04", "She later met {B_min} in {b.city}."),
    ("13", "It warned that it would {threat_b} if the attacks continued."),
    ("12", "The government rejected the accusation."),
)

# --------------------------------------------------------------------------------------
# No-event templates: sport, weather, markets, business, culture, health, traffic, science,
# obituaries, recipes, daily life
# --------------------------------------------------------------------------------------

COMPANIES = (
    "Norvale Energy", "Kestrel Foods", "Altamira Motors", "Brightwater Telecom", "Corvex Pharma",
    "Halden Steel", "Sunmere Airlines", "Pellucid Software", "Tarragon Mining", "Bluefin Logistics",
    "Greyrock Cement", "Lumenfield Solar", "Orchard Retail", "Vantaro Bank", "Silverline Shipping",
)
SPORTS_EVENTS = (
    "the world athletics championships", "the continental games", "a Diamond League meeting",
    "the national championships", "an indoor meeting",
)
FOODS = ("onions", "garlic", "carrots", "lentils", "chickpeas", "potatoes", "mushrooms", "peppers")
CROPS = ("wheat", "rice", "maize", "coffee", "cocoa", "cotton", "sugar cane", "tea")
INSTRUMENTS = ("jazz pianist", "violinist", "novelist", "painter", "film director", "architect", "poet")
ANIMALS = ("giraffe", "elephant", "red panda", "snow leopard", "penguin", "rhinoceros")

NOEVENT_TEMPLATES: tuple[tuple[str, str], ...] = (
    # sport
    ("sport", "{team1} beat {team2} {s1}-{s2} in {city} {when}."),
    ("sport", "{team1} drew {s2}-{s2} with {team2} in a league match {when}."),
    ("sport", "{a.name} beat {b.name} {s1}-{s2} in a World Cup qualifier in {a.city} {when}."),
    ("sport", "{person} won the women's 10,000 metres at {sports_event} in {city}."),
    ("sport", "{a.dem} tennis player {person} reached the semi-finals of the tournament in {city}."),
    ("sport", "{team1} have signed striker {person} on a three-year contract."),
    ("sport", "The {a.dem} rugby team defeated {b.name} {r1}-{r2} in front of a sell-out crowd."),
    ("sport", "Cyclist {person} won the fourth stage of the race, a 180-kilometre ride to {city}."),
    ("sport", "{team1} sacked their coach after a run of {num_small} games without a win."),
    ("sport", "{person} set a national record in the marathon in {city} {when}."),
    # weather
    ("weather", "Temperatures in {city} are expected to reach {temp} degrees Celsius this weekend."),
    ("weather", "Heavy rain is forecast for {region} {a.name} over the next three days."),
    ("weather", "Snow closed several mountain roads north of {city} {when}."),
    ("weather", "Forecasters said the heatwave in {region} {a.name} would ease by Thursday."),
    ("weather", "Strong winds brought down trees and power lines in {city} {when}."),
    # markets
    ("markets", "The main stock index in {city} rose {pct} percent {when}."),
    ("markets", "Oil prices fell {pct} percent as traders worried about weak demand."),
    ("markets", "The {a.dem} currency weakened against the dollar for a third straight day."),
    ("markets", "Gold prices hit a three-month high {when}."),
    ("markets", "Government bond yields in {a.name} edged lower after the inflation figures."),
    # business
    ("business", "{company} reported a {pct} percent rise in quarterly profit."),
    ("business", "{company} said it would open a new factory in {city}, creating {big} jobs."),
    ("business", "Shares in {company} fell {pct} percent after the company cut its sales forecast."),
    ("business", "{company} appointed {person} as its new chief executive."),
    ("business", "{company} agreed to buy {company2} for ${big} million."),
    ("business", "Inflation in {a.name} slowed to {pct} percent in {month}, the statistics office said."),
    # culture
    ("culture", "The film festival in {city} opened {when} with the premiere of a documentary about fishermen."),
    ("culture", "A new exhibition of {a.dem} ceramics opened at the national museum in {city}."),
    ("culture", "The debut novel by {person} won this year's prize for fiction."),
    ("culture", "The opera house in {city} will reopen next month after a two-year renovation."),
    ("culture", "Tickets for the band's concert in {city} sold out within an hour."),
    # health advice
    ("health", "Doctors recommend drinking plenty of water during hot weather."),
    ("health", "Regular exercise can lower the risk of heart disease, according to a new study."),
    ("health", "Children should get at least nine hours of sleep a night, paediatricians say."),
    ("health", "Washing hands with soap remains one of the best ways to avoid stomach infections."),
    # traffic and transport
    ("traffic", "Traffic on the ring road around {city} was slow {when} after a lorry broke down."),
    ("traffic", "The main bridge into {city} will be closed for repairs until {month}."),
    ("traffic", "Train services between {city} and {city2} were delayed by a signal fault {when}."),
    ("traffic", "The new metro line in {city} carried {big} thousand passengers in its first week."),
    # science
    ("science", "Astronomers have found a planet orbiting a star about {big} light years away."),
    ("science", "Researchers in {city} have developed a battery that charges in ten minutes."),
    ("science", "Scientists found fossils of an early whale in {region} {a.name}."),
    ("science", "A new species of frog has been identified in the forests of {region} {a.name}."),
    # obituaries
    ("obituary", "{person}, a {a.dem} {instrument}, died {when} at the age of {age}."),
    ("obituary", "The {instrument} {person}, known for a long career in {city}, has died aged {age}."),
    # recipes
    ("recipe", "Stir the {food} over a low heat for ten minutes until soft."),
    ("recipe", "Add the chopped tomatoes and the {food} and simmer for twenty minutes."),
    ("recipe", "Bake the bread at 200 degrees for about 35 minutes."),
    ("recipe", "Season with salt and pepper and serve with rice."),
    # daily life, farming, education, tourism
    ("life", "Tourist arrivals in {a.name} rose {pct} percent in the first quarter."),
    ("life", "The zoo in {city} celebrated the birth of a baby {animal} {when}."),
    ("life", "{a.dem} farmers expect a record {crop} harvest this year."),
    ("life", "The school year in {a.name} starts in {month}."),
    ("life", "House prices in {city} rose {pct} percent over the past year."),
    ("life", "A new public library opened in {city} {when}, with space for {big} thousand books."),
)


# --------------------------------------------------------------------------------------
# Filling
# --------------------------------------------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _when(rng: random.Random, date: dt.date) -> str:
    back = rng.randint(0, 6)
    day = date - dt.timedelta(days=back)
    wd = WEEKDAYS[day.weekday()]
    forms = (
        f"on {wd}", f"on {wd}", f"on {wd}", f"on {day.day} {MONTHS[day.month - 1]}",
        "last week", "earlier this month", "overnight", f"late on {wd}", f"on {wd} evening", "",
    )
    if back == 1:
        forms += ("yesterday",)
    return rng.choice(forms)


def _num(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return rng.choice(NUM_WORDS)
    return str(rng.randint(11, 60))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _leader(rng: random.Random, x: Country) -> str:
    if not x.heads:
        return _minister(rng, x, 0)
    title = rng.choice(x.heads.split("|"))
    return rng.choice((f"the {x.dem} {title}", f"{x.poss} {title}"))


def _minister(rng: random.Random, x: Country, which: int | None = None) -> str:
    titles = MINISTERS.get(x.name, MINISTERS_DEFAULT)
    title = titles[which if which is not None else rng.randrange(len(titles))]
    return rng.choice((f"the {x.dem} {title}", f"{x.poss} {title}"))


def _pick(rng: random.Random, forms: tuple[str, ...], **slots: object) -> str:
    return rng.choice(forms).format(**slots)


def _country_slots(rng: random.Random, tag: str, x: Country, y: Country, c: Country) -> dict[str, str]:
    xcity = rng.choice(x.all_cities)
    ycity = rng.choice(y.all_cities)
    common = {"x": x, "y": y, "c": c, "xcity": xcity, "ycity": ycity, "region": rng.choice(REGIONS),
              "person": _person(rng), "num": _num(rng)}
    gov_forms = GOV_FORMS + (GOV_SEAT_FORMS if x.seat else ())
    return {
        f"{tag}_gov": _pick(rng, gov_forms, **common),
        f"{tag}_offs": _pick(rng, OFFICIALS_FORMS, **common),
        f"{tag}_leader": _leader(rng, x),
        f"{tag}_min": _minister(rng, x, 0),
        f"{tag}_mil": _pick(rng, MIL_FORMS, **common),
        f"{tag}_pol": _pick(rng, POLICE_FORMS, **common),
        f"{tag}_reb": _pick(rng, REBEL_FORMS, **common),
        f"{tag}_cvl": _pick(rng, CIVIL_FORMS, **common),
        f"{tag}_opp": _pick(rng, OPP_FORMS, **common),
        f"{tag}_jud": _pick(rng, JUD_FORMS, **common),
        f"{tag.lower()}place": _pick(rng, PLACE_FORMS, **common),
        f"{tag.lower()}city": xcity,
        f"demand_{tag.lower()}": _pick(rng, DEMANDS, **common),
        f"accuse_{tag.lower()}": _pick(rng, ACCUSATIONS, **common),
        f"threat_{tag.lower()}": _pick(rng, THREATS, **common),
    }


def _slots(rng: random.Random, date: dt.date, a: Country, b: Country, c: Country) -> dict[str, object]:
    org_long, org_short = rng.choice(ORGS)
    lender = rng.choice(("International Monetary Fund", "World Bank"))
    any_country = rng.choice(COUNTRIES)
    home = rng.choice([x for x in (any_country, a, b) if len(x.all_cities) > 1] or [rng.choice(MULTI_CITY)])
    city, city2 = rng.sample(home.all_cities, 2)
    team_cities = rng.sample([x for k in COUNTRIES for x in k.all_cities[:2]], 2)
    team_forms = ("{} United", "{} City", "Sporting {}", "{} Rovers", "{} FC", "Atletico {}")
    s1, r1 = rng.randint(1, 5), rng.randint(12, 45)
    s: dict[str, object] = {
        "a": a, "b": b, "c": c,
        "org": rng.choice((org_long, org_short)), "org_s": org_short, "org_bare": org_short.removeprefix("the "), "org_long": lender,
        "when": _when(rng, date), "num": _num(rng), "num_small": rng.choice(NUM_WORDS), "p5": rng.choice(P5), "big": str(rng.randint(12, 480)),
        "pct": f"{rng.randint(1, 9)}.{rng.randint(0, 9)}", "topic": "", "coop_goal": rng.choice(COOP_GOALS),
        "grievance": rng.choice(GRIEVANCES), "target": rng.choice(TARGETS), "people": rng.choice(PEOPLE),
        "proposal": rng.choice(PROPOSALS), "aid": rng.choice(AID), "sanctioner": rng.choice(SANCTIONERS),
        "person": _person(rng), "target_loc": rng.choice(("a market", "a bus station", "a wedding party",
                                                          "a football stadium", "a checkpoint")),
        # no-event slots
        "team1": rng.choice(team_forms).format(team_cities[0]), "team2": rng.choice(team_forms).format(team_cities[1]),
        "s1": str(s1), "s2": str(rng.randint(0, min(s1 - 1, 2))), "r1": str(r1), "r2": str(rng.randint(3, r1 - 1)), "city": city, "city2": city2,
        "temp": str(rng.randint(-12, 44)), "region": rng.choice(REGIONS), "month": rng.choice(MONTHS),
        "company": rng.choice(COMPANIES), "company2": rng.choice(COMPANIES), "sports_event": rng.choice(SPORTS_EVENTS),
        "food": rng.choice(FOODS), "crop": rng.choice(CROPS), "instrument": rng.choice(INSTRUMENTS),
        "animal": rng.choice(ANIMALS), "age": str(rng.randint(58, 97)),
    }
    if s["company2"] == s["company"]:
        s["company2"] = COMPANIES[(COMPANIES.index(s["company"]) + 1) % len(COMPANIES)]
    s["topic"] = rng.choice(TOPICS).format(c=c)
    s.update(_country_slots(rng, "A", a, b, c))
    s.update(_country_slots(rng, "B", b, a, c))
    return s


_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,])")
_SPACES = re.compile(r"\s{2,}")


def _render(template: str, slots: dict[str, object]) -> str:
    text = template.format(**slots)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _SPACES.sub(" ", text).strip()
    text = text.replace(",,", ",")
    return text[0].upper() + text[1:]


def _three_countries(rng: random.Random) -> tuple[Country, Country, Country]:
    a, b, c = rng.sample(COUNTRIES, 3)
    return a, b, c


def generate(n_sentences: int = DEFAULT_SENTENCES, seed: int = DEFAULT_SEED) -> tuple[list[dict], list[dict]]:
    """Return (documents, sentences) for ``n_sentences`` sentences; same seed, same corpus."""
    rng = random.Random(seed)
    span = (LAST_DAY - FIRST_DAY).days
    docs: list[dict] = []
    sents: list[dict] = []
    made = 0
    while made < n_sentences:
        size = min(rng.randint(1, 8), n_sentences - made)
        date = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
        doc_id = f"bench-{len(docs) + 1:05d}"
        political = rng.random() < 0.5
        p_event = 0.8 if political else 0.2
        cast = _three_countries(rng)
        texts: list[str] = []
        prev_event = False
        for n in range(size):
            if rng.random() < 0.3:
                cast = _three_countries(rng)
            slots = _slots(rng, date, *cast)
            if n > 0 and prev_event and rng.random() < 0.15:
                idx = rng.randrange(len(FOLLOW_TEMPLATES))
                root, template = FOLLOW_TEMPLATES[idx]
                tid, event = f"F{idx + 1:03d}", True
            elif rng.random() < p_event:
                idx = rng.randrange(len(EVENT_TEMPLATES))
                root, template = EVENT_TEMPLATES[idx]
                tid, event = f"E{idx + 1:03d}", True
            else:
                idx = rng.randrange(len(NOEVENT_TEMPLATES))
                root, template = NOEVENT_TEMPLATES[idx]
                tid, event = f"N{idx + 1:03d}", False
            text = _render(template, slots)
            texts.append(text)
            sents.append({"doc_id": doc_id, "n": n, "text": text, "event": event, "template": tid, "root": root})
            prev_event = event
        docs.append({"id": doc_id, "text": " ".join(texts), "date": date.isoformat()})
        made += size
    return docs, sents


def sidecar_path(out: Path) -> Path:
    return out.with_name(out.name.removesuffix(".jsonl") + ".sentences.jsonl")


def write(docs: list[dict], sents: list[dict], out: Path, sentences_out: Path | None = None) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    side = sentences_out or sidecar_path(out)
    with out.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    with side.open("w", encoding="utf-8") as fh:
        for s in sents:
            fh.write(json.dumps(s, ensure_ascii=False) + "\n")
    return side


def stats(docs: list[dict], sents: list[dict]) -> dict:
    n = len(sents)
    events = sum(1 for s in sents if s["event"])
    roots = Counter(s["root"] for s in sents if s["event"])
    kinds = Counter(s["root"] for s in sents if not s["event"])
    return {
        "documents": len(docs),
        "sentences": n,
        "event_sentences": events,
        "event_share": round(events / n, 3) if n else 0.0,
        "templates": {"event": len(EVENT_TEMPLATES), "follow_up": len(FOLLOW_TEMPLATES),
                      "no_event": len(NOEVENT_TEMPLATES)},
        "distinct_templates_used": len({s["template"] for s in sents}),
        "countries": len(COUNTRIES), "organisations": len(ORGS),
        "mean_sentence_chars": round(sum(len(s["text"]) for s in sents) / n, 1) if n else 0.0,
        "event_roots": dict(sorted(roots.items())),
        "no_event_kinds": dict(sorted(kinds.items())),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=DEFAULT_SENTENCES, help="number of sentences")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=Path("bench/corpus/news.jsonl"))
    ap.add_argument("--sentences-out", type=Path, default=None,
                    help="per-sentence sidecar (default: <out>.sentences.jsonl)")
    ap.add_argument("--show", type=int, default=0, help="print the first N sentences")
    args = ap.parse_args(argv)
    if args.sentences < 1:
        ap.error("--sentences must be positive")
    docs, sents = generate(args.sentences, args.seed)
    side = write(docs, sents, args.out, args.sentences_out)
    for s in sents[: args.show]:
        print(f"{s['template']}\t{s['text']}")
    print(json.dumps(stats(docs, sents), indent=2), file=sys.stderr)
    print(f"wrote {args.out} and {side}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The coder's knowledge: actors, agents, event patterns, discard cues, modality and
coreference words, read from TSV files (see docs/data-files.md) and validated on load."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from eventcoder.errors import DataFileError
from eventcoder.knowledge.ontology import Ontology
from eventcoder.knowledge.tsv import read_rows

DATA_DIR = Path(__file__).parent / "data"

SECTORS = frozenset(
    ["GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "CVL", "MED", "BUS", "REL", "EDU", "HRI", "NGO", "IGO", "SPY", "REF", "LAB", "ELI", "UAF", "CRM", "AGR", "HLH", "ENV"]
)
# body: a named institution of one state (a ministry, agency, armed-forces branch, legislature,
# court, central bank, state broadcaster); group: a named non-state group
ACTOR_KINDS = frozenset({"country", "demonym", "capital", "people", "igo", "ngo", "group", "body"})
DEFAULT_SECTOR = {"country": "GOV", "capital": "GOV", "people": "CVL"}
# what an earlier mention of each kind can be referred back to as ("the organisation", "the group", "it")
KIND_CATEGORY = {"igo": "organisation", "ngo": "organisation", "body": "organisation", "group": "group", "country": "country",
                 "capital": "country", "people": "people", "demonym": "people"}
ORGANISATION_KINDS = frozenset({"igo", "ngo", "group", "body"})  # named organisations: their acronym goes with them
# which of a person's roles on one date the person acts in, first first: an office of the state
# before a seat in parliament, leading the opposition before leading a party
ROLE_SECTOR_PRIORITY = ("GOV", "MIL", "SPY", "COP", "JUD", "IGO", "LEG", "OPP", "REB", "UAF", "PTY")
# the sector of a person out of office ("former minister"): an elite, as PLOVER codes them
FORMER_OFFICEHOLDER_SECTOR = "ELI"
# sectors of the state and of organisations of states: acting for them is not protesting against them
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "IGO"})
ROLES_FIXED = frozenset({"subj", "obj", "dative", "comp-subj", "poss", "compound", "none", "light-subj", "light-obj", "purpose-obj"})
DISCARD_KINDS = frozenset({"sport", "figurative", "business", "weather", "history"})
MODALITY_EFFECTS = frozenset({"report", "content", "hypothetical", "negate"})
COREF_REFERENTS = frozenset({"issuer", "organisation", "actor", "plural", "person", "group", "collective", "country", "claim"})
EXTRA_COUNTRY_CODES = frozenset({"XKX"})  # Kosovo: user-assigned code, used by the field

ACTOR_COLUMNS = ("text", "kind", "code", "sector", "org", "name", "note", "from", "to")  # from, to: optional (added later)
AGENT_COLUMNS = ("text", "sector", "note")
LEXICON_COLUMNS = ("trigger", "pos", "cameo", "source", "target", "mode", "note", "requires")  # requires: optional (added later)
# what a pattern may require of its frame before it fires (an ambiguous word: "beat" is an act
# against someone only with an actor as its target)
PATTERN_REQUIREMENTS = frozenset({"target-actor"})
NO_DEFAULT = "-"  # cameo of a row that declares a head word to have no default pattern
DISCARD_COLUMNS = ("kind", "cue", "note")
FRAME_COLUMNS = ("family", "pos", "source", "target", "note")
MODALITY_COLUMNS = ("lemma", "effect", "note")
COREF_COLUMNS = ("text", "refers", "number", "note")
INFLECTION_COLUMNS = ("lemma", "forms", "note")
INTENT_COLUMNS = ("prefix", "intent", "note")
PEOPLE_COLUMNS = ("name", "aliases", "role", "code", "sector", "org", "from", "to", "note")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class ActorEntry:
    text: str
    kind: str
    code: str | None
    sector: str | None
    org: str | None
    name: str | None
    ambiguous: bool
    origin: str  # "FILE:LINE", shown by explain
    start: str = ""  # ISO date prefix the name or reading holds from ("" when always or not known)
    end: str = ""  # ... and until

    def valid_on(self, date: str | None) -> bool:
        return (not date or not self.start or self.start <= date) and (not date or not self.end or date <= _end_of(self.end))


@dataclass(frozen=True)
class PersonEntry:
    name: str
    role: str
    code: str | None
    sector: str | None
    org: str | None
    start: str  # ISO date prefix or "" when not known
    end: str
    origin: str

    def in_office(self, date: str | None) -> bool:
        if not date:
            return not self.end
        return (not self.start or self.start <= date) and (not self.end or date <= _end_of(self.end))


def _end_of(partial: str) -> str:
    """The last day a partial date ('2019', '2019-05') can mean, for comparing ISO strings."""
    return partial + {4: "-12-31", 7: "-31"}.get(len(partial), "")


@dataclass(frozen=True)
class AgentEntry:
    text: str
    sector: str
    origin: str


@dataclass(frozen=True)
class Pattern:
    words: tuple[frozenset[str], ...]  # head alternatives first, then further words in order
    pos: str
    cameo: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    mode: str | None
    origin: str
    text: str
    requires: frozenset[str] = frozenset()
    frames: tuple[str, str] = ("", "")  # the frame (file:line) whose roles follow the row's own for the source and the target

    @property
    def specificity(self) -> int:
        return len(self.words)

    @property
    def is_default(self) -> bool:
        """A one-word pattern is its head's general default; longer ones refine it."""
        return len(self.words) == 1


@dataclass(frozen=True)
class Frame:
    """Where a family's patterns find their source and target (data/frames/)."""

    family: str  # a family of ontology/families.tsv, or "*" for every code
    pos: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    origin: str


@dataclass(frozen=True)
class DiscardCue:
    kind: str
    cue: str
    origin: str


@dataclass
class Knowledge:
    actors: list[ActorEntry] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    # (head, pos) declared to have no default pattern (a row with cameo "-"): a generic word
    # whose longer patterns alone code ("be", "add")
    no_default: set[tuple[str, str]] = field(default_factory=set)
    discards: list[DiscardCue] = field(default_factory=list)
    modality: dict[str, str] = field(default_factory=dict)
    coref: dict[str, tuple[str, str]] = field(default_factory=dict)
    inflections: dict[str, set[str]] = field(default_factory=dict)
    people: list[tuple[str, PersonEntry]] = field(default_factory=list)  # (written form, entry)
    intents: dict[str, str] = field(default_factory=dict)  # CAMEO code prefix -> intent code
    frames: list[Frame] = field(default_factory=list)  # where patterns with empty roles find their actors
    files: list[Path] = field(default_factory=list)

    @classmethod
    def load(cls, ontology: Ontology, extra_dirs: list[Path] | tuple[Path, ...] = ()) -> Knowledge:
        """Read the built-in knowledge and any user directories laid out like data/."""
        knowledge = cls()
        bases = (DATA_DIR, *map(Path, extra_dirs))
        for base in bases:
            if not base.is_dir():
                raise DataFileError(base, 0, "dictionary directory not found")
        # role frames first, a user's before the built-in ones: patterns take roles from them
        for base in reversed(bases):
            for path in knowledge._files(base, "frames"):
                knowledge.frames.extend(_load_frames(path, ontology))
        country_codes = {c.alpha_3 for c in pycountry.countries} | EXTRA_COUNTRY_CODES
        for base in bases:
            for folder, read in knowledge._readers(ontology, country_codes):
                for path in knowledge._files(base, folder):
                    read(path)
        return knowledge

    def _files(self, base: Path, folder: str) -> list[Path]:
        paths = sorted((base / folder).glob("*.tsv"))
        self.files.extend(paths)
        return paths

    def _readers(self, ontology: Ontology, country_codes: set[str]):
        """(folder, what reads one of its files into this knowledge), in loading order."""
        return (
            ("actors", lambda path: self.actors.extend(_load_actors(path, country_codes))),
            ("agents", lambda path: self.agents.extend(_load_agents(path))),
            ("lexicon", lambda path: self.patterns.extend(_load_patterns(path, ontology, self.no_default, self.frames))),
            ("discards", lambda path: self.discards.extend(_load_discards(path))),
            ("modality", lambda path: self.modality.update(_load_modality(path))),
            ("coref", lambda path: self.coref.update(_load_coref(path))),
            ("people", lambda path: self.people.extend(_load_people(path, country_codes))),
            ("intent", lambda path: self.intents.update(_load_intents(path, ontology))),
            ("inflections", lambda path: _load_inflections(path, self.inflections)),
        )

    def fingerprint(self) -> str:
        """A hash of every knowledge file's content: events record which knowledge made them."""
        digest = hashlib.sha256()
        for path in self.files:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()[:16]


def _load_modality(path: Path) -> dict[str, str]:
    found = {}
    for number, row in read_rows(path, MODALITY_COLUMNS, required=("lemma", "effect")):
        if row["effect"] not in MODALITY_EFFECTS:
            raise DataFileError(path, number, f"effect {row['effect']!r} is not one of {sorted(MODALITY_EFFECTS)}")
        found[row["lemma"].lower()] = row["effect"]
    return found


def _load_coref(path: Path) -> dict[str, tuple[str, str]]:
    found = {}
    for number, row in read_rows(path, COREF_COLUMNS, required=("text", "refers", "number")):
        if row["refers"] not in COREF_REFERENTS:
            raise DataFileError(path, number, f"refers {row['refers']!r} is not one of {sorted(COREF_REFERENTS)}")
        if row["number"] not in ("sg", "pl"):
            raise DataFileError(path, number, "number must be 'sg' or 'pl'")
        found[row["text"].lower()] = (row["refers"], row["number"])
    return found


def _load_intents(path: Path, ontology: Ontology) -> dict[str, str]:
    found = {}
    for number, row in read_rows(path, INTENT_COLUMNS, required=("prefix", "intent")):
        for column in ("prefix", "intent"):
            value = row[column]
            if not value.isdigit() or (column == "intent" and value not in ontology):
                raise DataFileError(path, number, f"{column} {value!r} is not a CAMEO code{' prefix' if column == 'prefix' else ''}")
        found[row["prefix"]] = row["intent"]
    return found


def _load_inflections(path: Path, inflections: dict[str, set[str]]) -> None:
    for _line, row in read_rows(path, INFLECTION_COLUMNS, required=("lemma", "forms")):
        forms = {f.strip().lower() for f in row["forms"].split("|") if f.strip()}
        inflections.setdefault(row["lemma"].lower(), set()).update(forms)


def _load_frames(path: Path, ontology: Ontology) -> list[Frame]:
    frames = []
    families = ontology.families()
    for number, row in read_rows(path, FRAME_COLUMNS, required=("family", "pos", "source", "target")):
        family, pos = row["family"], row["pos"].upper()
        if family != "*" and family not in families:
            raise DataFileError(path, number, f"family {family!r} is not in ontology/families.tsv (or '*')")
        if pos not in ("VERB", "NOUN"):
            raise DataFileError(path, number, f"pos must be VERB or NOUN, found {row['pos']!r}")
        source = _parse_roles(path, number, row["source"], ())
        target = _parse_roles(path, number, row["target"], ())
        frames.append(Frame(family, pos, source, target, f"{path.name}:{number}"))
    return frames


def frame_for(frames: list[Frame], ontology: Ontology, code: str, pos: str) -> Frame | None:
    """The first frame whose family the code is in, for a head of this part of speech."""
    return next((f for f in frames if f.pos == pos and (f.family == "*" or ontology.in_family(code, f.family))), None)


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _load_actors(path: Path, country_codes: set[str]) -> list[ActorEntry]:
    entries = []
    for number, row in read_rows(path, ACTOR_COLUMNS, required=("text", "kind"), optional_tail=2):
        _check_dates(path, number, row)
        kind = row["kind"]
        if kind not in ACTOR_KINDS:
            raise DataFileError(path, number, f"kind {kind!r} is not one of {sorted(ACTOR_KINDS)}")
        code = row["code"] or None
        if kind in ("igo", "ngo"):
            if code != kind.upper():
                raise DataFileError(path, number, f"a {kind} row needs code {kind.upper()}, found {code!r}")
            if not row["org"]:
                raise DataFileError(path, number, f"a {kind} row needs an org acronym")
        elif code is not None and code not in country_codes:
            raise DataFileError(path, number, f"code {code!r} is not an ISO 3166-1 alpha-3 code")
        if kind in ("country", "capital", "demonym") and code is None and not (kind == "demonym" and row["name"]):
            raise DataFileError(path, number, f"a {kind} row needs a country code")
        sector = row["sector"] or DEFAULT_SECTOR.get(kind)
        if sector is not None and sector not in SECTORS:
            raise DataFileError(path, number, f"sector {sector!r} is not a known sector")
        if kind in ("group", "body") and not sector:
            raise DataFileError(path, number, f"a {kind} row needs a sector")
        if kind == "body" and code is None:
            raise DataFileError(path, number, "a body row needs the code of its country")
        entries.append(
            ActorEntry(
                text=_strip_article(row["text"]),
                kind=kind,
                code=code,
                sector=sector,
                org=row["org"] or None,
                name=row["name"] or None,
                ambiguous="ambiguous" in row["note"].lower(),
                origin=f"{path.name}:{number}",
                start=row["from"],
                end=row["to"],
            )
        )
    return entries


def _load_agents(path: Path) -> list[AgentEntry]:
    entries = []
    for number, row in read_rows(path, AGENT_COLUMNS, required=("text", "sector")):
        if row["sector"] not in SECTORS:
            raise DataFileError(path, number, f"sector {row['sector']!r} is not a known sector")
        if row["text"] != row["text"].lower():
            raise DataFileError(path, number, "agent text must be lower case")
        entries.append(AgentEntry(_strip_article(row["text"]), row["sector"], f"{path.name}:{number}"))
    return entries


def _parse_roles(path: Path, number: int, value: str, default: tuple[str, ...]) -> tuple[str, ...]:
    if not value:
        return default
    roles = tuple(part.strip() for part in value.split("|"))
    for role in roles:
        if role in ROLES_FIXED:
            continue
        if role.startswith("prep:") and role[5:].isalpha():
            continue
        raise DataFileError(path, number, f"unknown role {role!r} (see docs/data-files.md)")
    return roles


def _load_patterns(path: Path, ontology: Ontology, no_default: set[tuple[str, str]], frames: list[Frame]) -> list[Pattern]:
    patterns = []
    for number, row in read_rows(path, LEXICON_COLUMNS, required=("trigger", "pos", "cameo"), optional_tail=1):
        pos = row["pos"].upper()
        if pos not in ("VERB", "NOUN"):
            raise DataFileError(path, number, f"pos must be VERB or NOUN, found {row['pos']!r}")
        if row["cameo"] == NO_DEFAULT:
            words = row["trigger"].split()
            if len(words) != 1 or "|" in words[0]:
                raise DataFileError(path, number, f"a '{NO_DEFAULT}' row declares that one head word has no default pattern")
            no_default.add((words[0].lower(), pos))
            continue
        patterns.append(_pattern(path, number, row, pos, ontology, frames))
    return patterns


def _pattern(path: Path, number: int, row: dict[str, str], pos: str, ontology: Ontology, frames: list[Frame]) -> Pattern:
    try:
        code = ontology.cameo(row["cameo"])
    except KeyError:
        raise DataFileError(path, number, f"unknown CAMEO code {row['cameo']!r}") from None
    words = tuple(frozenset(alt.strip().lower() for alt in word.split("|") if alt.strip()) for word in row["trigger"].split())
    if not words or any(not w for w in words):
        raise DataFileError(path, number, f"malformed trigger {row['trigger']!r}")
    mode = row["mode"] or None
    if mode is not None and code.plover and not ontology.is_plover_mode(code.plover, mode):
        raise DataFileError(path, number, f"mode {mode!r} is not a mode of {code.plover}")
    # the frame of the code's family gives the roles a row leaves empty, and is tried after
    # the roles a row states (unless it says "none")
    fallback = Frame("*", pos, ("subj",) if pos == "VERB" else ("poss", "prep:by"), ("obj",) if pos == "VERB" else ("prep:of",), "")
    frame = frame_for(frames, ontology, code.code, pos) or fallback
    source = _with_frame(_parse_roles(path, number, row["source"], frame.source), frame.source)
    target = _with_frame(_parse_roles(path, number, row["target"], frame.target), frame.target)
    requires = frozenset(r.strip() for r in row["requires"].split("|") if r.strip())
    unknown = sorted(requires - PATTERN_REQUIREMENTS)
    if unknown:
        raise DataFileError(path, number, f"requires {', '.join(unknown)}: not one of {sorted(PATTERN_REQUIREMENTS)}")
    frames_used = (frame.origin, frame.origin)
    return Pattern(words, pos, code.code, source, target, mode, f"{path.name}:{number}", row["trigger"], requires, frames_used)


def _with_frame(roles: tuple[str, ...], frame_roles: tuple[str, ...]) -> tuple[str, ...]:
    if "none" in roles:
        return roles
    return roles + tuple(r for r in frame_roles if r not in roles)


def _load_discards(path: Path) -> list[DiscardCue]:
    cues = []
    for number, row in read_rows(path, DISCARD_COLUMNS, required=("kind", "cue")):
        if row["kind"] not in DISCARD_KINDS:
            raise DataFileError(path, number, f"kind {row['kind']!r} is not one of {sorted(DISCARD_KINDS)}")
        cues.append(DiscardCue(row["kind"], row["cue"].lower(), f"{path.name}:{number}"))
    return cues


def _is_partial_date(value: str) -> bool:
    if not _PARTIAL_DATE.match(value):
        return False
    try:
        dt.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        return False
    return True


def _check_dates(path: Path, number: int, row: dict[str, str]) -> None:
    for column in ("from", "to"):
        if row[column] and not _is_partial_date(row[column]):
            raise DataFileError(path, number, f"{column} {row[column]!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if row["from"] and row["to"] and row["to"] < row["from"][: len(row["to"])]:
        raise DataFileError(path, number, f"'to' {row['to']} is before 'from' {row['from']}")


def _load_people(path: Path, country_codes: set[str]) -> list[tuple[str, PersonEntry]]:
    forms = []
    for number, row in read_rows(path, PEOPLE_COLUMNS, required=("name", "role")):
        code = row["code"] or None
        if code is not None and code not in country_codes and code not in ("IGO", "NGO"):
            raise DataFileError(path, number, f"code {code!r} is not an ISO 3166-1 alpha-3 code, IGO or NGO")
        sector = row["sector"] or None
        if sector is not None and sector not in SECTORS:
            raise DataFileError(path, number, f"sector {sector!r} is not a known sector")
        _check_dates(path, number, row)
        entry = PersonEntry(row["name"], row["role"], code, sector, row["org"] or None, row["from"], row["to"], f"{path.name}:{number}")
        for written in [row["name"], *(a.strip() for a in row["aliases"].split("|") if a.strip())]:
            forms.append((written, entry))
    return forms

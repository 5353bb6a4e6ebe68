"""The CAMEO and PLOVER event ontologies, read from ``data/ontology/*.tsv``.

``cameo.tsv`` lists every CAMEO 1.1b3 event code with its name, Goldstein weight, quad class
and the PLOVER event type (and mode) it corresponds to; ``plover.tsv`` lists the PLOVER
event types and their modes. Both files follow docs/data-files.md. Nothing is cached at
module level: callers load an :class:`Ontology` once and pass it around.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from eventcoder.errors import DataFileError
from eventcoder.knowledge.tsv import read_rows

#: The 16 PLOVER event types, in the order of the PLOVER codebook.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

#: The word ``cameo.tsv`` uses for "this code has no PLOVER event type".
NO_PLOVER = "none"

CAMEO_COLUMNS: tuple[str, ...] = (
    "code",
    "name",
    "goldstein",
    "quad_class",
    "plover",
    "mode",
    "note",
    "families",  # added later: a header without it still reads
)
CAMEO_REQUIRED: tuple[str, ...] = ("code", "name", "goldstein", "quad_class", "plover")
PLOVER_COLUMNS: tuple[str, ...] = ("event", "mode", "description")
PLOVER_REQUIRED: tuple[str, ...] = ("event", "description")

FAMILIES_COLUMNS: tuple[str, ...] = ("family", "description")

CAMEO_FILE = "cameo.tsv"
PLOVER_FILE = "plover.tsv"
FAMILIES_FILE = "families.tsv"

_CODE_RE = re.compile(r"^[0-9]{3,4}$")
_MODE_RE = re.compile(r"^[A-Za-z][A-Za-z-]*$")


def quad_class_for_root(root: str) -> int:
    """GDELT's quad class of a two-digit CAMEO root.

    1 verbal cooperation (01-05), 2 material cooperation (06-08), 3 verbal conflict (09-13),
    4 material conflict (14-20).
    """
    number = int(root)
    if not 1 <= number <= 20:
        raise ValueError(f"CAMEO root {root!r} is not between 01 and 20")
    if number <= 5:
        return 1
    if number <= 8:
        return 2
    if number <= 13:
        return 3
    return 4


def default_directory() -> Path:
    """The package's built-in ``data/ontology`` directory."""
    return Path(__file__).resolve().parent / "data" / "ontology"


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code.

    ``code`` keeps its leading zero (``"043"``, ``"1711"``); ``root`` is the two-digit cue
    category (``"04"``, ``"17"``). ``plover`` is ``None`` for codes with no PLOVER type
    (plain statements); ``mode`` is ``None`` when the code implies no particular mode.
    """

    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int
    plover: str | None
    mode: str | None
    note: str = ""
    families: frozenset[str] = frozenset()  # its own and those of the codes above it (families.tsv)

    @property
    def is_root(self) -> bool:
        """True for the three-digit code that stands for a whole root (``010``, ``190``)."""
        return self.code == self.root + "0"

    @property
    def root_code(self) -> str:
        """The three-digit code of this code's root (``"190"`` for ``"1951"``)."""
        return self.root + "0"

    @property
    def parent(self) -> str | None:
        """The code one level up: ``"195"`` for ``"1951"``, ``"190"`` for ``"193"``."""
        if len(self.code) == 4:
            return self.code[:3]
        if self.is_root:
            return None
        return self.root_code


def _parse_plover(
    path: Path,
) -> tuple[dict[str, list[str]], dict[tuple[str, str], str]]:
    """Read plover.tsv into (type -> modes, (type, mode) -> description)."""
    modes: dict[str, list[str]] = {}
    descriptions: dict[tuple[str, str], str] = {}
    last_line = 1
    for line, cells in read_rows(path, PLOVER_COLUMNS, PLOVER_REQUIRED):
        last_line = line
        event, mode = cells["event"], cells["mode"]
        if event not in PLOVER_TYPES:
            raise DataFileError(
                path,
                line,
                f"unknown PLOVER event type {event!r}; expected one of "
                + ", ".join(PLOVER_TYPES),
            )
        if (event, mode) in descriptions:
            what = f"mode {event} {mode}" if mode else f"event type {event}"
            raise DataFileError(path, line, f"{what} is listed twice")
        if mode:
            if event not in modes:
                raise DataFileError(
                    path,
                    line,
                    f"mode {mode!r} comes before the row of its event type {event}",
                )
            if not _MODE_RE.match(mode):
                raise DataFileError(
                    path,
                    line,
                    f"mode {mode!r} must be letters and hyphens, starting with a letter",
                )
            modes[event].append(mode)
        else:
            modes[event] = []
        descriptions[(event, mode)] = cells["description"]
    missing = [event for event in PLOVER_TYPES if event not in modes]
    if missing:
        raise DataFileError(
            path, last_line, "missing PLOVER event types: " + ", ".join(missing)
        )
    return modes, descriptions


def _parse_cameo(path: Path, plover_modes: Mapping[str, Sequence[str]], families: Mapping[str, str]) -> list[CameoCode]:
    """Read and validate cameo.tsv against the PLOVER types and modes and the families."""
    codes: list[CameoCode] = []
    lines: dict[str, int] = {}
    for line, cells in read_rows(path, CAMEO_COLUMNS, CAMEO_REQUIRED, optional_tail=1):
        code = _checked_code(path, line, cells["code"], lines)
        plover = _checked_plover(path, line, code, cells["plover"], cells["mode"], plover_modes)
        own = frozenset(f for f in cells["families"].split("|") if f)
        unknown = sorted(own - set(families))
        if unknown:
            raise DataFileError(path, line, f"unknown famil{'ies' if len(unknown) > 1 else 'y'} {', '.join(unknown)} (see {FAMILIES_FILE})")
        lines[code] = line
        codes.append(
            CameoCode(
                code=code,
                name=cells["name"],
                root=code[:2],
                goldstein=_checked_goldstein(path, line, cells["goldstein"]),
                quad_class=_checked_quad_class(path, line, code, cells["quad_class"]),
                plover=plover,
                mode=cells["mode"] or None,
                note=cells["note"],
                families=own,
            )
        )
    return _with_inherited_families(path, codes, lines)


def _checked_code(path: Path, line: int, code: str, lines: Mapping[str, int]) -> str:
    if not _CODE_RE.match(code):
        raise DataFileError(path, line, f"code {code!r} must be 3 or 4 digits with its leading zero (043, 1711)")
    if code in lines:
        raise DataFileError(path, line, f"code {code} is listed twice (first on line {lines[code]})")
    if not 1 <= int(code[:2]) <= 20:
        raise DataFileError(path, line, f"code {code} has root {code[:2]}; CAMEO roots run from 01 to 20")
    return code


def _checked_goldstein(path: Path, line: int, cell: str) -> float:
    try:
        goldstein = float(cell)
    except ValueError:
        raise DataFileError(path, line, f"goldstein {cell!r} is not a number") from None
    if not math.isfinite(goldstein) or not -10.0 <= goldstein <= 10.0:
        raise DataFileError(path, line, f"goldstein {cell} is outside -10 .. 10")
    return goldstein


def _checked_quad_class(path: Path, line: int, code: str, cell: str) -> int:
    root = code[:2]
    expected = quad_class_for_root(root)
    if cell != str(expected):
        raise DataFileError(
            path, line,
            f"quad_class {cell!r} for code {code}: root {root} is quad class {expected} (1 = roots 01-05, 2 = 06-08, 3 = 09-13, 4 = 14-20)",
        )
    return expected


def _checked_plover(path: Path, line: int, code: str, plover_cell: str, mode_cell: str, plover_modes: Mapping[str, Sequence[str]]) -> str | None:
    if plover_cell == NO_PLOVER:
        if mode_cell:
            raise DataFileError(path, line, f"code {code} has plover 'none' but mode {mode_cell!r}; a mode needs an event type")
        return None
    if plover_cell not in plover_modes:
        raise DataFileError(
            path, line, f"plover {plover_cell!r} is not a PLOVER event type (one of " + ", ".join(plover_modes) + f") or '{NO_PLOVER}'"
        )
    if mode_cell and mode_cell not in plover_modes[plover_cell]:
        allowed = ", ".join(plover_modes[plover_cell]) or "no modes"
        raise DataFileError(path, line, f"mode {mode_cell!r} is not a mode of {plover_cell} (it has: {allowed})")
    return plover_cell


def _with_inherited_families(path: Path, codes: list[CameoCode], lines: Mapping[str, int]) -> list[CameoCode]:
    """Every code is also in the families of the codes above it (1823 in those of 182 and 180)."""
    by_code = {entry.code: entry for entry in codes}
    for entry in codes:
        parent = entry.parent
        if parent is not None and parent not in by_code:
            raise DataFileError(path, lines[entry.code], f"code {entry.code} has no parent: code {parent} is not in the file")

    def families_of(entry: CameoCode) -> frozenset[str]:
        parent = by_code.get(entry.parent) if entry.parent else None
        return entry.families | (families_of(parent) if parent is not None else frozenset())

    return [replace(entry, families=families_of(entry)) for entry in codes]


def _parse_families(path: Path) -> dict[str, str]:
    """Read families.tsv: family name -> what the family is and what the code asks of it."""
    families: dict[str, str] = {}
    for line, cells in read_rows(path, FAMILIES_COLUMNS, FAMILIES_COLUMNS):
        name = cells["family"]
        if not _MODE_RE.match(name):
            raise DataFileError(path, line, f"family {name!r} must be letters and hyphens, starting with a letter")
        if name in families:
            raise DataFileError(path, line, f"family {name} is listed twice")
        families[name] = cells["description"]
    return families


class Ontology:
    """CAMEO codes and PLOVER event types, with the mapping between them."""

    def __init__(
        self,
        codes: Iterable[CameoCode],
        plover_modes: Mapping[str, Sequence[str]],
        plover_descriptions: Mapping[tuple[str, str], str] | None = None,
        families: Mapping[str, str] | None = None,
    ) -> None:
        self._codes: dict[str, CameoCode] = {}
        for entry in codes:
            if entry.code in self._codes:
                raise ValueError(f"CAMEO code {entry.code} given twice")
            self._codes[entry.code] = entry
        self._modes: dict[str, tuple[str, ...]] = {
            event: tuple(modes) for event, modes in plover_modes.items()
        }
        self._descriptions: dict[tuple[str, str], str] = dict(plover_descriptions or {})
        self._families: dict[str, str] = dict(families or {})

    @classmethod
    def load(cls, directory: Path | str | None = None) -> Ontology:
        """Read ``plover.tsv`` and ``cameo.tsv`` from ``directory`` (default: built-in data).

        Raises :class:`DataFileError` naming the file and line of the first problem.
        """
        base = Path(directory) if directory is not None else default_directory()
        plover_modes, descriptions = _parse_plover(base / PLOVER_FILE)
        families = _parse_families(base / FAMILIES_FILE)
        codes = _parse_cameo(base / CAMEO_FILE, plover_modes, families)
        return cls(codes, plover_modes, descriptions, families)

    # --- CAMEO -------------------------------------------------------------------------

    def cameo(self, code: str) -> CameoCode:
        """The entry of a CAMEO code such as ``"043"`` or ``"1711"``."""
        try:
            return self._codes[code]
        except (KeyError, TypeError):
            pass
        hint = ""
        if isinstance(code, str) and len(code) == 2 and code + "0" in self._codes:
            hint = f" (root codes are written with three digits: {code}0)"
        elif isinstance(code, str) and code.isdigit() and len(code) < 3:
            hint = " (CAMEO codes keep their leading zero: 043, not 43)"
        raise KeyError(f"unknown CAMEO code {code!r}{hint}")

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def codes(self) -> list[CameoCode]:
        """Every CAMEO code, in file order."""
        return list(self._codes.values())

    def roots(self) -> list[str]:
        """The two-digit CAMEO roots present (``"01"`` ... ``"20"``), in order."""
        return sorted({entry.root for entry in self._codes.values()})

    def children(self, code: str) -> list[CameoCode]:
        """The codes directly below ``code`` (``"195"`` -> ``1951``, ``1952``)."""
        self.cameo(code)
        return [entry for entry in self._codes.values() if entry.parent == code]

    # --- families ----------------------------------------------------------------------

    def in_family(self, code: str, family: str) -> bool:
        """Is the CAMEO code (or root, "18") in the named family of families.tsv?"""
        if family not in self._families:
            raise KeyError(f"unknown CAMEO family {family!r}; families.tsv has " + ", ".join(self._families))
        entry = self._codes.get(code) or self._codes.get(code + "0")
        if entry is None:
            raise KeyError(f"unknown CAMEO code {code!r}")
        return family in entry.families

    def families(self) -> dict[str, str]:
        """Every family with its description, in file order."""
        return dict(self._families)

    def family_codes(self, family: str) -> list[str]:
        """The codes in a family, in file order."""
        self.in_family(self.codes()[0].code, family)  # an unknown family is an error
        return [entry.code for entry in self._codes.values() if family in entry.families]

    # --- PLOVER ------------------------------------------------------------------------

    def plover_types(self) -> list[str]:
        """The PLOVER event types, in the order of ``plover.tsv``."""
        return list(self._modes)

    def plover_modes(self, event: str) -> list[str]:
        """The modes of a PLOVER event type (empty for types without modes)."""
        try:
            return list(self._modes[event])
        except KeyError:
            raise KeyError(
                f"unknown PLOVER event type {event!r}; expected one of "
                + ", ".join(self._modes)
            ) from None

    def is_plover_type(self, event: str) -> bool:
        return event in self._modes

    def is_plover_mode(self, event: str, mode: str) -> bool:
        """True if ``mode`` is one of the modes of PLOVER event type ``event``."""
        return mode in self._modes.get(event, ())

    def plover_description(self, event: str, mode: str | None = None) -> str:
        """The description of an event type, or of one of its modes."""
        key = (event, mode or "")
        if key not in self._descriptions:
            what = (
                f"PLOVER mode {event} {mode}" if mode else f"PLOVER event type {event}"
            )
            raise KeyError(f"no description for {what}")
        return self._descriptions[key]

    def codes_for_plover(self, event: str) -> list[CameoCode]:
        """The CAMEO codes that map to PLOVER event type ``event``."""
        self.plover_modes(event)
        return [entry for entry in self._codes.values() if entry.plover == event]

"""Reading the project's tab-separated knowledge files, with errors that name file and line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from eventcoder.errors import DataFileError


def read_rows(
    path: Path, columns: tuple[str, ...], required: tuple[str, ...] = (), optional_tail: int = 0
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data line of a TSV file with the given header.

    Trailing optional columns may be left off a row; the header itself may leave off up to
    `optional_tail` of the last columns (columns added to a format later, so that files
    written before still read). A row with more cells than the header, a missing required
    cell or a wrong header raises DataFileError naming the line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(path, 0, "file not found") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(path, 0, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise DataFileError(path, 0, f"cannot read file ({exc.strerror})") from None
    header_seen = False
    accepted = {columns[: len(columns) - k] for k in range(optional_tail + 1)}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header = tuple(cell.strip() for cell in cells)
            if header not in accepted:
                raise DataFileError(path, number, f"header must be {'<TAB>'.join(columns)!r}, found {line!r}")
            header_seen, width = True, len(header)
            continue
        if len(cells) > width:
            raise DataFileError(path, number, f"{len(cells)} cells, the header has {width} columns")
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(columns)}
        for name in required:
            if not row[name]:
                raise DataFileError(path, number, f"column {name!r} must not be empty")
        yield number, row
    if not header_seen:
        raise DataFileError(path, 1, f"missing header {'<TAB>'.join(columns)!r}")

"""Short functions and modules under src/ (STANDARDS: about 60 lines a function, 500 a module).

A function is measured from its `def` line to its last line (decorators not counted; a nested
function counts on its own and inside the one that holds it); a module by its number of lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 500

def oversized(path: Path, root: Path = ROOT) -> list[str]:
    """What is too long in one Python file, one line each: `path: N lines` for the module,
    `path:LINE name: N lines` for a function or method."""
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(root).as_posix()
    found = []
    n_lines = len(text.splitlines())
    if n_lines > MAX_MODULE_LINES:
        found.append(f"{name}: module of {n_lines} lines (at most {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(text, filename=str(path))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(f"{name}:{node.lineno} {node.name}: {length} lines (at most {MAX_FUNCTION_LINES})")
    return sorted(found)


def sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_functions_and_modules_under_src_are_short():
    checked = sources()
    assert checked, f"no Python files found under {SRC}"
    offenders = [line for path in checked for line in oversized(path)]
    assert not offenders, "too long (split into well-named smaller parts):\n" + "\n".join(offenders)


def test_the_measure_counts_from_def_to_last_line(tmp_path):
    def function(name: str, lines: int, indent: str = "") -> str:
        body = "".join(f"{indent}    x{i} = {i}\n" for i in range(lines - 2))
        return f"{indent}def {name}():\n{body}{indent}    return 0\n"

    source = (
        "import functools\n\n\n"
        "@functools.cache\n@functools.wraps(print)\n" + function("exactly_sixty", 60) + "\n\n"
        + function("sixty_one", 61) + "\n\n"
        + "class Holder:\n" + function("long_method", 70, indent="    ") + "\n\n"
        + "async def outer():\n" + function("inner", 61, indent="    ") + "    return None\n"
    )
    module = tmp_path / "sample.py"
    module.write_text(source)
    found = oversized(module, root=tmp_path)
    # decorators are not counted (exactly_sixty has two); a nested function counts in its holder too
    names = sorted(line.split()[1].rstrip(":") for line in found)
    assert names == ["inner", "long_method", "outer", "sixty_one"], found
    assert any(line.startswith("sample.py:") and "sixty_one: 61 lines" in line for line in found), found

    short = tmp_path / "short.py"
    short.write_text("x = 1\n" * MAX_MODULE_LINES)
    assert oversized(short, root=tmp_path) == []
    long = tmp_path / "long.py"
    long.write_text("x = 1\n" * (MAX_MODULE_LINES + 1))
    assert oversized(long, root=tmp_path) == [f"long.py: module of {MAX_MODULE_LINES + 1} lines (at most {MAX_MODULE_LINES})"]

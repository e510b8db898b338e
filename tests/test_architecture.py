"""Size limits (issue 8): no module in pipeline/ over 400 lines, no class or
function over 150 lines, so that each file says what it holds."""
from __future__ import annotations

import ast
from pathlib import Path

PIPELINE = Path(__file__).resolve().parents[1] / "pipeline"
MAX_FILE_LINES = 400
MAX_DEF_LINES = 150
PENDING: set[str] = set()   # modules allowed over the limits while they are being split (none)


def _modules():
    return sorted(p for p in PIPELINE.rglob("*.py") if "__pycache__" not in p.parts)


def test_no_module_over_400_lines():
    too_long = {str(p.relative_to(PIPELINE)): n for p in _modules()
                if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES}
    assert set(too_long) <= PENDING, too_long


def test_no_class_or_function_over_150_lines():
    too_long = []
    for p in _modules():
        if p.name in PENDING:
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                start = min([node.lineno] + [d.lineno for d in node.decorator_list])
                if node.end_lineno - start + 1 > MAX_DEF_LINES:
                    too_long.append(f"{p.relative_to(PIPELINE)}:{node.lineno} {node.name} "
                                    f"({node.end_lineno - start + 1} lines)")
    assert not too_long, too_long


def test_events_py_is_gone():
    assert not (PIPELINE / "events.py").exists()
    assert not (PIPELINE / "normalize.py").exists()

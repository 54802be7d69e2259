"""English second: every text the portal marks for translation has its English in
locale/en/LC_MESSAGES/django.po (compiled to django.mo).

The texts are found as `makemessages` finds them, without its gettext binaries: translation
calls with literal texts in our Python code (ast), and `{% translate %}` / `{% blocktranslate %}`
in our templates (Django's own `templatize`). A text missing from the catalogue is shown in
Indonesian on the English interface.
"""

import ast
import re
from pathlib import Path

from django.utils.translation import trans_real
from django.utils.translation.template import templatize

from tests.test_layers import layers

ROOT = Path(__file__).resolve().parent.parent
SINGULAR = {"_", "gettext", "gettext_lazy", "gettext_noop"}
CONTEXT = {"pgettext", "pgettext_lazy"}
PLURAL = {"ngettext", "ngettext_lazy"}
CONTEXT_PLURAL = {"npgettext", "npgettext_lazy"}
# What templatize writes for each translation tag: gettext(u'…'), pgettext(u'ctx', u'…')…
LITERAL = r"u?'(?:[^'\\]|\\.)*'"
TEMPLATE_CALL = re.compile(
    rf"\b(gettext|pgettext|ngettext|npgettext)\(({LITERAL})(?:, ({LITERAL}))?"
)


def python_files():
    for app in layers():
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def template_files():
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in (".html", ".txt"):
            yield path


def call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def literal(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def python_msgids(path: Path):
    """(key, where) for each translation call with literal texts; keys as the catalogue has
    them: a context joined by \\x04, a plural by its singular and form 0."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call) or len(node.args) == 0:
            continue
        name, texts = call_name(node), [literal(arg) for arg in node.args]
        where = f"{path.relative_to(ROOT)}:{node.lineno}"
        if name in SINGULAR and texts[0]:
            yield texts[0], where
        elif name in CONTEXT and len(texts) > 1 and texts[0] and texts[1]:
            yield f"{texts[0]}\x04{texts[1]}", where
        elif name in PLURAL and texts[0]:
            yield (texts[0], 0), where
        elif name in CONTEXT_PLURAL and len(texts) > 1 and texts[0] and texts[1]:
            yield (f"{texts[0]}\x04{texts[1]}", 0), where


def template_msgids(path: Path):
    for match in TEMPLATE_CALL.finditer(templatize(path.read_text(), origin=str(path))):
        function, first, second = match.groups()
        first = ast.literal_eval(first)
        second = ast.literal_eval(second) if second else None
        where = str(path.relative_to(ROOT))
        if function == "gettext":
            yield first, where
        elif function == "pgettext":
            yield f"{first}\x04{second}", where
        elif function == "ngettext":
            yield (first, 0), where
        else:
            yield (f"{first}\x04{second}", 0), where


def test_the_finder_sees_python_and_template_texts():
    """Guards the check below from passing on nothing found."""
    from_python = dict(python_msgids(ROOT / "smartcity" / "models.py"))
    from_templates = dict(template_msgids(ROOT / "templates" / "base.html"))

    assert "Pejabat Pemda" in from_python
    assert "Langsung ke isi" in from_templates


def test_every_translated_text_has_its_english():
    catalogue = trans_real.translation("en")._catalog
    found = [*(m for p in python_files() for m in python_msgids(p))]
    found += [m for p in template_files() for m in template_msgids(p)]
    assert len(found) > 1000
    missing = sorted({f"{where}: {key!r}" for key, where in found if key not in catalogue})
    assert not missing, "No English in locale/en/LC_MESSAGES/django.po for:\n" + "\n".join(missing)

"""Each reply template has one typed view, and the view (with the shared frame) gives every name it reads."""

import jinja2.meta
import pytest

from bot import views
from bot.render import TEMPLATE_DIR, environment, template_names

FRAME = {"footer", "clauses", "source", "doc", "options", "grade_names", "role_names", "graded_tiers", "ungraded_tiers"}
VIEWS = {cls.template: cls for cls in vars(views).values()
         if isinstance(cls, type) and issubclass(cls, views.View) and cls is not views.View}


def _read_names(template: str) -> set[str]:
    ast = environment(False).parse((TEMPLATE_DIR / f"{template}.j2").read_text(encoding="utf-8"))
    assigned = {n.target.name for n in ast.find_all(jinja2.nodes.Assign) if isinstance(n.target, jinja2.nodes.Name)}
    return jinja2.meta.find_undeclared_variables(ast) - assigned - {"b", "i", "q", "html"}


def test_every_template_has_one_view():
    assert set(template_names()) == set(VIEWS)


@pytest.mark.parametrize("template", sorted(VIEWS))
def test_view_gives_every_name_its_template_reads(template):
    fields = set(VIEWS[template].__dataclass_fields__)
    assert _read_names(template) - FRAME <= fields


def test_views_are_frozen():
    view = views.FallbackView(reason="x")
    with pytest.raises(Exception):
        view.reason = "y"

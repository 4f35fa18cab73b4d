"""The scored plan's items as a scheme sees them: grouped by the plan's categories, and found by what
a spreadsheet writes for them (a number such as 一、（一）1., or a title).

The scheme's pages offer, for each of its categories, the items of the matching plan category
(chosen, or by the same name, as ``assessment.compute`` maps them); the workbook names them by the
shortest text that picks out exactly one item, so a scheme exported and imported again links the same
items.
"""

from __future__ import annotations

from collections import defaultdict

from responsibility.models import Category, ResponsibilityItem, WorkPlan, attach_ancestors


class PlanItems:
    """Every leaf item of one plan (or none), read once, with its full number."""

    def __init__(self, plan: WorkPlan | None):
        self.plan = plan
        items = []
        if plan is not None:
            items = list(
                ResponsibilityItem.objects.filter(plan=plan, is_heading=False)
                .only("plan", "parent", "order", "number", "title", "category", "is_heading")
                .order_by("order", "id")
            )
            attach_ancestors(items)
        self.items = items
        self.by_pk = {item.pk: item for item in items}
        self.categories = list(Category.objects.filter(plan=plan)) if plan is not None else []
        self._keys: dict[str, dict[str, list[ResponsibilityItem]]] = {}

    def plan_category(self, name: str, chosen_id: int | None = None) -> Category | None:
        """The plan category a scheme category scores: the chosen one, else the one of the same name."""
        for category in self.categories:
            if category.pk == chosen_id or (chosen_id is None and category.name == name):
                return category
        return None

    def of_category(self, category: Category | None) -> list[ResponsibilityItem]:
        if category is None:
            return []
        return [item for item in self.items if item.category_id == category.pk]

    def choices(self) -> dict[int | None, list[tuple[int, str]]]:
        """plan category id -> (item id, "一、（一）1. 标题") for a select."""
        grouped: dict[int | None, list[tuple[int, str]]] = defaultdict(list)
        for item in self.items:
            grouped[item.category_id].append((item.pk, label(item)))
        return grouped

    # --- naming items in a workbook ---------------------------------------------------------------

    def _index(self) -> dict[str, dict[str, list[ResponsibilityItem]]]:
        if not self._keys:
            for kind, key in KEYS:
                index: dict[str, list[ResponsibilityItem]] = defaultdict(list)
                for item in self.items:
                    if text := normal(key(item)):
                        index[text].append(item)
                self._keys[kind] = index
        return self._keys

    def find(self, text: str) -> list[ResponsibilityItem]:
        """The items ``text`` names: by full number, then number and title, then title alone, then
        number alone; the first kind that names any item decides (several items means ambiguous)."""
        wanted = normal(text)
        for kind, _key in KEYS:
            found = self._index()[kind].get(wanted)
            if found:
                return found
        return []

    def name_of(self, item: ResponsibilityItem) -> str:
        """The shortest text that ``find`` reads back as exactly this item."""
        for _kind, key in KEYS:
            text = key(item)
            if text and self.find(text) == [item]:
                return text
        return label(item)


def label(item: ResponsibilityItem) -> str:
    number = item.full_number
    return f"{number} {item.title}" if number else item.title


def normal(text: str) -> str:
    """Spaces dropped, ASCII brackets and dots as the full-width ones documents also use."""
    return "".join(text.split()).translate(FULL_WIDTH)


FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "："})
KEYS = [
    ("full_number", lambda item: item.full_number),
    ("label", label),
    ("title", lambda item: item.title),
    ("number", lambda item: item.number),
]

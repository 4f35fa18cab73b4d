"""``units_in``: an organisation's units to ``MAX_DEPTH`` levels below it, in one recursive statement."""

from responsibility.models import Unit
from responsibility.organisation import MAX_DEPTH, units_in


def below(ids: list[int], depth: int) -> set[int]:
    """The units and their descendants to ``depth`` levels, walked in Python."""
    found, level = set(ids), list(ids)
    for _ in range(depth):
        level = list(Unit.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        found.update(level)
    return found


def test_the_units_of_a_tree_to_its_depth_and_no_further(db):
    street = Unit.objects.create(name="回兴街道", kind=Unit.Kind.ORGANISATION)
    other = Unit.objects.create(name="龙溪街道", kind=Unit.Kind.ORGANISATION)
    chain = [street]
    for depth in range(MAX_DEPTH + 2):
        chain.append(Unit.objects.create(name=f"第{depth + 1}级", parent=chain[-1]))
    Unit.objects.create(name="社区", parent=street)
    sub = Unit.objects.create(name="下级街道", parent=street, kind=Unit.Kind.ORGANISATION)
    Unit.objects.create(name="下级社区", parent=sub)
    Unit.objects.create(name="别处", parent=other)
    found = set(units_in([street.pk]).values_list("pk", flat=True))
    assert found == below([street.pk], MAX_DEPTH)
    assert chain[MAX_DEPTH].pk in found and chain[MAX_DEPTH + 1].pk not in found
    both = set(units_in({street.pk, other.pk}).values_list("pk", flat=True))
    assert both == below([street.pk, other.pk], MAX_DEPTH)
    assert not units_in([]).exists()
    # a query to nest in another, as the board's filters nest it
    assert set(Unit.objects.filter(pk__in=units_in([other.pk])).values_list("name", flat=True)) == {"龙溪街道", "别处"}

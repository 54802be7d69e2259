from masterplan.models import Dimension, Element
from partners.models import DIMENSIONS


def test_the_six_dimensions_and_their_eighteen_elements_are_seeded(db):
    assert list(Dimension.objects.values_list("name", flat=True)) == [
        "Smart Governance",
        "Smart Branding",
        "Smart Economy",
        "Smart Living",
        "Smart Society",
        "Smart Environment",
    ]
    assert Element.objects.count() == 18
    living = Element.objects.filter(dimension__code="living").values_list("name", flat=True)
    assert list(living) == ["Harmonisasi tata ruang", "Kesehatan", "Mobilitas"]


def test_the_dimension_codes_match_the_tags_partners_use(db):
    assert set(Dimension.objects.values_list("code", flat=True)) == {code for code, _ in DIMENSIONS}

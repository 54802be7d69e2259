"""factory_boy factories with traits, one per model the tests build."""

from decimal import Decimal

import factory
from django.conf import settings

from candidates.models import Candidate, Cohort
from smartcity.models import Institution, PartnerOrganisation, Region, User

TEST_PASSWORD = "a-long-test-password-42"


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{80 + n % 19}")
    name = factory.LazyAttribute(lambda o: f"Provinsi {o.code}")
    kind = Region.Kind.PROVINCE
    province = None


class RegionFactory(factory.django.DjangoModelFactory):
    """A kab/kota; its province is made from the first two digits of its code."""

    class Meta:
        model = Region
        django_get_or_create = ["code"]

    # Codes in provinces 40-49, which Indonesia does not have: a factory region never lands on
    # a code a test names (33.11 Sukoharjo, 32.73 Bandung…), whatever the order tests run in.
    code = factory.Sequence(lambda n: f"{40 + n // 99 % 10}.{1 + n % 99:02d}")
    name = factory.LazyAttribute(lambda o: f"Kabupaten Contoh {o.code}")
    kind = Region.Kind.REGENCY
    province = factory.LazyAttribute(lambda o: ProvinceFactory(code=o.code.split(".")[0]))

    class Params:
        city = factory.Trait(
            kind=Region.Kind.CITY, name=factory.LazyAttribute(lambda o: f"Kota Contoh {o.code}")
        )


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        django_get_or_create = ["year"]

    year = 2018
    name = factory.LazyAttribute(lambda o: f"Gerakan Menuju 100 Smart City {o.year}")


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    cohort = factory.SubFactory(CohortFactory)
    region = factory.SubFactory(RegionFactory)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"inst{n}")
    name = factory.LazyAttribute(lambda o: f"Institusi {o.code}")
    kind = Institution.Kind.UNIVERSITY


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"mitra{n}")
    name = factory.LazyAttribute(lambda o: f"Mitra {o.slug}")


class UserFactory(factory.django.DjangoModelFactory):
    """A user of one role; traits bind it to what the role needs."""

    class Meta:
        model = settings.AUTH_USER_MODEL
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    class Params:
        staff = factory.Trait(role=User.Role.STAFF, is_staff=True)
        official = factory.Trait(role=User.Role.OFFICIAL, region=factory.SubFactory(RegionFactory))
        assessor = factory.Trait(
            role=User.Role.ASSESSOR, institution=factory.SubFactory(InstitutionFactory)
        )
        mentor = factory.Trait(
            role=User.Role.MENTOR, institution=factory.SubFactory(InstitutionFactory)
        )
        evaluator = factory.Trait(
            role=User.Role.EVALUATOR, institution=factory.SubFactory(InstitutionFactory)
        )
        partner = factory.Trait(
            role=User.Role.PARTNER,
            partner_organisation=factory.SubFactory(PartnerOrganisationFactory),
        )

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class IndicatorImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "candidates.IndicatorImport"

    year = 2018
    file_name = factory.LazyAttribute(lambda o: f"indikator-{o.year}.csv")
    checksum = factory.Sequence(lambda n: f"{n:064x}")
    row_count = 0


class IndicatorSetFactory(factory.django.DjangoModelFactory):
    """A complete set of indicators unless a value is passed as None."""

    class Meta:
        model = "candidates.IndicatorSet"

    region = factory.SubFactory(RegionFactory)
    year = factory.LazyAttribute(lambda o: o.dataset.year)
    dataset = factory.SubFactory(IndicatorImportFactory)
    fiscal_capacity_index = Decimal("1.0")
    fiscal_capacity_category = "sedang"
    ekppd_score = Decimal("3.0")
    ekppd_status = "sangat_tinggi"
    green_city_index = Decimal("50")

"""Shared steps for the open-data tests: a dataset with a dictionary, and releases of it
published through the real upload path."""

import pytest
from django.core.files.base import ContentFile

from publicdata.models import Dataset, FieldSpec
from publicdata.publishing import create_draft, publish

REFERRALS_V1 = (
    "month,referral_type,referrals,enrolled,enrolment_rate,first_contact,diverted\n"
    "2017-01,Arrest diversion,24,18,0.75,2017-01-03,true\n"
    "2017-01,Social contact,3,2,0.667,2017-01-09,false\n"
    "2017-01,Total,27,20,0.741,2017-01-03,true\n"
    "2017-02,Arrest diversion,31,25,0.806,2017-02-01,true\n"
    "2017-02,Social contact,14,12,0.857,2017-02-02,false\n"
    "2017-02,Total,45,37,0.822,2017-02-01,true\n"
)
REFERRALS_V2 = REFERRALS_V1.replace("2017-02,Social contact,14,12", "2017-02,Social contact,15,12")
REFERRALS_V2 = REFERRALS_V2.replace("2017-02,Total,45,37", "2017-02,Total,46,37")

FIELDS = [
    # name, title, type, role, primary key, extra
    ("month", "Month", "yearmonth", "dimension", True, {}),
    (
        "referral_type",
        "Referral type",
        "string",
        "dimension",
        True,
        {"allowed_values": "Arrest diversion\nSocial contact\nTotal"},
    ),
    ("referrals", "Referrals", "integer", "count", False, {"unit": "people", "minimum": 0}),
    ("enrolled", "Enrolled", "integer", "count", False, {"unit": "people", "minimum": 0}),
    (
        "enrolment_rate",
        "Share enrolled",
        "number",
        "rate",
        False,
        {
            "numerator": "enrolled",
            "denominator": "referrals",
            "minimum": 0,
            "maximum": 1,
            "unit_kind": "proportion",
        },
    ),
    ("first_contact", "First contact", "date", "measure", False, {}),
    ("diverted", "Any arrest diversion", "boolean", "measure", False, {}),
]


def make_dataset(
    slug="referrals",
    title="Referrals and enrolments by month",
    contact_email="data@example.org",
    **extra,
):
    dataset = Dataset.objects.create(
        title=title,
        slug=slug,
        summary="People referred to LEAD and enrolled, by month and referral type.",
        description="<p>Referrals made by officers in the pilot area.</p>",
        methodology="<p>Counted from case-management records on the first of each month.</p>",
        source="LEAD Baltimore case management",
        contact_email=contact_email,
        spatial_coverage="Pilot area, Baltimore, Maryland",
        is_sample=True,
        **extra,
    )
    dataset.keywords.add("referrals", "enrolment")
    dataset.save()  # a ClusterableModel's tags are written on save
    for order, (name, field_title, kind, role, key, options) in enumerate(FIELDS):
        FieldSpec.objects.create(
            dataset=dataset,
            sort_order=order,
            name=name,
            title=field_title,
            type=kind,
            role=role,
            primary_key=key,
            **options,
        )
    return dataset


def publish_csv(dataset, text, note="First release"):
    release = create_draft(dataset, ContentFile(text.encode()), note)
    assert release.validation_errors == [], release.validation_errors
    return publish(release)


@pytest.fixture
def referrals(db):
    """A dataset with two published releases (the second corrects February)."""
    dataset = make_dataset()
    publish_csv(dataset, REFERRALS_V1)
    publish_csv(dataset, REFERRALS_V2, note="Corrected February's social contacts.")
    return dataset

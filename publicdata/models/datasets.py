"""A dataset and its data dictionary: what every column means and what it may hold."""

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from portal.translated_fields import spanish_field
from publicdata.contacts import program_contact
from publicdata.spreadsheets import formula_problem


def parse_pairs(text, separator="=", form="field=value"):
    """``field=value`` lines as a list of (field, value); blank lines skipped."""
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, found, value = line.partition(separator)
        if not found or not name.strip() or not value.strip():
            raise ValueError(f"line {number} (“{line.strip()[:60]}”) is not in the form {form}")
        pairs.append((name.strip(), value.strip()))
    return pairs


class Licence(models.TextChoices):
    CC_BY_4 = "CC-BY-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC0 = "CC0-1.0", _("Creative Commons Zero 1.0 (public domain dedication)")
    ODC_BY = "ODC-By-1.0", _("Open Data Commons Attribution 1.0")


class UpdateFrequency(models.TextChoices):
    MONTHLY = "R/P1M", _("Monthly")
    QUARTERLY = "R/P3M", _("Quarterly")
    ANNUALLY = "R/P1Y", _("Annually")
    IRREGULAR = "irregular", _("Irregularly")
    NEVER = "never", _("No further updates")


class DatasetKeyword(TaggedItemBase):
    content_object = ParentalKey(
        "publicdata.Dataset", on_delete=models.CASCADE, related_name="tagged_items"
    )


# Where a Prefetch of the published releases, newest first, puts them (to_attr).
PUBLISHED_RELEASES = "loaded_published_releases"


class DatasetQuerySet(models.QuerySet):
    def published(self):
        """Datasets with at least one published release: the public catalogue."""
        return self.filter(releases__status="published").distinct()


class Dataset(ClusterableModel):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True, help_text=_("Part of the dataset's URLs."))
    summary = models.CharField(max_length=300)
    description = RichTextField(blank=True)
    methodology = RichTextField(blank=True, help_text=_("How the numbers were made."))
    source = models.CharField(max_length=200, help_text=_("Where the numbers come from."))
    publisher = models.CharField(max_length=200, default="LEAD Baltimore")
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(
        blank=True,
        # Django accepts name@localhost; harvesters (and people) cannot write to it.
        validators=[
            EmailValidator(
                _("Enter an email address with a full domain name, like data@example.org."),
                allowlist=(),
            )
        ],
        help_text=_("Leave empty to give the program's contact email (Settings → Site settings)."),
    )
    licence = models.CharField(max_length=20, choices=Licence.choices, default=Licence.CC_BY_4)
    keywords = ClusterTaggableManager(through=DatasetKeyword, blank=True)
    temporal_start = models.DateField(_("period covered from"), null=True, blank=True)
    temporal_end = models.DateField(_("period covered to"), null=True, blank=True)
    spatial_coverage = models.CharField(max_length=200, blank=True)
    update_frequency = models.CharField(
        max_length=20, choices=UpdateFrequency.choices, default=UpdateFrequency.QUARTERLY
    )
    issued = models.DateField(null=True, blank=True, help_text=_("When first published."))
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Made-up numbers for demonstration.")
    )
    title_es = spanish_field(models.CharField, _("title (Spanish)"), max_length=200)
    summary_es = spanish_field(models.CharField, _("summary (Spanish)"), max_length=300)
    description_es = spanish_field(RichTextField, _("description (Spanish)"))
    methodology_es = spanish_field(RichTextField, _("methodology (Spanish)"))
    source_es = spanish_field(models.CharField, _("source (Spanish)"), max_length=200)
    spatial_coverage_es = spanish_field(
        models.CharField, _("spatial coverage (Spanish)"), max_length=200
    )
    publisher_es = spanish_field(models.CharField, _("publisher (Spanish)"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    # Saved with its columns, so a chart drawn from it knows when their texts changed.
    updated_at = models.DateTimeField(auto_now=True)

    objects = DatasetQuerySet.as_manager()

    # The texts a reader sees, each with a ``<name>_es`` field (portal/translated_fields.py).
    TRANSLATED_FIELDS = (
        "title",
        "summary",
        "description",
        "methodology",
        "source",
        "spatial_coverage",
        "publisher",
    )

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.contact_email and program_contact() is None:
            raise ValidationError(
                {
                    "contact_email": _(
                        "Give an email address: the program has no contact email in "
                        "Settings → Site settings for this dataset to use."
                    )
                }
            )

    def published_releases(self):
        return self.releases.filter(status="published").order_by("-version")

    def current_release(self):
        """The newest published release, or None: without a query when the published
        releases were loaded with the dataset (``PUBLISHED_RELEASES``, for a page's charts)."""
        loaded = getattr(self, PUBLISHED_RELEASES, None)
        if loaded is not None:
            return loaded[0] if loaded else None
        return self.published_releases().first()


class FieldType(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    NUMBER = "number", _("Number")
    STRING = "string", _("Text")
    DATE = "date", _("Date (YYYY-MM-DD)")
    YEAR_MONTH = "yearmonth", _("Year and month (YYYY-MM)")
    BOOLEAN = "boolean", _("Yes or no")


class FieldRole(models.TextChoices):
    DIMENSION = "dimension", _("Dimension (what the row is about)")
    COUNT = "count", _("Count of people or events (suppressed when small)")
    RATE = "rate", _("Rate or mean (built on a count)")
    MEASURE = "measure", _("Other measure (never suppressed)")


class UnitKind(models.TextChoices):
    """How the pages write a number column's values (publicdata/numbers.py); the data
    files keep the values as published."""

    NUMBER = "number", _("A number (people, events, a mean): 13,200")
    PROPORTION = "proportion", _("A proportion from 0 to 1, shown as a percentage: 29.3%")
    USD = "usd", _("Money in US dollars (USD): $13,200")


class FieldSpec(Orderable):
    """One column of a dataset's data dictionary."""

    # What describes a column, in the order the downloads list it.
    DESCRIBING = (
        "name",
        "title",
        "type",
        "role",
        "unit",
        "description",
        "allowed_values",
        "minimum",
        "maximum",
        "numerator",
        "denominator",
        "primary_key",
        "required",
    )

    dataset = ParentalKey(Dataset, on_delete=models.CASCADE, related_name="fields")
    name = models.SlugField(
        max_length=64, allow_unicode=False, help_text=_("The CSV column name, e.g. referrals.")
    )
    title = models.CharField(max_length=120)
    type = models.CharField(max_length=10, choices=FieldType.choices)
    role = models.CharField(max_length=10, choices=FieldRole.choices)
    unit = models.CharField(max_length=60, blank=True)
    unit_kind = models.CharField(
        _("kind of unit"),
        max_length=10,
        choices=UnitKind.choices,
        default=UnitKind.NUMBER,
        help_text=_(
            "How pages and charts write the numbers of this column; the downloads keep "
            "them as they are in the file."
        ),
    )
    description = models.TextField(blank=True)
    allowed_values = models.TextField(
        blank=True, help_text=_("One value per line; leave empty to allow any.")
    )
    minimum = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    maximum = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    numerator = models.SlugField(max_length=64, blank=True, help_text=_("For a rate."))
    denominator = models.SlugField(max_length=64, blank=True, help_text=_("For a rate."))
    primary_key = models.BooleanField(default=False, help_text=_("Part of the row's identity."))
    required = models.BooleanField(default=True)
    title_es = spanish_field(models.CharField, _("title (Spanish)"), max_length=120)
    description_es = spanish_field(models.TextField, _("description (Spanish)"))
    unit_es = spanish_field(models.CharField, _("unit (Spanish)"), max_length=60)
    values_es = models.TextField(
        _("values in Spanish"),
        blank=True,
        help_text=_(
            "How charts under /es/ name the values, one per line as value | nombre, e.g. "
            "Jail | Cárcel. The data and downloads keep the values themselves."
        ),
    )

    TRANSLATED_FIELDS = ("title", "description", "unit")

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["dataset", "name"], name="unique_field_per_dataset")
        ]

    def __str__(self):
        return self.name

    @property
    def allowed(self):
        return [value.strip() for value in self.allowed_values.splitlines() if value.strip()]

    @property
    def value_names(self):
        """``{value: Spanish name}`` from ``values_es``."""
        return dict(parse_pairs(self.values_es, separator="|", form="value | nombre"))

    def clean(self):
        super().clean()
        # The name heads a column of every CSV, and an allowed value could never pass
        # the upload's check (publicdata/spreadsheets.py).
        spreadsheet_problems = {
            "name": formula_problem(self.name),
            "allowed_values": next(filter(None, map(formula_problem, self.allowed)), None),
        }
        spreadsheet_problems = {key: text for key, text in spreadsheet_problems.items() if text}
        if spreadsheet_problems:
            raise ValidationError(spreadsheet_problems)
        if self.unit_kind != UnitKind.NUMBER and self.type not in (
            FieldType.INTEGER,
            FieldType.NUMBER,
        ):
            raise ValidationError(
                {"unit_kind": _("Only a whole number or number column has this kind of unit.")}
            )
        try:
            names = self.value_names
        except ValueError as error:
            raise ValidationError({"values_es": str(error)}) from error
        unknown = [value for value in names if self.allowed and value not in self.allowed]
        if unknown:
            raise ValidationError(
                {
                    "values_es": _("“%(value)s” is not one of the values: %(values)s.")
                    % {"value": unknown[0], "values": ", ".join(self.allowed)}
                }
            )

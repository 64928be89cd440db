"""What every dataset the portal keeps from its own records shares (rather than one staff
upload): its data dictionary belongs to the code and is put back when it differs, and its
own keywords get their Spanish names where nobody has named them."""

from publicdata.models import FieldSpec, TagName


def sync_dictionary(dataset, entries):
    """Make the dataset's data dictionary ``entries`` (FieldSpec values, in order)."""
    wanted = [{"sort_order": order, **entry} for order, entry in enumerate(entries)]
    current = FieldSpec.objects.filter(dataset=dataset).order_by("sort_order", "pk")
    stored = [
        {"sort_order": spec.sort_order, **{name: getattr(spec, name) for name in wanted[0]}}
        for spec in current
    ]
    if stored != wanted:
        current.delete()
        FieldSpec.objects.bulk_create(FieldSpec(dataset=dataset, **entry) for entry in wanted)


def name_keywords_in_spanish(dataset, names):
    """Give the dataset's keywords among ``names`` ({English: Spanish}) their Spanish
    names where nobody has named them. Written without signals: this runs as a release is
    published, which renews the pages that show them."""
    unnamed = dataset.keywords.filter(name__in=names, spanish_name__isnull=True)
    TagName.objects.bulk_create(TagName(tag=tag, name_es=names[tag.name]) for tag in unnamed)

"""The "You said, we did" dataset: a row for every status change of every program action,
with the action's title, themes and progress. The portal publishes it itself, through the
open-data path, whenever an action changes (a background task once the change is saved).
"""

import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from feedback.background import enqueue_on_commit
from feedback.models import ActionStatus, ProgramAction
from publicdata.maintained import (
    MaintainedDatasetError,
    csv_text,
    is_current,
    name_keywords_in_spanish,
    publish_text,
    sync_dictionary,
)
from publicdata.models import Dataset
from publicdata.models.datasets import UpdateFrequency

logger = logging.getLogger(__name__)

SLUG = "you-said-we-did"
# The dataset's keywords, with their Spanish names.
KEYWORDS = {"resident feedback": "reportes de residentes", "accountability": "rendición de cuentas"}

# name, title, type, role, primary key, required, description
COLUMNS = [
    ("action", "Action", "string", "dimension", True, True, "The action's address part."),
    ("date", "Date of the change", "date", "dimension", True, True, "When the status changed."),
    ("status", "Status", "string", "dimension", True, True, "The status from that date."),
    ("title", "Title", "string", "measure", False, True, "What the action is called."),
    (
        "themes",
        "Feedback themes",
        "string",
        "measure",
        False,
        False,
        "The topics of residents' reports that prompted it, separated by “; ”.",
    ),
    (
        "note",
        "What changed",
        "string",
        "measure",
        False,
        False,
        "The program's note on the change; for a dropped action, why.",
    ),
    (
        "current",
        "Current status",
        "boolean",
        "measure",
        False,
        True,
        "Whether this is the action's status now.",
    ),
    (
        "progress_done",
        "Progress so far",
        "number",
        "measure",
        False,
        False,
        "How much is done, where progress can be measured, as it is now.",
    ),
    ("progress_target", "Progress target", "number", "measure", False, False, "Out of how much."),
    (
        "progress_unit",
        "Progress unit",
        "string",
        "measure",
        False,
        False,
        "What the progress counts.",
    ),
]
SPANISH_TITLES = {
    "action": "Acción",
    "date": "Fecha del cambio",
    "status": "Estado",
    "title": "Título",
    "themes": "Temas de los comentarios",
    "note": "Qué cambió",
    "current": "Estado actual",
    "progress_done": "Avance hasta ahora",
    "progress_target": "Meta del avance",
    "progress_unit": "Unidad del avance",
}
SPANISH_STATUSES = {
    "Planned": "Planeada",
    "In progress": "En curso",
    "Done": "Hecha",
    "Dropped": "Abandonada",
}


def status_labels():
    with translation.override("en"):
        return {value: str(label) for value, label in ActionStatus.choices}


def dictionary():
    labels = status_labels()
    fields = []
    for name, title, type_, role, key, required, description in COLUMNS:
        fields.append(
            {
                "name": name,
                "title": title,
                "type": type_,
                "role": role,
                "description": description,
                "primary_key": key,
                "required": required,
                "allowed_values": "\n".join(labels.values()) if name == "status" else "",
                "title_es": SPANISH_TITLES[name],
                "values_es": "\n".join(
                    f"{english} | {SPANISH_STATUSES[english]}" for english in labels.values()
                )
                if name == "status"
                else "",
            }
        )
    return fields


METADATA = {
    "title": "You said, we did",
    "summary": (
        "What the LEAD Baltimore program changed because of residents' feedback: each "
        "action, the feedback themes that prompted it, every change of its status and its "
        "progress."
    ),
    "description": (
        "<p>A row for every change of status of every action the program took in response "
        "to what residents told it: planned, in progress, done, or dropped (with why). The "
        "portal publishes a new version whenever staff record a change.</p>"
    ),
    "methodology": (
        "<p>Program staff record each action and each change of its status, with its date, "
        "in the portal. The themes are the topics moderators give residents' reports. "
        "Progress, where it can be measured, is the action's as it is now, on every row of "
        "the action.</p>"
    ),
    "source": "Program records of the LEAD Baltimore portal",
    "publisher": "LEAD Baltimore",
    "spatial_coverage": "The LEAD pilot area, Baltimore, Maryland",
    "update_frequency": UpdateFrequency.IRREGULAR,
    "title_es": "Ustedes dijeron, nosotros hicimos",
    "summary_es": (
        "Qué cambió el programa LEAD Baltimore por los comentarios de los residentes: cada "
        "acción, los temas que la motivaron, cada cambio de su estado y su avance."
    ),
    "description_es": (
        "<p>Una fila por cada cambio de estado de cada acción que el programa tomó en "
        "respuesta a lo que le dijeron los residentes: planeada, en curso, hecha o "
        "abandonada (con el porqué). El portal publica una nueva versión cada vez que el "
        "personal registra un cambio.</p>"
    ),
    "methodology_es": (
        "<p>El personal del programa registra en el portal cada acción y cada cambio de su "
        "estado, con su fecha. Los temas son los que los moderadores dan a los reportes de "
        "los residentes. El avance, cuando se puede medir, es el de la acción hoy, en cada "
        "fila de la acción.</p>"
    ),
    "spatial_coverage_es": "La zona piloto de LEAD, Baltimore, Maryland",
    "source_es": "Registros del programa en el portal de LEAD Baltimore",
}


def ensure_dataset():
    dataset = Dataset.objects.filter(slug=SLUG).first()
    if dataset is None:
        dataset = Dataset(slug=SLUG, **METADATA)
        dataset.keywords.set(list(KEYWORDS))
        dataset.save()
    name_keywords_in_spanish(dataset, KEYWORDS)
    sync_dictionary(dataset, dictionary())
    return dataset


def _number(value):
    return "" if value is None else str(Decimal(value).normalize())


def table():
    """(header, rows): every status change, the actions in title order."""
    labels = status_labels()
    header = [column[0] for column in COLUMNS]
    rows = []
    actions = ProgramAction.objects.prefetch_related("themes", "status_changes").order_by("title")
    for action in actions:
        history = action.history()
        themes = "; ".join(sorted(theme.name for theme in action.themes.all()))
        for change in history:
            rows.append(
                [
                    action.slug,
                    change.date.isoformat(),
                    labels[change.status],
                    action.title,
                    themes,
                    " ".join(change.note.split()),
                    "true" if change is history[-1] else "false",
                    _number(action.progress_done),
                    _number(action.progress_target),
                    action.progress_unit,
                ]
            )
    return header, rows


def refresh(user=None):
    """Publish a new release when the actions give a CSV different from the current one;
    returns the release or None."""
    with translation.override("en"), transaction.atomic():
        dataset = Dataset.objects.select_for_update().get(pk=ensure_dataset().pk)
        header, rows = table()
        if not rows:
            return None
        text = csv_text(header, rows)
        if is_current(dataset, text):
            return None
        sample = ProgramAction.objects.filter(is_sample=True).exists()
        if dataset.is_sample != sample or dataset.issued is None:
            dataset.is_sample = sample
            dataset.issued = dataset.issued or timezone.localdate()
            dataset.save()
        try:
            return publish_text(dataset, text, "Actions updated", user)
        except MaintainedDatasetError:
            # Staff typed something the dictionary refuses; the admin form should have.
            logger.exception("The %s CSV was not published", SLUG)
            return None


@task()
def refresh_after_change():
    release = refresh()
    return release.version if release else None


def schedule_refresh():
    """Refresh the dataset in the background once the change is committed."""
    enqueue_on_commit(refresh_after_change)

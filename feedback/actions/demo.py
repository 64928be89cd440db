"""A handful of sample actions for the demo site, marked as sample content: what a program
like this might change because of what residents report, with their status histories
dated relative to today and a published sample report or two as examples."""

import datetime

from django.utils import timezone

from feedback.actions import dataset as actions_dataset
from feedback.models import ActionStatusChange, ProgramAction
from feedback.reports.published import public_reports

# slug: (title, what, why, themes, [(days ago, status, note)], progress, Spanish texts)
ACTIONS = {
    "officers-say-why-they-stop-someone": {
        "title": "Officers say why they stop someone",
        "what": (
            "Every officer who works in the pilot area learns to say, at the start of a stop, "
            "why they stopped the person and what happens next."
        ),
        "why": (
            "Residents told us officers stopped and searched them without saying why, and "
            "rated those stops lowest of all."
        ),
        "themes": ["stopped", "arrested"],
        "history": [
            (120, "planned", "Agreed with the district commander."),
            (45, "in_progress", "Training began at the district's roll calls."),
        ],
        "progress": (64, 120, "officers trained"),
        "es": {
            "title": "Los agentes dicen por qué detienen a alguien",
            "what": (
                "Cada agente que trabaja en la zona piloto aprende a decir, al comenzar una "
                "detención, por qué detuvo a la persona y qué pasará después."
            ),
            "why": (
                "Los residentes nos dijeron que los agentes los detuvieron y registraron sin "
                "decir por qué, y calificaron esas detenciones como las peores."
            ),
            "progress_unit": "agentes capacitados",
        },
    },
    "case-managers-on-call-until-10-pm": {
        "title": "Case managers on call until 10 pm",
        "what": "Two case managers answer officers' referrals in the evening, until 10 pm.",
        "why": (
            "Residents offered a referral at night told us nobody came until the next day, and "
            "some gave up."
        ),
        "themes": ["lead referral"],
        "history": [
            (150, "planned", "Funding found for two evening posts."),
            (90, "in_progress", "Recruiting."),
            (30, "done", "Both evening case managers started work."),
        ],
        "progress": (2, 2, "case managers hired"),
        "es": {
            "title": "Gestores de casos de guardia hasta las 10 de la noche",
            "what": (
                "Dos gestores de casos atienden por la tarde y la noche, hasta las 10, las "
                "derivaciones de los agentes."
            ),
            "why": (
                "Residentes a los que se ofreció una derivación por la noche nos dijeron que "
                "nadie vino hasta el día siguiente, y algunos desistieron."
            ),
            "progress_unit": "gestores de casos contratados",
        },
    },
    "naloxone-in-every-patrol-car": {
        "title": "Naloxone in every patrol car in the pilot area",
        "what": "Every patrol car that serves the pilot area carries naloxone.",
        "why": (
            "Residents who called for help with an overdose told us that the first car to "
            "arrive sometimes had none."
        ),
        "themes": ["called for help"],
        "history": [
            (100, "planned", ""),
            (60, "in_progress", "The first kits are in the cars."),
        ],
        "progress": (41, 55, "patrol cars equipped"),
        "es": {
            "title": "Naloxona en cada patrulla de la zona piloto",
            "what": "Cada patrulla que sirve a la zona piloto lleva naloxona.",
            "why": (
                "Residentes que pidieron ayuda por una sobredosis nos dijeron que la primera "
                "patrulla en llegar a veces no tenía."
            ),
            "progress_unit": "patrullas equipadas",
        },
    },
    "a-community-walk-every-month": {
        "title": "A community walk every month",
        "what": (
            "Officers and case managers walk the pilot area with residents once a month and "
            "answer questions about LEAD."
        ),
        "why": "Residents told us they first heard of LEAD at a walk, and asked for more of them.",
        "themes": ["outreach"],
        "history": [
            (80, "planned", ""),
            (20, "done", "The walks are on the calendar for the year."),
        ],
        "progress": None,
        "es": {
            "title": "Una caminata comunitaria cada mes",
            "what": (
                "Agentes y gestores de casos recorren la zona piloto con los residentes una vez "
                "al mes y responden preguntas sobre LEAD."
            ),
            "why": (
                "Los residentes nos dijeron que oyeron hablar de LEAD por primera vez en una "
                "caminata, y pidieron más."
            ),
        },
    },
    "a-text-message-line-for-reports": {
        "title": "A text-message line for reports",
        "what": "A number residents could text to tell the program about a police interaction.",
        "why": "Some residents asked for a way to report without a computer.",
        "themes": ["other"],
        "history": [
            (140, "planned", ""),
            (
                50,
                "dropped",
                "Residents at the community walks told us they would rather use the web form "
                "or call; a text line would have cost as much as a case manager.",
            ),
        ],
        "progress": None,
        "es": {
            "title": "Una línea de mensajes de texto para reportes",
            "what": (
                "Un número al que los residentes podrían enviar un mensaje de texto para contar "
                "al programa una interacción con la policía."
            ),
            "why": "Algunos residentes pidieron una forma de reportar sin computadora.",
        },
    },
}
NOTES_ES = {
    "Agreed with the district commander.": "Acordado con el comandante del distrito.",
    "Training began at the district's roll calls.": (
        "La capacitación comenzó en las reuniones de turno del distrito."
    ),
    "Funding found for two evening posts.": "Se consiguieron fondos para dos puestos de tarde.",
    "Recruiting.": "En contratación.",
    "Both evening case managers started work.": (
        "Los dos gestores de casos de tarde comenzaron a trabajar."
    ),
    "The first kits are in the cars.": "Los primeros botiquines ya están en las patrullas.",
    "The walks are on the calendar for the year.": (
        "Las caminatas están en el calendario del año."
    ),
}
EXAMPLES_PER_ACTION = 2


def build_program_actions(site):
    """The sample actions, once; returns what was added."""
    today = timezone.localdate()
    added = []
    for slug, spec in ACTIONS.items():
        if ProgramAction.objects.filter(slug=slug).exists():
            continue
        spanish = spec["es"]
        done, target, unit = spec["progress"] or (None, None, "")
        action = ProgramAction(
            slug=slug,
            title=spec["title"],
            what=spec["what"],
            why=spec["why"],
            progress_done=done,
            progress_target=target,
            progress_unit=unit,
            is_sample=True,
            title_es=spanish["title"],
            what_es=spanish["what"],
            why_es=spanish["why"],
            progress_unit_es=spanish.get("progress_unit", ""),
        )
        for days, status, note in spec["history"]:
            action.status_changes.add(
                ActionStatusChange(
                    date=today - datetime.timedelta(days=days),
                    status=status,
                    note=note,
                    note_es=NOTES_ES.get(note, ""),
                )
            )
        action.themes.add(*spec["themes"])
        action.full_clean()
        action.save()
        examples = (
            public_reports()
            .filter(tags__name__in=spec["themes"])
            .distinct()
            .order_by("-interaction_date", "-pk")[:EXAMPLES_PER_ACTION]
        )
        action.example_reports.set(list(examples))
        added.append(f"program action {slug}")
    # Published now rather than by the background task the saves queue for after their
    # transaction: the demo may be built inside one.
    release = actions_dataset.refresh()
    if release is not None:
        added.append(f"release {release.version} of dataset {actions_dataset.SLUG}")
    return added

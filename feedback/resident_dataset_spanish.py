"""The Spanish texts of the "What residents told us" dataset, its columns and its charts,
shown under /es/ (the data files and the API keep the English ones).

The names of the kinds of interaction and the rating statements come from the message
catalogue, so they read as they do on the Spanish feedback form.
"""

from django.utils import translation

from feedback.models import RATING_ITEMS, InteractionType

# The texts of the dataset, by field name.
DATASET = {
    "title": "Lo que nos contaron los residentes",
    "summary": (
        "Reportes publicados de residentes sobre interacciones con la policía en la zona "
        "piloto de LEAD, por mes de la interacción, tipo de interacción y vecindario, con "
        "el promedio de las calificaciones que los residentes dieron al trato de los agentes."
    ),
    "description": (
        "<p>Cuántos reportes enviaron los residentes sobre interacciones con la policía en la "
        "zona piloto, y cómo calificaron a los agentes, mes por mes. Cada mes tiene una fila "
        "para todos los reportes (tipo de interacción y vecindario, ambos “"
        '<span lang="en">All</span>” en los datos, es decir, todos), una fila para cada tipo '
        "de interacción y una fila para cada vecindario.</p>"
        "<p>El portal mantiene este conjunto de datos por sí mismo: publica una nueva versión "
        "automáticamente cada vez que la decisión de un moderador cambia los números. El "
        "personal no sube versiones de él.</p>"
        "<p>Las palabras de los residentes no están en este conjunto de datos. Los textos "
        "públicos moderados y las respuestas del programa están en la página de reportes "
        "publicados, que los ofrece como archivo CSV y como canal Atom.</p>"
    ),
    "methodology": (
        "<p>Solo se cuentan los reportes publicados: los que un moderador aprobó con un texto "
        "público editado, y que no están ocultos mientras se revisan los avisos de abuso de "
        "los residentes. No se cuentan los reportes que esperan moderación ni los que no "
        "se publicaron. Cada reporte se cuenta en el mes de la interacción que describe, no "
        "en el mes en que se envió o se publicó, así que un mes anterior puede cambiar "
        "cuando se publica más tarde un reporte sobre él.</p>"
        "<p>Las calificaciones son las seis preguntas de justicia procedimental del "
        "formulario: el agente me trató con dignidad y respeto; me escuchó y me dejó "
        "explicar; explicó lo que hacía y por qué; tomó decisiones basadas en hechos y me "
        "trató de forma justa; parecía preocuparse por mi seguridad y bienestar; y, en "
        "general, estoy satisfecho con cómo se manejó la interacción. Cada una se contesta "
        "de 1 (muy en desacuerdo, o muy insatisfecho) a 5 (muy de acuerdo, o muy "
        "satisfecho), o se deja sin contestar. Para cada pregunta, el conjunto de datos da "
        "cuántos reportes la contestaron y el promedio de esas respuestas, redondeado a 2 "
        "decimales.</p>"
        "<p>Supresión: los conteos de 1 a 10 no se publican; en los datos se marcan “"
        '<span lang="en">suppressed</span>” (suprimido) y nunca se muestran como cero. '
        "Un promedio se suprime cuando se basa en "
        "menos de 11 respuestas o en un conteo suprimido. Las filas de cada mes por tipo y "
        "por vecindario suman su fila “"
        '<span lang="en">All</span>”, así que cuando ese total permitiría a un lector '
        "deducir una celda suprimida, se suprime también una segunda celda.</p>"
        "<p>Los residentes deciden si envían un reporte, así que estos números describen los "
        "reportes recibidos, no todas las interacciones con la policía en la zona.</p>"
    ),
    "source": "Reportes de residentes al portal de LEAD Baltimore, después de la moderación",
    "spatial_coverage": "La zona piloto de LEAD, Baltimore, Maryland",
}

# The dataset's keywords in Spanish, by their English names.
KEYWORDS = {
    "resident feedback": "reportes de residentes",
    "procedural justice": "justicia procedimental",
    "police interactions": "interacciones con la policía",
}


def change_note(count):
    """The Spanish note of a release refreshed after moderation."""
    noun = "reporte publicado" if count == 1 else "reportes publicados"
    return f"Actualizado tras la moderación: {count} {noun}"


# Short names of the rating items in Spanish, for column titles.
RATING_TITLES = {
    "rating_respect": "dignidad y respeto",
    "rating_listened": "escuchó",
    "rating_explained": "explicó",
    "rating_fair": "decisiones justas",
    "rating_cared": "se preocupó por la seguridad",
    "rating_satisfied": "satisfacción general",
}

CHARTS = {
    "Reports each month": {
        "title": "Reportes cada mes",
        "summary": (
            "Cuántos reportes publicados describen una interacción en cada mes. Los meses con "
            "1 a 10 reportes se ocultan para proteger la privacidad."
        ),
        "x_label": "Mes de la interacción",
        "y_label": "Reportes publicados",
    },
    "How residents rated officers, month by month": {
        "title": "Cómo calificaron los residentes a los agentes, mes por mes",
        "summary": (
            "El promedio del acuerdo de los residentes, de 1 a 5, con que el agente los trató "
            "con dignidad y respeto, y su satisfacción general. Se ocultan los meses con menos "
            "de 11 respuestas."
        ),
        "x_label": "Mes de la interacción",
        "y_label": "Calificación promedio (1 a 5)",
    },
}


def columns(all_value):
    """``{column name: {title, description, unit, values}}`` in Spanish."""
    with translation.override("es"):
        statements = {name: str(statement) for name, statement in RATING_ITEMS}
        spanish_kinds = [str(label) for _value, label in InteractionType.choices]
    with translation.override("en"):
        english_kinds = [str(label) for _value, label in InteractionType.choices]
    values = dict(zip(english_kinds, spanish_kinds, strict=True))
    values[all_value] = "Todos"
    texts = {
        "month": {
            "title": "Mes de la interacción",
            "description": "El mes en que ocurrió la interacción, según el residente.",
        },
        "interaction_type": {
            "title": "Tipo de interacción",
            "description": (
                "Qué tipo de interacción describe el reporte; “All” (todos) en las filas de "
                "todos los tipos."
            ),
            "values": values,
        },
        "neighbourhood": {
            "title": "Vecindario",
            "description": (
                "El vecindario de la zona piloto donde ocurrió; “All” (todos) en las filas de "
                "todos los vecindarios."
            ),
            "values": {all_value: "Todos"},
        },
        "reports": {
            "title": "Reportes publicados",
            "description": "Reportes publicados sobre interacciones en el mes.",
            "unit": "reportes",
        },
    }
    for name, short in RATING_TITLES.items():
        texts[f"{name}_answers"] = {
            "title": f"Respuestas: {short}",
            "description": (
                f"Reportes publicados que calificaron “{statements[name]}” de 1 a 5 (no se "
                "cuentan los que la dejaron sin contestar o eligieron “no aplica”)."
            ),
            "unit": "reportes",
        }
        texts[f"mean_{name}"] = {
            "title": f"Calificación promedio: {short}",
            "description": (
                f"El promedio de esas respuestas a “{statements[name]}”, de 1 a 5, redondeado "
                "a 2 decimales; vacío cuando ningún reporte contestó. Se suprime cuando se "
                "basa en menos de 11 respuestas o en un conteo suprimido."
            ),
            "unit": "1 a 5",
        }
    return texts

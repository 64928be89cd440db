"""The Spanish texts of the "What happened to residents' feedback" dataset, its columns and
its charts, shown under /es/ (the data files and the API keep the English ones)."""

DATASET = {
    "title": "Qué pasó con los comentarios de los residentes",
    "summary": (
        "Qué pasó con cada reporte y comentario que enviaron los residentes, mes por mes: "
        "cuántos llegaron, se publicaron, no se publicaron y por qué, o siguen esperando; "
        "cuánto tardaron una decisión y una respuesta oficial; los avisos con “Reportar”; "
        "y los pedidos de otra revisión."
    ),
    "description": (
        "<p>La moderación de los comentarios de los residentes, a la vista de todos. Cada mes "
        "tiene una fila, y la fila “"
        '<span lang="en">All</span>” (todo) abarca todo el piloto. Aquí cuentan '
        "todos los reportes y comentarios, se hayan publicado o no, para que la moderación no "
        "pueda cambiar estos números.</p>"
        "<p>El portal publica este conjunto de datos por sí mismo, una vez al día cuando las "
        "cifras cambiaron. El personal no sube versiones de él. No contiene nada de lo que "
        "alguien escribió.</p>"
    ),
    "methodology": (
        "<p>Cada cifra se cuenta en el mes en que ocurrió su hecho, en la hora de Baltimore: "
        "los reportes y comentarios en el mes en que se recibieron, con su situación el día "
        "de la versión; los avisos con “Reportar” en el mes en que se hicieron; los "
        "elementos ocultados tras avisos en el mes en que se ocultaron; los pedidos de "
        "otra revisión en el mes en que se hicieron, con su resultado. Las cifras de un mes "
        "pueden cambiar en una versión posterior, a medida que se deciden los reportes que "
        "esperaban.</p>"
        "<p>Los reportes recibidos se publicaron, no se publicaron o esperan. Un reporte no "
        "se publica por una razón: spam, abusivo, fuera de tema, duplicado, no se podía "
        "publicar sin identificar a alguien, el residente no aceptó la publicación, u otra "
        "razón. Además, cada reporte recibió o no una respuesta oficial del programa.</p>"
        "<p>Los días hasta una decisión van de la recepción del reporte a su primera decisión "
        "(la de una regla de palabras, al instante, o la de un moderador), para los reportes "
        "decididos; los días hasta una respuesta, de la recepción a la primera respuesta "
        "oficial del programa. La mediana es el valor del medio (el promedio de los dos del "
        "medio si son un número par); el percentil 90 es el menor valor en o por debajo del "
        "cual está al menos el 90 % de los reportes. Ambos se redondean a 1 decimal. La "
        "proporción con respuesta es la de los reportes con respuesta oficial sobre los "
        "recibidos, redondeada a 3 decimales.</p>"
        "<p>Supresión: los conteos de 1 a 10 no se publican; en los datos se marcan “"
        '<span lang="en">suppressed</span>” (suprimido) y nunca se muestran como cero. '
        "Los meses suman la fila “"
        '<span lang="en">All</span>”, y en '
        "cada fila los reportes recibidos suman los publicados, los no publicados y los que "
        "esperan (y los con y sin respuesta), los no publicados suman sus razones, y los "
        "comentarios y los pedidos de otra revisión suman sus resultados. Cuando esas sumas, "
        "o esta versión y la anterior, permitirían deducir un conteo suprimido, se suprimen "
        "más celdas. Una mediana, un percentil o una proporción se suprime cuando se basa en "
        "menos de 11 reportes o en un conteo suprimido.</p>"
    ),
    "source": "Registros de moderación del portal de LEAD Baltimore",
    "spatial_coverage": "La zona piloto de LEAD, Baltimore, Maryland",
}

REASONS = {
    "spam": ("spam", "spam"),
    "abusive": ("abusivo", "abusivo"),
    "off_topic": ("fuera de tema", "fuera de tema"),
    "duplicate": ("duplicado", "duplicado de otro reporte"),
    "cannot_redact": ("no se podía editar", "no se podía publicar sin identificar a alguien"),
    "no_consent": ("sin permiso para publicar", "el residente no aceptó la publicación"),
    "other": ("otra razón", "otra razón"),
}

_COUNTS = {
    "reports_received": ("Reportes recibidos", "Reportes recibidos en el mes."),
    "reports_decided": (
        "Reportes decididos",
        "Reportes recibidos en el mes que ya se decidieron: publicados o no.",
    ),
    "reports_published": ("Reportes publicados", "Reportes recibidos en el mes, publicados."),
    "reports_not_published": (
        "Reportes no publicados",
        "Reportes recibidos en el mes que no se publicaron, por cualquier razón.",
    ),
    **{
        f"reports_not_published_{reason}": (
            f"No publicados: {short}",
            f"Reportes recibidos en el mes, no publicados por esta razón: {long}.",
        )
        for reason, (short, long) in REASONS.items()
    },
    "reports_waiting": (
        "Reportes que esperan",
        "Reportes recibidos en el mes que esperan una decisión el día de la versión, "
        "incluidos aquellos de los que un residente pidió otra revisión.",
    ),
    "reports_with_response": (
        "Reportes con respuesta oficial",
        "Reportes recibidos en el mes que tuvieron una respuesta oficial del programa.",
    ),
    "reports_without_response": (
        "Reportes sin respuesta oficial",
        "Reportes recibidos en el mes sin respuesta oficial hasta ahora.",
    ),
    "comments_received": (
        "Comentarios recibidos",
        "Comentarios de residentes recibidos en el mes.",
    ),
    "comments_published": ("Comentarios publicados", "De ellos, publicados."),
    "comments_not_published": ("Comentarios no publicados", "De ellos, no publicados."),
    "comments_waiting": ("Comentarios que esperan", "De ellos, esperan a un moderador."),
    "flags": (
        "Avisos con “Reportar”",
        "Veces que residentes avisaron que un comentario o reporte publicado rompe las reglas.",
    ),
    "items_hidden": (
        "Ocultados tras avisos",
        "Comentarios y reportes publicados que se ocultaron en el mes tras avisos de "
        "residentes, hasta que un moderador los revisó.",
    ),
    "asked_again": (
        "Pedidos de otra revisión",
        "Residentes cuyo reporte no se publicó que pidieron, en el mes, otra revisión.",
    ),
    "asked_again_published": ("Otra revisión: publicados", "De ellos, publicados después."),
    "asked_again_not_published": (
        "Otra revisión: no publicados",
        "De ellos, otra vez no publicados.",
    ),
    "asked_again_waiting": ("Otra revisión: esperan", "De ellos, todavía esperan."),
}

_TIMES = {
    "median_days_to_decision": "Mediana de días hasta una decisión",
    "p90_days_to_decision": "Percentil 90 de días hasta una decisión",
    "median_days_to_response": "Mediana de días hasta una respuesta oficial",
    "p90_days_to_response": "Percentil 90 de días hasta una respuesta oficial",
}


def columns():
    """``{column name: {title, description, unit}}`` in Spanish."""
    texts = {
        "month": {
            "title": "Mes",
            "description": (
                "El mes en que ocurrieron los hechos, como AAAA-MM en la hora de Baltimore; "
                "“All” (todo) para todo el piloto."
            ),
        }
    }
    for name, (title, description) in _COUNTS.items():
        unit = "comentarios" if name.startswith("comments") else "reportes"
        unit = {"flags": "avisos", "items_hidden": "elementos"}.get(name, unit)
        texts[name] = {"title": title, "description": description, "unit": unit}
    for name, title in _TIMES.items():
        texts[name] = {
            "title": title,
            "description": (
                "Días desde la recepción de un reporte. Se suprime cuando se basa en menos de "
                "11 reportes o en un conteo suprimido."
            ),
            "unit": "días",
        }
    texts["share_with_response"] = {
        "title": "Proporción con respuesta oficial",
        "description": "Reportes con respuesta oficial sobre reportes recibidos, de 0 a 1.",
        "unit": "proporción",
    }
    return texts


CHARTS = {
    "Reports each month and what happened to them": {
        "title": "Reportes cada mes y qué pasó con ellos",
        "summary": (
            "Reportes recibidos cada mes: publicados, no publicados y que aún esperan. Los "
            "números de 1 a 10 se ocultan para proteger la privacidad."
        ),
        "x_label": "Mes de recepción",
        "y_label": "Reportes",
    },
    "How long residents waited": {
        "title": "Cuánto esperaron los residentes",
        "summary": (
            "La mediana de días desde la recepción de un reporte hasta una decisión y hasta "
            "una respuesta oficial, por mes de recepción. Se ocultan los meses con menos de "
            "11 reportes."
        ),
        "x_label": "Mes de recepción",
        "y_label": "Días (mediana)",
    },
    "Comments each month and what happened to them": {
        "title": "Comentarios cada mes y qué pasó con ellos",
        "summary": (
            "Comentarios de residentes recibidos cada mes: publicados, no publicados y que "
            "aún esperan. Los números de 1 a 10 se ocultan para proteger la privacidad."
        ),
        "x_label": "Mes de recepción",
        "y_label": "Comentarios",
    },
}

# The dataset's keywords, by their English names.
KEYWORDS = {
    "resident feedback": "reportes de residentes",
    "moderation": "moderación",
    "transparency": "transparencia",
}

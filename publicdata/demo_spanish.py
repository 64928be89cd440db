"""The Spanish texts of the demo charts and demo datasets, as plain data shaped like the
English ones.

- ``CHARTS``: ``demo_charts.CHARTS``, by the English chart title, with the Spanish title and
  each text the English chart has (annotations keep their x values, in the same order);
- ``DATASETS``: ``demo_data.DATASETS``, by slug, with the Spanish texts of the metadata and,
  under ``fields``, of every column of the data dictionary; ``values`` names in Spanish the
  allowed values of a dimension column that are words (codes such as ``2017-H1`` stay as
  they are).

Facts and numbers are those of the English texts, in the words of the glossary in
docs/i18n.md. English words kept in rich text (a name, a term the sources use) are marked
as English; plain texts say it in Spanish. Rich text keeps the English tags, so the pages
render alike in both languages. ``TAG_NAMES`` and ``RELEASE_NOTES`` name the keywords and
the release notes in Spanish.
"""

NBSP = "\xa0"


def english(text):
    return f'<span lang="en">{text}</span>'


PILOT_AREA = (
    "Zona piloto en el lado oeste del centro de Baltimore, Maryland (cerca de media milla cuadrada)"
)
SOURCE_NOTE = "(datos de muestra inventados para la demostración)"

SAMPLE_NOTICE = (
    "<p><strong>Datos de muestra.</strong> Todos los números de este conjunto de datos son "
    "inventados para la demostración. Muestran cómo el portal publica las cifras del programa "
    "piloto; no son datos del programa piloto LEAD de Baltimore y no se deben citar "
    "como si lo fueran.</p>"
)

SUPPRESSION_NOTE = (
    "<p>Las cantidades de 1 a 10 se suprimen, igual que las tasas calculadas con ellas. "
    "Cuando un total permitiría a un lector calcular una celda suprimida, también se suprime "
    "una segunda celda (la política de supresión de celdas pequeñas de CMS, los "
    + english("Centers for Medicare and Medicaid Services")
    + "). Las celdas suprimidas se marcan como suprimidas; nunca se muestran como cero.</p>"
)

COMPARISON = "Grupo de comparación"

# English chart title -> Spanish texts
CHARTS = {
    "People referred and enrolled each month": {
        "title": "Personas derivadas e inscritas cada mes",
        "summary": (
            "Las derivaciones aumentaron durante el primer año del programa piloto, y la "
            "mayoría de las personas derivadas se inscribieron."
        ),
        "y_label": "Personas",
        "annotations": "2017-02 | Comienza el programa piloto",
    },
    "Referrals by type": {
        "title": "Derivaciones por tipo",
        "summary": (
            "La mayoría de las derivaciones fueron desvíos en lugar de arresto; las "
            "derivaciones por contacto social fueron menos, y los meses con muy pocas se "
            "ocultan para proteger la privacidad."
        ),
        "y_label": "Personas derivadas",
    },
    "Services received each quarter": {
        "title": "Servicios recibidos cada trimestre",
        "summary": (
            "Todos los participantes tuvieron una evaluación; muchos recibieron después "
            "tratamiento y vivienda, y menos recibieron capacitación laboral."
        ),
        "y_label": "Participantes",
    },
    "Re-arrest within 12 months": {
        "title": "Nuevos arrestos en un plazo de 12 meses",
        "summary": (
            "En cada cohorte (las personas que entraron en el mismo semestre), menos "
            "participantes de LEAD que personas del grupo de comparación volvieron a ser "
            "arrestados en el plazo de un año."
        ),
        "y_label": "Proporción arrestada de nuevo",
    },
    "Cost per person per year": {
        "title": "Costo por persona al año",
        "summary": (
            "Un año de servicios de LEAD cuesta mucho menos por persona que un año en la "
            "cárcel o en prisión."
        ),
        "y_label": "Costo por persona al año",
        "unit": "dólares estadounidenses",
    },
    "Re-arrest within 12 months, all cohorts": {
        "title": "Nuevos arrestos en un plazo de 12 meses, todas las cohortes",
        "summary": (
            "La proporción de participantes de LEAD que volvieron a ser arrestados en el plazo "
            "de un año, frente a la del grupo de comparación."
        ),
        "comparison_label": COMPARISON,
        "period": "personas que entraron en 2017–2018",
    },
    "Seattle: lower odds of arrest": {
        "title": "Seattle: menos probabilidades de arresto",
        "summary": (
            "En la evaluación de Seattle, los participantes de LEAD tuvieron un "
            f"60{NBSP}% menos de probabilidades de ser arrestados en los seis meses después de "
            "entrar al programa que las personas procesadas de la forma habitual."
        ),
        "unit": "% menos probabilidades",
        "period": "seis meses después de entrar",
    },
}

# Dataset slug -> Spanish texts
DATASETS = {
    "referrals-and-enrolments": {
        "title": "Derivaciones e inscripciones por mes (datos de muestra)",
        "summary": (
            "Datos de muestra, inventados para la demostración: las personas que los agentes "
            "de la zona piloto enviaron a LEAD cada mes, por tipo de derivación, y cuántas se "
            "inscribieron."
        ),
        "description": SAMPLE_NOTICE
        + (
            "<p>Una fila por mes y tipo de derivación, con una fila de total para cada mes. "
            "Los meses van desde el lanzamiento del programa piloto en febrero de 2017 hasta "
            "enero de 2020, el final de sus primeros tres años.</p>"
        ),
        "methodology": (
            "<p>Los administradores de casos anotan cada derivación que hace un agente en "
            "la zona piloto, con su fecha y si siguió a un arresto (desvío en lugar de "
            "arresto) o no (derivación por contacto social). Una derivación cuenta como "
            "inscripción cuando la persona completa la evaluación de ingreso. Si alguien es "
            "derivado dos veces en el mismo mes, se cuenta una sola vez.</p>" + SUPPRESSION_NOTE
        ),
        "source": f"Expedientes de administración de casos de LEAD {SOURCE_NOTE}",
        "spatial_coverage": PILOT_AREA,
        "fields": {
            "month": {
                "title": "Mes",
                "description": "El mes del calendario en que se hizo la derivación.",
            },
            "referral_type": {
                "title": "Tipo de derivación",
                "description": (
                    "Cómo se derivó a la persona: desvío en lugar de arresto (un agente con "
                    "motivos para arrestarla le ofrece LEAD en lugar de ficharla) o derivación "
                    "por contacto social (sin arresto). Las filas “Total” suman los dos tipos."
                ),
                "values": {
                    "Arrest diversion": "Desvío en lugar de arresto",
                    "Social contact referral": "Derivación por contacto social",
                    "Total": "Total",
                },
            },
            "referrals": {
                "title": "Derivaciones",
                "unit": "personas",
                "description": ("Personas que un agente de la zona piloto envió a LEAD ese mes."),
            },
            "enrolled": {
                "title": "Inscritas",
                "unit": "personas",
                "description": (
                    "Personas derivadas ese mes que completaron una evaluación de ingreso y "
                    "entraron en el programa."
                ),
            },
            "enrolment_rate": {
                "title": "Tasa de inscripción",
                "unit": "proporción (de 0 a 1)",
                "description": "Inscritas dividido entre derivaciones, con tres decimales.",
            },
        },
    },
    "services-received": {
        "title": "Servicios recibidos por trimestre (datos de muestra)",
        "summary": (
            "Datos de muestra, inventados para la demostración: cuántos participantes de LEAD "
            "recibieron una evaluación, tratamiento, vivienda o capacitación laboral cada "
            "trimestre."
        ),
        "description": SAMPLE_NOTICE
        + (
            "<p>Una fila por trimestre y servicio, con una fila de total para cada trimestre. "
            "Cada participante decide qué servicios recibe: después de una evaluación "
            "inicial, los administradores de casos lo conectan con lo que elige, así que las "
            "personas reciben servicios diferentes en momentos diferentes.</p>"
        ),
        "methodology": (
            "<p>Los administradores de casos anotan cada servicio que recibe un participante. "
            "Un participante se cuenta una vez por servicio en cada trimestre, sin importar "
            "cuántas veces lo usó. Evaluación cuenta las evaluaciones iniciales de salud y de "
            "necesidades; tratamiento cuenta el tratamiento para las drogas y la atención de "
            "salud mental; vivienda cuenta las plazas en refugios, en vivienda de transición "
            "y en vivienda subsidiada; capacitación laboral cuenta los programas de "
            "capacitación y de empleo.</p>" + SUPPRESSION_NOTE
        ),
        "source": f"Expedientes de administración de casos de LEAD {SOURCE_NOTE}",
        "spatial_coverage": PILOT_AREA,
        "fields": {
            "quarter": {
                "title": "Trimestre",
                "description": (
                    "El trimestre del calendario, escrito AAAA-Qn, con el año y el número del "
                    "trimestre (2017-Q1 va de enero a marzo de 2017; el programa piloto "
                    "comenzó el 6 de febrero de 2017)."
                ),
            },
            "service": {
                "title": "Servicio",
                "description": (
                    "El servicio recibido. Las filas “Total” suman los servicios, así que una "
                    "persona que recibió dos servicios en un trimestre se cuenta dos veces en "
                    "ellas."
                ),
                "values": {
                    "Assessment": "Evaluación",
                    "Treatment": "Tratamiento",
                    "Housing": "Vivienda",
                    "Job training": "Capacitación laboral",
                    "Total": "Total",
                },
            },
            "participants": {
                "title": "Participantes",
                "unit": "personas",
                "description": (
                    "Participantes de LEAD que recibieron el servicio al menos una vez en el "
                    "trimestre."
                ),
            },
        },
    },
    "re-arrest-within-12-months": {
        "title": "Nuevos arrestos en un plazo de 12 meses (datos de muestra)",
        "summary": (
            "Datos de muestra, inventados para la demostración: cuántos participantes de LEAD "
            "y cuántas personas de un grupo de comparación volvieron a ser arrestados en un "
            "plazo de 12 meses."
        ),
        "description": SAMPLE_NOTICE
        + (
            "<p>Una fila por grupo y cohorte, con una fila “Todas” para cada grupo. La "
            "evaluación de Seattle encontró que los participantes de LEAD tenían menos "
            "probabilidades de ser arrestados que las personas procesadas de la forma "
            "habitual; esta tabla muestra cómo el programa piloto de Baltimore podría "
            "informar sobre la misma pregunta.</p>"
        ),
        "methodology": (
            "<p>Los evaluadores del programa cruzan los datos de los participantes con los "
            "expedientes de arrestos de Maryland; solo los totales salen de su entorno seguro. "
            "El grupo de comparación son personas arrestadas fuera de la zona piloto, en los "
            "mismos periodos, por delitos que permiten entrar en LEAD. Una persona cuenta "
            "como arrestada de nuevo si cualquier arresto, por cualquier delito, ocurre en "
            "los 12 meses siguientes. Los grupos no se formaron al azar, así que las "
            "diferencias entre ellos no son por sí solas el efecto de LEAD.</p>" + SUPPRESSION_NOTE
        ),
        "source": (
            f"Expedientes de arrestos cruzados por los evaluadores del programa {SOURCE_NOTE}"
        ),
        "spatial_coverage": (PILOT_AREA + "; grupo de comparación de zonas parecidas de Baltimore"),
        "fields": {
            "group": {
                "title": "Grupo",
                "description": (
                    "Participantes de LEAD, o el grupo de comparación: personas arrestadas "
                    "por los mismos delitos que permiten entrar en LEAD, en zonas parecidas "
                    "fuera de la zona piloto, y procesadas de la forma habitual."
                ),
                "values": {
                    "LEAD participants": "Participantes de LEAD",
                    "Comparison group": COMPARISON,
                },
            },
            "cohort": {
                "title": "Cohorte",
                "description": (
                    "El semestre en que las personas entraron en LEAD (o, en el grupo de "
                    "comparación, fueron arrestadas): 2017-H1 va de febrero a junio de 2017, "
                    "2017-H2 va de julio a diciembre de 2017, y así sucesivamente. Las filas "
                    "“Todas” suman las cohortes."
                ),
                "values": {"All": "Todas"},
            },
            "people": {
                "title": "Personas",
                "unit": "personas",
                "description": (
                    "Personas de la cohorte, cada una seguida durante 12 meses desde su "
                    "entrada o su arresto."
                ),
            },
            "re_arrested": {
                "title": "Arrestadas de nuevo",
                "unit": "personas",
                "description": (
                    "Personas arrestadas al menos una vez en los 12 meses siguientes a su "
                    "entrada o a su arresto."
                ),
            },
            "re_arrest_rate": {
                "title": "Tasa de nuevos arrestos",
                "unit": "proporción (de 0 a 1)",
                "description": "Arrestadas de nuevo dividido entre personas, con tres decimales.",
            },
        },
    },
    "cost-per-person": {
        "title": "Costo por persona: servicios frente a cárcel y prisión (datos de muestra)",
        "summary": (
            "Datos de muestra, inventados para la demostración: lo que cuesta por persona un "
            "año de servicios de LEAD, frente a un año en la cárcel o en prisión."
        ),
        "description": SAMPLE_NOTICE
        + (
            "<p>Una fila por categoría de costo. La evaluación de Seattle comparó los costos "
            "de LEAD con el uso de la cárcel y del sistema legal de las personas procesadas "
            "de la forma habitual; esta tabla muestra cómo el programa piloto de Baltimore "
            "podría informar sobre sus propios costos.</p>"
        ),
        "methodology": (
            "<p>Los costos de los servicios son lo que gastó el programa piloto en el año "
            "fiscal de julio de 2018 a junio de 2019, dividido entre el número promedio de "
            "participantes que usaron cada servicio. Los costos de la cárcel y de la prisión "
            "son el costo anual promedio publicado por cada persona encarcelada. Todas las "
            "cifras están redondeadas a la centena de dólares más cercana y no están "
            "ajustadas por la inflación. Un participante no usa todos los servicios, así que "
            "las filas de servicios no se suman.</p>"
            "<p>Los costos no son cantidades de personas, así que no se suprime ninguna "
            "celda.</p>"
        ),
        "source": (
            "Presupuesto de LEAD Baltimore y presupuestos públicos de cárceles y prisiones "
            + SOURCE_NOTE
        ),
        "spatial_coverage": PILOT_AREA,
        "fields": {
            "category": {
                "title": "Categoría",
                "description": "Lo que se paga con el dinero.",
                "values": {
                    "Case management": "Administración de casos",
                    "Drug treatment": "Tratamiento para las drogas",
                    "Supportive housing": "Vivienda con apoyo",
                    "Jail": "Cárcel",
                    "State prison": "Prisión estatal",
                },
            },
            "kind": {
                "title": "Tipo",
                "description": (
                    "Si la categoría es un servicio de LEAD o una forma de encarcelamiento."
                ),
                "values": {
                    "LEAD services": "Servicios de LEAD",
                    "Incarceration": "Encarcelamiento",
                },
            },
            "cost_per_person_per_year": {
                "title": "Costo por persona al año",
                "unit": "dólares estadounidenses por persona al año",
                "description": "El costo promedio de la categoría para una persona durante un año.",
            },
            "covers": {
                "title": "Qué cubre el costo",
                "description": "Lo que incluye la cifra.",
            },
        },
    },
    "seattle-lead-evaluation": {
        "title": "Evaluación de LEAD en Seattle: resultados publicados",
        "summary": (
            "Los resultados publicados de la evaluación del programa LEAD de Seattle hecha "
            "por la Universidad de Washington: nuevos arrestos, costos y uso de la cárcel, "
            "vivienda e ingresos, cada uno con su fuente."
        ),
        "description": (
            "<p>Estas son cifras reales y publicadas, no datos de muestra. LEAD comenzó en "
            "octubre de 2011 en Belltown, un barrio de Seattle, y la Universidad de Washington "
            "lo evaluó comparando a sus participantes con personas procesadas de la forma "
            "habitual (el grupo de control llamado "
            + english("system as usual")
            + ", el sistema de siempre). El programa piloto de Baltimore sigue el modelo de "
            "Seattle.</p>"
            "<p>El artículo de opinión que anunció el programa piloto de Baltimore, “"
            + english("New Baltimore approach to addiction")
            + "” (Tara Huffman y Scott Nolen, "
            + english("The Baltimore Sun")
            + ", diciembre de 2015), dice que LEAD redujo los nuevos arrestos “en casi un 60 "
            "por ciento”, sin decir a qué resultado se refiere. La evaluación publicó dos: "
            f"un 60{NBSP}% menos de probabilidades de arresto en los seis meses después de "
            f"entrar y un 58{NBSP}% menos a más largo plazo. Ambos son probabilidades menores "
            "de arresto, no una baja de ese tamaño en los nuevos arrestos.</p>"
            "<p>Cada fila cita la publicación de la que viene. Cite siempre una cifra junto "
            "con su fuente.</p>"
        ),
        "methodology": (
            "<p>Las cifras se copiaron de los informes de la evaluación tal como se "
            "publicaron, sin volver a calcularlas. Los resultados sobre probabilidades ("
            + english("odds")
            + ", en inglés) se dan como el porcentaje en que las probabilidades de los "
            "participantes de LEAD son menores que las del grupo de control. Cuando un "
            "informe presenta un resultado que no hemos comprobado hasta la cifra exacta, el "
            "resultado se da en palabras y el valor queda vacío. Para conocer los métodos, "
            "los intervalos de confianza y las limitaciones, lea las publicaciones "
            "mismas.</p>"
        ),
        "source": (
            "Equipo de evaluación de LEAD de la Universidad de Washington (Collins, Lonczak y "
            "Clifasefi), 2015-2017"
        ),
        "spatial_coverage": "Seattle, Washington (LEAD comenzó en el barrio de Belltown)",
        "fields": {
            "topic": {
                "title": "Tema",
                "description": "La parte de la evaluación de la que viene el hallazgo.",
                "values": {
                    "Recidivism": "Reincidencia",
                    "Costs and jail use": "Costos y uso de la cárcel",
                    "Housing, employment and income": "Vivienda, empleo e ingresos",
                },
            },
            "outcome": {
                "title": "Qué se midió",
                "description": "Lo que se midió.",
            },
            "value": {
                "title": "Valor",
                "unit": "vea la columna Unidad",
                "description": (
                    "La cifra tal como se publicó. Queda vacío cuando el hallazgo se da solo "
                    "en palabras; lea la columna del hallazgo."
                ),
            },
            "unit": {
                "title": "Unidad",
                "description": "Lo que cuenta o mide el valor; queda vacío cuando no hay valor.",
            },
            "finding": {
                "title": "Hallazgo",
                "description": "El hallazgo, en una oración sencilla.",
            },
            "source": {
                "title": "Fuente",
                "description": "La publicación de la que viene la cifra, como cita completa.",
            },
            "link": {
                "title": "Enlace",
                "description": ("Dónde leer la publicación (un enlace DOI), cuando hay uno."),
            },
        },
    },
}

# Keyword (tag) name -> its Spanish name. "sample data" also marks the sample reports.
TAG_NAMES = {
    "sample data": "datos de muestra",
    "costs": "costos",
    "jail": "cárcel",
    "prison": "prisión",
    "re-arrest": "nuevos arrestos",
    "recidivism": "reincidencia",
    "outcomes": "resultados",
    "referrals": "derivaciones",
    "enrolment": "inscripción",
    "diversion": "desvío",
    "Seattle": "Seattle",
    "evaluation": "evaluación",
    "research": "investigación",
    "services": "servicios",
    "treatment": "tratamiento",
    "housing": "vivienda",
    "job training": "capacitación laboral",
}

# A release's change note -> its Spanish note.
RELEASE_NOTES = {
    "First release: fiscal year 2019 (July 2018 to June 2019).": (
        "Primera versión: año fiscal 2019 (de julio de 2018 a junio de 2019)."
    ),
    "First release: cohorts entering from February 2017 to December 2018.": (
        "Primera versión: cohortes que entraron entre febrero de 2017 y diciembre de 2018."
    ),
    "First release: February 2017 to December 2019.": (
        "Primera versión: de febrero de 2017 a diciembre de 2019."
    ),
    "First release: results of the three evaluation reports, 2015 to 2017.": (
        "Primera versión: resultados de los tres informes de la evaluación, de 2015 a 2017."
    ),
    "First release: 2017-Q1 to 2019-Q4.": "Primera versión: de 2017-Q1 a 2019-Q4.",
    "Adds January 2020, the last month of the pilot's first three years, and corrects "
    "October 2019: three social contact referrals had been counted twice.": (
        "Agrega enero de 2020, el último mes de los primeros tres años del programa piloto, "
        "y corrige octubre de 2019: se habían contado dos veces tres derivaciones por "
        "contacto social."
    ),
}

# The datasets' publisher, by its English name.
PUBLISHERS = {"LEAD Baltimore": "LEAD Baltimore"}

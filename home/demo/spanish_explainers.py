"""The Spanish "About LEAD" index and the explainers not in ``spanish``, by the English
page's path.

Each text mirrors its English one in ``explainers`` (same blocks in the same order, same
links, same facts and numbers), in the words of the glossary in docs/i18n.md: a "referral"
is a "derivación", an officer "envía" someone to LEAD, a complaint about an officer is a
"queja". Names of neighbourhoods and streets stay as they are; names of organisations and
titles of English-language studies kept in English are marked as English.
"""

from home.demo.content import (
    bullets,
    callout,
    complaint_routes,
    english,
    faq,
    figure,
    h2,
    h3,
    key_figures,
    link,
    p,
    pilot_status,
    table,
)
from home.demo.explainers import RECIDIVISM_URL, explainer
from home.demo.spanish import (
    COST_STUDY,
    LAUNCH,
    NBSP,
    PROGRAM_NAME,
    RECIDIVISM_STUDY,
    USUAL_WAY,
)
from publicdata.demo_charts import chart_block

OP_ED_TITLE = english("New Baltimore approach to addiction")
HOUSING_TITLE = english("The Impact of LEAD on Housing, Employment and Income/Benefits")
NEWSPAPER = english("The Baltimore Sun")

INDEX = {
    "title": "Acerca de LEAD",
    "show_in_menus": True,
    "search_description": "Cómo funciona el programa LEAD en Baltimore.",
    "intro": (
        f"<p>Respuestas claras sobre el programa piloto {PROGRAM_NAME}: qué es, para quién "
        "es, qué pasa después de una derivación y cuáles son sus derechos.</p>"
    ),
}

ELIGIBILITY = explainer(
    "Quién puede participar y cómo funciona una derivación",
    "En el programa piloto de Baltimore, LEAD es para personas a quienes la policía podría "
    "arrestar en la zona piloto por posesión de drogas o por prostitución, cuando son delitos "
    "menores. Los agentes pueden enviar a alguien al programa de dos maneras.",
    [
        h2("A quién se puede enviar a LEAD"),
        p(
            "En el programa piloto de Baltimore, LEAD es para personas a quienes la policía "
            "podría arrestar en la "
            + link("/lead/pilot-area/", "zona piloto")
            + " por posesión de drogas o por prostitución, cuando se trata de delitos menores.",
            "Cada programa LEAD pone sus propios límites. En Seattle, por ejemplo, se excluyeron "
            "algunos casos, como los que tenían que ver con más de una pequeña cantidad de "
            "drogas o con la explotación de niños. Los socios de Baltimore deciden las reglas "
            "para Baltimore, y el agente le dirá si LEAD es una opción para usted.",
        ),
        h2("Dos maneras de entrar"),
        h3("En lugar de un arresto"),
        p(
            "Mientras el programa piloto funcione, un agente que podría arrestarlo por un "
            "delito que califica para LEAD puede ofrecerle LEAD en lugar de llevarlo a que lo "
            "fichen. Si usted acepta, se reúne con un administrador de casos en lugar de que "
            "lo fichen por ese delito.",
            "Es una oportunidad de evitar la cárcel y los antecedentes penales, no una "
            "promesa. Que todavía puedan presentarle cargos más adelante depende de que usted "
            "participe y de las decisiones de la Fiscalía. Pregúntele al agente, a su "
            "administrador de casos o a un abogado qué tiene que hacer.",
        ),
        h3("Sin ningún arresto"),
        p(
            "Los agentes también pueden enviar a LEAD a una persona que saben que tiene "
            "problemas con las drogas, aunque no haya motivos para arrestarla. Esto se llama "
            "una derivación por contacto social.",
        ),
        h2("Qué pasa en el momento de la derivación"),
        bullets(
            "El agente le explica que LEAD es una opción y en qué consiste.",
            "Si usted está de acuerdo, el agente se comunica con un administrador de casos de "
            "LEAD.",
            "El administrador de casos se reúne con usted, le explica los próximos pasos y "
            "programa su primera evaluación.",
            f"Si usted dice que no, su caso se procesa de la forma habitual: {USUAL_WAY}. "
            "Decir que no es su derecho.",
            intro="Esto es lo que suele pasar:",
        ),
        callout(
            "Usted decide",
            "Participar es su decisión. No tiene que dejar de consumir drogas para seguir en el "
            "programa. " + link("/lead/your-rights/", "Lea sobre sus derechos"),
        ),
    ],
)

AFTER_REFERRAL = explainer(
    "Qué pasa después de una derivación",
    "Un administrador de casos lo ayuda a ver qué necesita y luego lo conecta con "
    "tratamiento, vivienda, capacitación para el trabajo, beneficios y ayuda legal. Usted "
    "pone las metas.",
    [
        h2("Su primera evaluación"),
        p(
            "Poco después de la derivación, usted se reúne con un administrador de casos para una "
            "primera evaluación. Es una conversación sobre su salud, su vivienda, su dinero y lo "
            "que usted quiere cambiar. Le sirve al administrador de casos para entender qué es "
            "lo que más lo ayudaría.",
        ),
        h2("La administración de casos"),
        p(
            "Su administrador de casos lo acompaña a lo largo del tiempo. Juntos hacen un plan, "
            "y el administrador lo ayuda a cumplirlo: hace llamadas, va con usted a las citas y "
            "lo ayuda con los formularios.",
        ),
        bullets(
            "tratamiento para las drogas y apoyo para la recuperación",
            "atención de salud mental",
            "un lugar seguro donde quedarse y ayuda para encontrar vivienda",
            "capacitación para el trabajo y ayuda para encontrar empleo",
            "beneficios como seguro médico y ayuda para comprar comida",
            "ayuda legal con otros casos",
            intro="Entre los servicios con los que se puede conectar a las personas están:",
        ),
        h2("Reducción de daños"),
        p(
            "LEAD sigue un enfoque de reducción de daños. Eso quiere decir que usted no tiene "
            "que dejar de consumir drogas para seguir en el programa. El objetivo es que su vida "
            "sea más segura y más estable, paso a paso, al ritmo que usted elija.",
        ),
        callout(
            "Cuántas personas puede atender el programa piloto",
            "Al comenzar, se esperaba que el programa piloto de Baltimore atendiera a unas 60 "
            "personas al mismo tiempo. Era un plan, no un conteo de las personas que ha "
            "atendido.",
        ),
        h2("Si algo sale mal"),
        p(
            "Si no está conforme con el trato que recibió de un administrador de casos, puede "
            + link("/contact/", "contárselo al programa")
            + ". No tiene que dar su nombre.",
        ),
        complaint_routes(),
    ],
)

PILOT_AREA = explainer(
    "La zona piloto",
    "El programa piloto LEAD de Baltimore se creó en cerca de media milla cuadrada en el "
    "lado oeste del centro de la ciudad, una zona con mucha actividad de drogas.",
    [
        h2("Dónde se creó el programa piloto"),
        p(
            "El programa piloto se creó en cerca de media milla cuadrada en el lado oeste del "
            "centro de Baltimore. Se eligió esta zona porque tiene mucha actividad de drogas.",
            f"Una presentación de {english('Behavioral Health System Baltimore')} describe la "
            f"zona como el área que va más o menos desde {english('Franklin Street')} hacia el "
            f"sur hasta {english('Pratt Street')}, y desde {english('St. Paul Street')} hacia "
            f"el oeste hasta {english('Martin Luther King Jr. Boulevard')}. Pregúntele al "
            "programa cuál es el límite exacto.",
            "Mientras el programa piloto funcione, las derivaciones las hacen los agentes que "
            "trabajan en esta zona. Cuando se anunció el programa piloto, los socios "
            "planeaban extenderlo a otros vecindarios si daba los resultados que esperaban.",
        ),
        pilot_status(),
        h2("Vecindarios"),
        # Names of neighbourhoods, as on the city's maps and street signs.
        bullets(
            "Market Center",
            "Downtown West",
            "Downtown",
            intro="Entre los vecindarios de la zona piloto están:",
        ),
        callout(
            "Lista de muestra",
            "Esta lista de vecindarios contiene datos de muestra para el sitio de "
            "demostración, tomados de la zona descrita arriba. El personal del programa "
            "mantiene al día la lista oficial de la zona piloto.",
        ),
        h2("Quiénes trabajan aquí"),
        p(
            "Más de 120 agentes recibieron capacitación para el programa piloto. Al comenzar, "
            f"los administradores de casos de {english('Baltimore Crisis Response Inc.')} "
            "fueron asignados al distrito de policía, para poder reunirse pronto con las "
            "personas después de una derivación.",
        ),
    ],
)

OFFICER_TRAINING = explainer(
    "Cómo se capacita a los agentes",
    "Más de 120 agentes recibieron capacitación para reconocer la adicción, usar su criterio "
    "y conectar a las personas con ayuda.",
    [
        h2("Qué cubrió la capacitación"),
        bullets(
            "cómo reconocer las señales y los síntomas de la adicción a las drogas;",
            "cómo saber si alguien puede participar en LEAD;",
            "cómo usar su criterio, y los recursos que LEAD les da, para ayudar a las personas "
            "a encontrar el apoyo que necesitan;",
            "cómo trabajar con los administradores de casos de LEAD.",
            intro="Los agentes de la zona piloto recibieron capacitación sobre:",
        ),
        h2("Otra manera de ver a las personas"),
        p(
            "La capacitación les pidió a los agentes que vieran a las personas con problemas de "
            "consumo de sustancias como seres humanos que necesitan apoyo, no como delincuentes "
            "que necesitan castigo.",
            "También les dio a los agentes la oportunidad de mostrar su papel de servidores "
            "públicos, algo importante en una ciudad donde la confianza entre la policía y los "
            "residentes se ha dañado mucho.",
        ),
        key_figures(figure("120+", "agentes capacitados para el programa piloto", LAUNCH)),
        h2("Cuéntenos cómo están actuando los agentes"),
        p(
            "Las experiencias de los residentes son la mejor prueba de si la capacitación "
            "funciona. "
            + link("/contact/", "Cuéntenos sobre una interacción con la policía")
            + ".",
        ),
    ],
)

OTHER_CITIES = explainer(
    "Lo que encontraron otras ciudades",
    "En Seattle, donde comenzó LEAD, los participantes tenían menos probabilidades de volver "
    "a ser arrestados, y pasaron menos tiempo en la cárcel, que personas parecidas que pasaron "
    "por el sistema habitual.",
    [
        h2("Los resultados de Seattle"),
        p(
            "Los investigadores de la Universidad de Washington compararon a 203 personas del "
            "programa LEAD de Seattle con 115 personas parecidas que pasaron por el sistema "
            "habitual (Collins, Lonczak y Clifasefi, 2017). En los seis meses después de entrar "
            f"al programa, los participantes de LEAD tenían un 60{NBSP}% menos de "
            "probabilidades de ser arrestados que el grupo de comparación. A más largo plazo, "
            f"tenían un 58{NBSP}% menos de probabilidades de ser arrestados y un 39{NBSP}% "
            "menos de probabilidades de ser acusados de un delito grave.",
            "Tener menos probabilidades no es lo mismo que tener esa proporción menos de "
            "arrestos. El artículo de opinión que anunció el programa piloto de Baltimore, "
            f"“{OP_ED_TITLE}” (Tara Huffman y Scott Nolen, {NEWSPAPER}, diciembre de 2015), "
            "dice que LEAD redujo los nuevos arrestos “en casi un 60 por ciento”. No dice a "
            "cuál de estos dos resultados se refería.",
        ),
        key_figures(
            figure(
                f"60{NBSP}%",
                "menos probabilidades de arresto en los seis meses después de entrar a LEAD",
                RECIDIVISM_STUDY,
                RECIDIVISM_URL,
            ),
            figure(
                f"58{NBSP}%",
                "menos probabilidades de arresto a más largo plazo",
                RECIDIVISM_STUDY,
                RECIDIVISM_URL,
            ),
            figure(
                f"39{NBSP}%",
                "menos probabilidades de ser acusado de un delito grave a más largo plazo",
                RECIDIVISM_STUDY,
                RECIDIVISM_URL,
            ),
            title="Nuevos arrestos en Seattle",
        ),
        chart_block("Seattle: lower odds of arrest", heading_level="3"),
        h2("Cárcel, tribunales y costos"),
        p(
            "Otra evaluación de la Universidad de Washington (junio de 2015) midió cuánto "
            "usaron los participantes la cárcel, los tribunales y la acusación penal, y cuánto "
            "costó eso. Cada año, los participantes tuvieron 1,4 ingresos menos a la cárcel y "
            "39 días menos en la cárcel que las personas del sistema habitual, y sus costos de "
            "cárcel y del sistema legal fueron menores.",
            "La evaluación dio por separado los costos del propio programa: LEAD costó en "
            f"promedio 899{NBSP}US$ por persona al mes, incluidos los gastos para ponerlo en "
            f"marcha, y bajó a 532{NBSP}US$ al mes al final de la evaluación.",
        ),
        table(
            "El programa LEAD de Seattle comparado con el sistema habitual",
            ["Medida", "Lo que encontraron las evaluaciones"],
            [
                (
                    "Probabilidades de arresto, primeros seis meses",
                    f"60{NBSP}% menores para los participantes de LEAD",
                ),
                ("Probabilidades de arresto, a más largo plazo", f"58{NBSP}% menores"),
                (
                    "Probabilidades de ser acusado de un delito grave, a más largo plazo",
                    f"39{NBSP}% menores",
                ),
                ("Ingresos a la cárcel por año", "1,4 menos"),
                ("Días en la cárcel por año", "39 menos"),
                (
                    "Costo del programa por persona al mes",
                    f"899{NBSP}US$ en promedio, 532{NBSP}US$ al final",
                ),
            ],
            source=f"{RECIDIVISM_STUDY} (arrestos); {COST_STUDY} (costos)",
        ),
        p(
            f"Una tercera evaluación, “{HOUSING_TITLE}” (sobre la vivienda, el empleo y los "
            "ingresos o beneficios; Clifasefi, Lonczak y Collins, marzo de 2016), "
            "encontró que, en cualquier mes después de la derivación, los participantes tenían "
            "más del doble de probabilidades de tener un techo que en el mes anterior, y más "
            "probabilidades de tener un trabajo y un ingreso legal.",
        ),
        h2("Otras ciudades"),
        p(
            "Cuando se anunció el programa piloto de Baltimore, varias otras ciudades estaban "
            "en distintas etapas de crear sus propios programas LEAD:",
        ),
        bullets(
            "Santa Fe, Nuevo México",
            "Atlanta, Georgia",
            "Bangor, Maine",
            "Camden, Nueva Jersey",
            "Fayetteville, Carolina del Norte",
            "Los Ángeles, California",
            "Milwaukee, Wisconsin",
            "Filadelfia, Pensilvania",
        ),
        p(
            "Baltimore puede compartir ideas y lecciones con estas ciudades. Los resultados del "
            "propio programa piloto de Baltimore se publican en este sitio como datos abiertos "
            "a medida que están disponibles.",
        ),
    ],
)

FAQ = explainer(
    "Preguntas frecuentes",
    "Respuestas cortas a las preguntas que los residentes hacen más a menudo sobre LEAD.",
    [
        faq(
            [
                (
                    "¿Qué quiere decir LEAD?",
                    f"{PROGRAM_NAME} (desvío asistido por las fuerzas del orden). "
                    f"“{english('Diversion')}” (desvío) quiere decir apartar a alguien de la "
                    "cárcel y los tribunales, y llevarlo hacia la ayuda.",
                ),
                (
                    "¿LEAD quiere decir que me dejan ir sin más?",
                    "No. LEAD lo conecta con un administrador de casos y con servicios. Es una "
                    "respuesta diferente a un problema de salud, no una falta de respuesta.",
                ),
                (
                    "¿Tengo que entrar al programa?",
                    "No. Participar es voluntario. Si usted dice que no, su caso se maneja de la "
                    f"forma habitual: {USUAL_WAY}.",
                ),
                (
                    "¿Tengo que dejar de consumir drogas?",
                    "No. LEAD usa un enfoque de reducción de daños: usted puede seguir en el "
                    "programa mientras trabaja para alcanzar sus propias metas.",
                ),
                (
                    "¿Voy a tener antecedentes penales?",
                    "LEAD le da una oportunidad de evitarlos; no es una promesa. Si un agente le "
                    "ofrece LEAD en lugar de un arresto y usted acepta, no lo fichan por ese "
                    "delito. Que le presenten cargos más adelante depende de que usted "
                    "participe y de las decisiones de la Fiscalía. Pregúntele a su "
                    "administrador de casos o a un abogado sobre su propia situación.",
                ),
                (
                    "¿A quién se puede enviar a LEAD?",
                    "A personas a quienes la policía podría arrestar en la zona piloto por "
                    "posesión de drogas o por prostitución, cuando son delitos menores. Los "
                    "agentes también pueden enviar a personas que saben que tienen problemas, "
                    "sin ningún arresto.",
                ),
                (
                    "¿Dónde está la zona piloto?",
                    "Es un área de cerca de media milla cuadrada en el lado oeste del centro de "
                    "Baltimore. " + link("/lead/pilot-area/", "Vea la zona piloto"),
                ),
                (
                    "¿Qué ayuda puedo recibir?",
                    "Una evaluación, y después ayuda con el tratamiento para las drogas, la "
                    "atención de salud mental, la vivienda, la capacitación para el trabajo, los "
                    "beneficios y los problemas legales.",
                ),
                (
                    "¿Quién dirige LEAD en Baltimore?",
                    "El programa piloto lo crearon el Departamento de Policía de Baltimore, la "
                    f"Fiscalía, {english('Behavioral Health System Baltimore')} y la "
                    "Defensoría Pública, con administradores de casos de "
                    f"{english('Baltimore Crisis Response Inc.')} y con OSI-Baltimore como "
                    "principal financiador.",
                ),
                (
                    "¿Funciona LEAD?",
                    f"En Seattle, las personas en LEAD tenían un 60{NBSP}% menos de "
                    "probabilidades de ser arrestadas en los primeros seis meses que personas "
                    "parecidas del sistema habitual. "
                    + link("/lead/other-cities/", "Lea lo que encontraron otras ciudades"),
                ),
                (
                    "¿Cómo presento una queja sobre un agente de policía?",
                    "Este sitio no recibe quejas, y un reporte aquí no es una queja. Presente "
                    "una queja formal ante la Oficina de Integridad Pública del Departamento de "
                    "Policía de Baltimore o ante la Junta de Revisión Civil de la Ciudad de "
                    "Baltimore: más abajo se explica cómo comunicarse con ellas. También puede "
                    + link("/contact/", "contarle al programa cómo lo trataron")
                    + ", pero eso no reemplaza una queja.",
                ),
                (
                    "Necesito ayuda ahora mismo. ¿A quién llamo?",
                    "En caso de emergencia, llame al 911. Si tiene una crisis de salud mental o "
                    "de consumo de sustancias, llame o envíe un mensaje de texto al 988. "
                    + link("/get-help/", "Más lugares donde conseguir ayuda"),
                ),
            ]
        ),
        h2("Cómo presentar una queja sobre un agente"),
        complaint_routes(),
    ],
)

PAGES = {
    "lead/": INDEX,
    "lead/eligibility-and-referral/": ELIGIBILITY,
    "lead/after-a-referral/": AFTER_REFERRAL,
    "lead/pilot-area/": PILOT_AREA,
    "lead/officer-training/": OFFICER_TRAINING,
    "lead/other-cities/": OTHER_CITIES,
    "lead/faq/": FAQ,
}

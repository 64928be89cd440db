"""The Spanish "About LEAD" index and the explainers not in ``spanish``, by the English
page's path.

Each text mirrors its English one in ``explainers`` (same blocks in the same order, same
links, same facts and numbers), in the words of ``spanish``: a "referral" is a "derivación",
and an officer "envía" someone to LEAD. Names of organisations, neighbourhoods and
English-language studies stay in English.
"""

from home.demo.content import bullets, callout, faq, figure, h2, h3, key_figures, link, p, table
from home.demo.explainers import COST_STUDY, RECIDIVISM_STUDY, RECIDIVISM_URL, explainer
from home.demo.spanish import LAUNCH
from publicdata.demo_charts import chart_block

INDEX = {
    "title": "Acerca de LEAD",
    "show_in_menus": True,
    "search_description": "Cómo funciona Law Enforcement Assisted Diversion en Baltimore.",
    "intro": (
        "<p>Respuestas claras sobre el programa piloto Law Enforcement Assisted Diversion: qué "
        "es, para quién es, qué pasa después de una derivación y cuáles son sus derechos.</p>"
    ),
}

ELIGIBILITY = explainer(
    "Quién puede participar y cómo funciona una derivación",
    "LEAD es para personas detenidas en la zona piloto por posesión de drogas o por "
    "prostitución, cuando son delitos menores. Los agentes pueden enviar a alguien al "
    "programa de dos maneras.",
    [
        h2("A quién se puede enviar a LEAD"),
        p(
            "En el programa piloto de Baltimore, LEAD es para personas detenidas por la policía "
            "en la "
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
            "Un agente que podría arrestarlo por un delito que califica para LEAD puede "
            "ofrecerle LEAD en lugar de llevarlo a que lo fichen. Si usted acepta, no lo llevan "
            "a la cárcel por ese delito: en cambio, se reúne con un administrador de casos. "
            "Pregúntele al agente o a su administrador de casos qué tiene que hacer para seguir "
            "en el programa.",
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
            "Si usted dice que no, su caso se procesa de la forma habitual. Decir que no es su "
            "derecho.",
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
            "El programa piloto de Baltimore se planeó para atender a unas 60 personas al mismo "
            "tiempo.",
        ),
        h2("Si algo sale mal"),
        p(
            "Si no está conforme con el trato que recibió, de un administrador de casos o de la "
            "policía, puede "
            + link("/contact/", "contárselo al programa")
            + ". No tiene que dar su nombre.",
        ),
    ],
)

PILOT_AREA = explainer(
    "La zona piloto",
    "El programa piloto LEAD de Baltimore cubre cerca de media milla cuadrada en el lado "
    "oeste del centro de la ciudad, una zona con mucha actividad de drogas.",
    [
        h2("Dónde funciona LEAD"),
        p(
            "El programa piloto cubre cerca de media milla cuadrada en el lado oeste del centro "
            "de Baltimore. Se eligió esta zona porque tiene mucha actividad de drogas.",
            "Las derivaciones a LEAD las hacen los agentes que trabajan en esta zona. Si el "
            "programa piloto da los resultados que esperan los socios, el plan es extenderlo a "
            "otros vecindarios.",
        ),
        h2("Vecindarios"),
        # Names of neighbourhoods, as on the city's maps and street signs.
        bullets(
            "Market Center",
            "Seton Hill",
            "Heritage Crossing",
            "Poppleton",
            "Downtown West",
            intro=(
                "Entre los vecindarios que están dentro de la zona piloto o a su alrededor están:"
            ),
        ),
        callout(
            "Lista de muestra",
            "Esta lista de vecindarios contiene datos de muestra para el sitio de demostración. El "
            "personal del programa mantiene al día la lista oficial de la zona piloto.",
        ),
        h2("Quiénes trabajan aquí"),
        p(
            "Más de 120 agentes recibieron capacitación para el programa piloto. Los "
            "administradores de casos de Baltimore Crisis Response Inc. están asignados al "
            "distrito de policía, para poder reunirse pronto con las personas después de una "
            "derivación.",
        ),
    ],
)

OFFICER_TRAINING = explainer(
    "Cómo se capacita a los agentes",
    "Más de 120 agentes recibieron capacitación para reconocer la adicción, usar su criterio "
    "y conectar a las personas con ayuda.",
    [
        h2("Qué cubre la capacitación"),
        bullets(
            "cómo reconocer las señales y los síntomas de la adicción a las drogas;",
            "cómo saber si alguien puede participar en LEAD;",
            "cómo usar su criterio, y los recursos que LEAD les da, para ayudar a las personas "
            "a encontrar el apoyo que necesitan;",
            "cómo trabajar con los administradores de casos de LEAD.",
            intro="Los agentes de la zona piloto reciben capacitación sobre:",
        ),
        h2("Otra manera de ver a las personas"),
        p(
            "La capacitación pide a los agentes que vean a las personas con problemas de "
            "consumo de sustancias como seres humanos que necesitan apoyo, no como delincuentes "
            "que necesitan castigo.",
            "También les da a los agentes la oportunidad de mostrar su papel de servidores "
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
    "En Seattle, donde comenzó LEAD, los participantes tenían muchas menos probabilidades de "
    "volver a ser arrestados, y con el tiempo el programa costó menos que el sistema habitual.",
    [
        h2("Los resultados de Seattle"),
        p(
            "Investigadores de la Universidad de Washington compararon a 203 personas del "
            "programa LEAD de Seattle con 115 personas parecidas que pasaron por el sistema "
            "habitual (Collins, Lonczak y Clifasefi). En los seis meses después de entrar al "
            "programa, los participantes de LEAD tenían un 60% menos de probabilidades de ser "
            "arrestados. Esta es la baja de “casi 60 por ciento” en los nuevos arrestos que "
            "suelen citar quienes apoyan el programa.",
        ),
        key_figures(
            figure(
                "60%",
                "menos probabilidades de arresto en los seis meses después de entrar a LEAD",
                RECIDIVISM_STUDY,
                RECIDIVISM_URL,
            ),
            figure(
                "58%",
                "menos probabilidades de arresto a más largo plazo",
                RECIDIVISM_STUDY,
                RECIDIVISM_URL,
            ),
            figure(
                "39%",
                "menos probabilidades de una acusación por un delito grave (felony) a más largo "
                "plazo",
                RECIDIVISM_STUDY,
                RECIDIVISM_URL,
            ),
            title="Nuevos arrestos en Seattle",
        ),
        chart_block("Seattle: lower odds of arrest", heading_level="3"),
        h2("Costos"),
        p(
            "Otra evaluación de la Universidad de Washington (junio de 2015) estudió el costo "
            "de la cárcel, los tribunales y la acusación penal. LEAD costó en promedio $899 por "
            "persona al mes, incluidos los gastos para ponerlo en marcha, y bajó a $532 al mes "
            "al final del estudio. Cada año, los participantes tuvieron 1.4 ingresos menos a la "
            "cárcel y 39 días menos en la cárcel que las personas del sistema habitual.",
        ),
        table(
            "El programa LEAD de Seattle comparado con el sistema habitual",
            ["Medida", "Lo que encontraron las evaluaciones"],
            [
                (
                    "Probabilidades de arresto, primeros seis meses",
                    "60% menores para los participantes de LEAD",
                ),
                ("Probabilidades de arresto, a más largo plazo", "58% menores"),
                (
                    "Probabilidades de una acusación por un delito grave, a más largo plazo",
                    "39% menores",
                ),
                ("Ingresos a la cárcel por año", "1.4 menos"),
                ("Días en la cárcel por año", "39 menos"),
                ("Costo del programa por persona al mes", "$899 en promedio, $532 al final"),
            ],
            source=f"{RECIDIVISM_STUDY} (arrestos); {COST_STUDY} (costos)",
        ),
        p(
            "Una tercera evaluación, The Impact of LEAD on Housing, Employment and "
            "Income/Benefits (sobre la vivienda, el empleo y los ingresos o beneficios, marzo "
            "de 2016), encontró que, después de la derivación, los participantes tenían más "
            "probabilidades que antes de tener un techo, un trabajo y un ingreso legal.",
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
            "propio programa piloto de Baltimore se publicarán en este sitio como datos abiertos.",
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
                    "Law Enforcement Assisted Diversion (desvío asistido por las fuerzas del "
                    "orden). “Diversion” (desvío) quiere decir apartar a alguien de la cárcel y "
                    "los tribunales, y llevarlo hacia la ayuda.",
                ),
                (
                    "¿LEAD quiere decir que me dejan ir sin más?",
                    "No. LEAD lo conecta con un administrador de casos y con servicios. Es una "
                    "respuesta diferente a un problema de salud, no una falta de respuesta.",
                ),
                (
                    "¿Tengo que entrar al programa?",
                    "No. Participar es voluntario. Si usted dice que no, su caso se maneja de la "
                    "forma habitual.",
                ),
                (
                    "¿Tengo que dejar de consumir drogas?",
                    "No. LEAD usa un enfoque de reducción de daños: usted puede seguir en el "
                    "programa mientras trabaja para alcanzar sus propias metas.",
                ),
                (
                    "¿Voy a tener antecedentes penales?",
                    "Si un agente le ofrece LEAD en lugar de un arresto y usted participa, no lo "
                    "fichan en la cárcel por ese delito. Pregúntele a su administrador de casos "
                    "o a un abogado sobre su propia situación.",
                ),
                (
                    "¿A quién se puede enviar a LEAD?",
                    "A personas detenidas en la zona piloto por posesión de drogas o por "
                    "prostitución, cuando son delitos menores. Los agentes también pueden enviar "
                    "a personas que saben que tienen problemas, sin ningún arresto.",
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
                    "El Baltimore Police Department (el Departamento de Policía), la State’s "
                    "Attorney’s Office (la Fiscalía), Behavioral Health System Baltimore y la "
                    "Office of the Public Defender (la Defensoría Pública), con administradores "
                    "de casos de Baltimore Crisis Response Inc. OSI-Baltimore es el principal "
                    "financiador.",
                ),
                (
                    "¿Funciona LEAD?",
                    "En Seattle, las personas en LEAD tenían un 60% menos de probabilidades de "
                    "volver a ser arrestadas en los primeros seis meses. "
                    + link("/lead/other-cities/", "Lea lo que encontraron otras ciudades"),
                ),
                (
                    "¿Cómo presento una queja sobre un agente de policía?",
                    link("/contact/", "Cuénteselo al programa") + ". No tiene que dar su nombre.",
                ),
                (
                    "Necesito ayuda ahora mismo. ¿A quién llamo?",
                    "En caso de emergencia, llame al 911. Si tiene una crisis de salud mental o "
                    "de consumo de sustancias, llame o envíe un mensaje de texto al 988. "
                    + link("/get-help/", "Más lugares donde conseguir ayuda"),
                ),
            ]
        ),
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

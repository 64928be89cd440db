"""The Spanish texts of the demo site, as plain data shaped like the English ones.

Each name mirrors an English one, with the same keys, the same blocks in the same order and
the same links, so the loader can build the Spanish pages under ``/es/`` with the slugs of
the English pages:

- ``FIELDS``, ``CALLS_TO_ACTION`` and ``fields_with_links()``: ``home_page``;
- ``EXPLAINERS``: ``explainers.WHAT_IS_LEAD`` and ``explainers.YOUR_RIGHTS``, by slug;
- ``FEEDBACK_PAGE``: ``feedback.demo.PAGE``;
- ``privacy()``: ``help_pages.privacy()``, with the periods read from the same settings;
- ``SITE_SETTINGS``: the user-visible texts of ``help_pages.SITE_SETTINGS``;
- the other explainers are in ``spanish_explainers``, the outcomes, news and help pages in
  ``spanish_pages``; ``build.spanish_texts()`` gathers every translated page but the home
  page, by the English page's path.

Facts, numbers and citations are those of the English pages, in the words of the glossary
in docs/i18n.md. Names of organisations and programs and the titles of English-language
studies that stay in English are marked as English (``content.english``); where a text is
plain (a title, a key figure's source) it says the same in Spanish words instead.
"""

from home.demo import home_page, privacy_outreach
from home.demo.content import (
    bullets,
    callout,
    complaint_routes,
    english,
    figure,
    h2,
    key_figures,
    link,
    p,
    pilot_status,
    who_moderates,
)
from home.demo.explainers import RECIDIVISM_URL, explainer
from home.demo.help_pages import SAMPLE_EMAIL, stated_periods
from home.demo.home_page import LAST_REVIEWED

NBSP = "\xa0"
# Sources in Spanish words: a key figure's source is plain text, so an English title
# cannot be marked as English there; the link leads to the study itself.
LAUNCH = "Lanzamiento del programa piloto LEAD de Baltimore, 6 de febrero de 2017"
RECIDIVISM_STUDY = (
    "Collins, Lonczak y Clifasefi (2017), estudio de la Universidad de Washington sobre los "
    "nuevos arrestos, vol. 64"
)
COST_STUDY = (
    "Evaluación de LEAD de la Universidad de Washington sobre los costos del sistema legal "
    "(junio de 2015)"
)
OP_ED = "Artículo de opinión de Tara Huffman y Scott Nolen (OSI-Baltimore), diciembre de 2015"
USUAL_WAY = "eso puede significar un arresto, el fichaje en la cárcel y cargos penales"
PROGRAM_NAME = english("Law Enforcement Assisted Diversion")

# The home page ---------------------------------------------------------------------------

FIELDS = {
    "title": "LEAD Baltimore",
    "seo_title": "LEAD Baltimore: ayuda en lugar de arresto",
    "search_description": (
        "El programa piloto LEAD de Baltimore, de desvío asistido por las fuerzas del orden: "
        "qué es, para quién es, sus derechos y dónde conseguir ayuda ahora."
    ),
    "hero_heading": "Ayuda en lugar de esposas",
    "hero_text": (
        "El programa piloto LEAD de Baltimore se creó para que, en una parte del centro, los "
        "agentes de policía puedan ofrecer a quien encuentran con una pequeña cantidad de "
        "drogas un administrador de casos, ayuda real y la oportunidad de evitar una noche en "
        "la cárcel y antecedentes penales."
    ),
    "intro": (
        f"<p>Este es el sitio público del programa piloto {PROGRAM_NAME} (LEAD) de Baltimore. "
        "Lea cómo funciona el programa y cuáles son sus derechos, cuéntenos cómo fue el trato "
        "que recibió de la policía y siga los resultados del programa piloto.</p>"
    ),
    "body": [
        key_figures(
            figure(
                f"60{NBSP}%",
                "menos probabilidades de volver a ser arrestadas en un plazo de seis meses, "
                "para las personas del programa LEAD de Seattle",
                RECIDIVISM_STUDY,
                RECIDIVISM_URL,
            ),
            figure(
                "120+",
                "agentes de la policía de Baltimore capacitados para el programa piloto",
                LAUNCH,
            ),
            figure(
                "½ milla cuadrada",
                "zona piloto en el lado oeste del centro de la ciudad",
                LAUNCH,
            ),
            title="LEAD en cifras",
        ),
        pilot_status(),
    ],
}

CALLS_TO_ACTION = [
    ("Cuéntenos sobre una interacción con la policía", "No tiene que dar su nombre.", "feedback"),
    (
        "Vea los resultados",
        "Los resultados del programa piloto en gráficos, y los números detrás de ellos.",
        "outcomes",
    ),
    ("Consiga ayuda ahora", "Líneas de crisis, tratamiento, vivienda y comida.", "get-help"),
]


def fields_with_links(pages):
    """The Spanish home page fields, with calls to action pointing at the pages built."""
    return home_page.fields_with_links(pages, FIELDS, CALLS_TO_ACTION)


# Explainers ------------------------------------------------------------------------------

WHAT_IS_LEAD = explainer(
    "¿Qué es LEAD?",
    "LEAD permite que los agentes de policía envíen a las personas a un administrador de "
    "casos y a servicios de la comunidad, en lugar de arrestarlas por algunos delitos menores "
    "de drogas. Baltimore lo puso a prueba en una parte del centro de la ciudad.",
    [
        h2("LEAD en un minuto"),
        p(
            f"{PROGRAM_NAME} (LEAD, por sus siglas en inglés) cambia lo que puede pasar cuando "
            "la policía encuentra a alguien con una pequeña cantidad de drogas. En lugar de "
            "arrestar a la persona y presentar cargos en su contra, un agente puede enviarla a "
            "un administrador de casos.",
            "El administrador de casos empieza con una evaluación de salud. Después ayuda a la "
            "persona a conseguir lo que necesita: tratamiento para las drogas, atención de "
            "salud mental, un lugar donde vivir, capacitación para el trabajo, beneficios y "
            "ayuda legal.",
            "La idea de LEAD es que la adicción es un problema de salud. La cárcel no la "
            "trata, y tener antecedentes penales hace más difícil encontrar vivienda o trabajo.",
        ),
        callout(
            "Participar es voluntario",
            "Nadie está obligado a entrar en LEAD. Si usted dice que no, su caso se maneja de "
            f"la forma habitual: {USUAL_WAY}.",
            tone="important",
        ),
        h2("De dónde viene LEAD"),
        p(
            "LEAD comenzó en octubre de 2011 en Belltown, un barrio de Seattle, como un "
            "programa piloto de cuatro años. Lo crearon el Racial Disparity Project de "
            f"{english('The Defender Association')} (hoy la "
            f"{english('Public Defender Association')} de Seattle, una organización de "
            "defensores públicos) y la ACLU de Washington, junto con la policía, los fiscales y "
            "organizaciones de la comunidad.",
            "Los investigadores de la Universidad de Washington compararon a las personas del "
            "programa de Seattle con personas parecidas que pasaron por el sistema habitual. "
            "Las personas de LEAD tenían menos probabilidades de volver a ser arrestadas. "
            + link("/lead/other-cities/", "Lea lo que encontraron otras ciudades"),
        ),
        h2("LEAD en Baltimore"),
        p(
            "El programa piloto de Baltimore se anunció a finales de 2015 y comenzó el 6 de "
            "febrero de 2017 como un programa piloto de tres años. Se creó en cerca de media "
            "milla cuadrada en el lado oeste del centro de la ciudad, una zona con mucha "
            "actividad de drogas. " + link("/lead/pilot-area/", "Vea la zona piloto"),
            "Al comenzar, los socios eran el Departamento de Policía de Baltimore, la Fiscalía "
            f"({english('State’s Attorney’s Office')}), "
            f"{english('Behavioral Health System Baltimore')} (BHSB) y la Defensoría Pública "
            f"({english('Office of the Public Defender')}), y el "
            f"{english('Open Society Institute-Baltimore')} (OSI-Baltimore) era el principal "
            "financiador. Los administradores de casos de "
            f"{english('Baltimore Crisis Response Inc.')}, supervisados por BHSB, fueron "
            "asignados al distrito de policía.",
        ),
        pilot_status(),
        h2("Por qué esto importa para la confianza"),
        p(
            "Las relaciones entre la policía y los residentes de Baltimore han estado muy "
            "deterioradas. LEAD pide a los agentes que actúen como servidores públicos que "
            "ayudan a las personas en problemas a encontrar apoyo. Este sitio es parte de ese "
            "esfuerzo: publica los resultados del programa piloto y permite que los residentes "
            "digan cómo los trató la policía.",
        ),
        key_figures(
            figure("2011", "LEAD comenzó en Seattle", OP_ED),
            figure("6 feb. 2017", "Comenzó el programa piloto de Baltimore", LAUNCH),
            figure(
                "Unas 60",
                "personas que el programa piloto esperaba atender al mismo tiempo",
                LAUNCH,
                detail="Una expectativa al comenzar, no un conteo de las personas atendidas.",
            ),
        ),
    ],
)

YOUR_RIGHTS = explainer(
    "Sus derechos",
    "LEAD es voluntario: usted puede decir que no, y su caso se procesa de la forma habitual. "
    "Usted conserva todos sus derechos de siempre cuando la policía lo para.",
    [
        callout(
            "Esta es información general, no asesoría legal",
            "Para recibir consejo sobre su propia situación, hable con un abogado. La "
            "Defensoría Pública de Maryland puede ayudar a las personas que no pueden pagar "
            "uno.",
            tone="warning",
        ),
        h2("Sus derechos en LEAD"),
        bullets(
            "Puede decir que no a LEAD. Si lo hace, su caso se maneja de la forma habitual: "
            f"{USUAL_WAY}.",
            "Puede pedirle al agente que le explique qué es LEAD antes de decidir.",
            "No tiene que dejar de consumir drogas para participar.",
            "Puede contarle al programa cómo lo trataron, sin dar su nombre.",
        ),
        h2("Qué se comparte sobre usted, y con quién"),
        p(
            "LEAD funciona porque las personas que intervienen en su caso hablan entre sí. Con "
            "su consentimiento por escrito, su administrador de casos comparte información con "
            "los agentes de policía y los fiscales que intervienen, por ejemplo si usted está "
            "participando y cómo le va, para coordinar sus casos legales.",
            "El formulario de consentimiento dice qué se comparte y con quién. Pregunte todo "
            "lo que no entienda antes de firmarlo.",
            "Los expedientes de tratamiento por consumo de drogas y alcohol están protegidos "
            "por una ley federal de privacidad (42 CFR Part 2): en general, solo se pueden "
            "compartir con su consentimiento por escrito.",
        ),
        h2("Sus derechos cada vez que la policía lo para"),
        p(
            "Estos derechos valen cada vez que la policía lo para, se hable o no de LEAD:",
        ),
        bullets(
            "Tiene derecho a guardar silencio. Puede decir: “Quiero guardar silencio”.",
            "Puede preguntar: “¿Me puedo ir?”. Si el agente dice que sí, puede irse con calma.",
            "Puede negarse a dar permiso para que lo registren a usted o registren su "
            "vehículo o su casa. En algunas situaciones la policía puede hacer el registro "
            "de todos modos; no se resista físicamente.",
            "Si lo arrestan, tiene derecho a un abogado. Pida uno y no conteste preguntas "
            "hasta que lo tenga.",
            "Mantenga la calma y deje las manos donde el agente pueda verlas.",
        ),
        h2("Cómo conseguir ayuda legal"),
        p(
            "La Defensoría Pública de Maryland representa a las personas que no pueden pagar "
            "un abogado, y participó en la planificación del programa piloto de Baltimore. "
            + link("/get-help/", "Encuentre ayuda y servicios"),
        ),
        h2("Quejas, y cuéntenos cómo le fue"),
        p(
            "Si un agente lo trató bien o mal, el programa quiere saberlo. "
            + link("/contact/", "Cuéntenos sobre una interacción con la policía")
            + ". No tiene que dar su nombre, y nada de lo que escriba se hace público sin su "
            "permiso y sin la revisión de un moderador.",
        ),
        complaint_routes(),
    ],
)

EXPLAINERS = {"what-is-lead": WHAT_IS_LEAD, "your-rights": YOUR_RIGHTS}

# The feedback page -----------------------------------------------------------------------

FEEDBACK_PAGE = {
    "title": "Cuéntenos sobre una interacción con la policía",
    "show_in_menus": True,
    "search_description": (
        "Cuéntele al programa LEAD cómo lo trató la policía en la zona piloto. No tiene que "
        "dar su nombre, y nada se hace público hasta que un moderador lo haya revisado."
    ),
    "intro": (
        "<p>¿La policía lo paró, le hizo preguntas, lo arrestó, le ofreció LEAD o lo ayudó en "
        "la zona piloto? Cuéntele al programa lo que pasó. Toma unos tres minutos y no tiene "
        "que dar su nombre.</p>"
    ),
    "thank_you_text": (
        "<p>Un moderador leerá su reporte en unos pocos días hábiles. Con su código de recibo "
        "puede ver si se publicó y leer cualquier respuesta del programa.</p>"
    ),
    "status_intro": (
        "<p>Escriba el código de recibo que le dimos cuando envió su reporte, para ver qué "
        "pasó con él.</p>"
    ),
    "published_intro": (
        "<p>Los reportes de este sitio de demostración son datos de muestra, escritos para "
        "mostrar cómo funciona la lista. Tienen la etiqueta “datos de muestra”.</p>"
    ),
}

# The privacy notice ----------------------------------------------------------------------


def privacy():
    """The privacy notice in Spanish, with every period read from the settings the code
    uses, like the English notice."""
    contact_days, rejected_days, lockout_hours, session_hours = stated_periods(
        "día", "días", "hora", "horas"
    )
    return {
        "title": "Aviso de privacidad",
        # A page to act on, not to discuss: no comment section.
        "comments_open": False,
        "summary": "Qué guarda este sitio sobre usted, por cuánto tiempo y quién puede verlo.",
        "show_in_menus": False,
        "last_reviewed": LAST_REVIEWED,
        "body": [
            p(
                "Este sitio lo administran los socios del programa LEAD Baltimore, y el "
                "Departamento de Policía de Baltimore es uno de ellos. Recogemos la menor "
                "cantidad de información posible, y nunca vendemos ni compartimos lo que usted "
                "nos cuenta con fines de publicidad.",
            ),
            h2("Cuando usted lee el sitio"),
            bullets(
                "El sitio no usa servicios de publicidad, de análisis de visitas ni de "
                "rastreo, y no carga programas (scripts), tipos de letra ni imágenes de otras "
                "empresas. La única excepción: si el programa activa reCAPTCHA, el control de "
                "Google contra los mensajes basura (spam), este se carga solo en el formulario "
                "para contarnos su experiencia y en el formulario para avisar de un problema, y "
                "Google ve su visita a esos dos formularios.",
                "No guardamos la dirección de internet (dirección IP) de las personas que usan "
                "el sitio público, ni en nuestra base de datos ni en los registros técnicos "
                "del sitio. Para frenar avalanchas de mensajes, contamos cuántas veces se envía "
                "un formulario con un código irreconocible hecho a partir de su dirección; el "
                "código cambia todos los días y no se puede volver a convertir en la dirección.",
                "Leer el sitio no crea ninguna cookie. Las páginas con un formulario crean una "
                "cookie, llamada csrftoken, que guarda un código de seguridad al azar. Ese "
                "código protege el formulario contra falsificaciones y no dice nada sobre usted.",
            ),
            h2("Cuando nos cuenta sobre una interacción con la policía"),
            bullets(
                "Lo que guardamos: sus respuestas (la fecha, la zona y el cruce de calles más "
                "cercano, qué tipo de interacción fue, sus respuestas sobre cómo lo "
                "trataron), lo que escribió, el idioma en que lo escribió, si aceptó que se "
                "publique y el código de recibo que le dimos.",
                "Quién puede verlo antes de que se publique algo: los moderadores del programa "
                "y los administradores del sitio. No tiene que dar su nombre ni ningún dato de "
                "contacto.",
                "No dar su nombre no siempre lo mantiene en el anonimato. La fecha, el lugar, "
                "el cruce de calles y sus palabras pueden bastar para que el agente que "
                "intervino, u otra persona que estuvo allí, sepa quién escribió un reporte. No "
                "incluya nada que no quiera que se relacione con usted.",
                "Nada de lo que escriba es público hasta que un moderador lo haya revisado. Si "
                "usted acepta que se publique, publicamos una versión sin nada que pueda "
                "identificarlo a usted o a otra persona, nunca sus palabras originales. Con su "
                "código de recibo puede ver qué pasó con su reporte.",
                f"Si su reporte no se publica, sus palabras se borran {rejected_days} después "
                "de la decisión del moderador. Solo guardamos el dato de que llegó un reporte, "
                "su fecha, su zona, sus respuestas y por qué no se publicó, para contar los "
                "totales.",
            ),
            who_moderates(),
            h2("Cuando la ley nos obliga a entregar información"),
            p(
                "El programa tiene que entregar lo que guarda cuando la ley lo exige, por "
                "ejemplo por una orden judicial o una citación. Eso puede incluir las palabras "
                "de un reporte y los datos de contacto que todavía no se hayan borrado. Lo que "
                "ya se borró, según los plazos de esta página, ya no se puede entregar.",
            ),
            h2("Sus datos de contacto"),
            bullets(
                "Los datos de contacto que usted nos da (nombre, correo electrónico, teléfono) "
                "se guardan cifrados. Nunca se muestran en público y nunca se incluyen en los "
                "datos que publicamos ni en los registros técnicos del sitio.",
                "Solo el personal que tiene permiso para ver los datos de contacto de los "
                "residentes (los moderadores del programa y los administradores del sitio) "
                "puede leerlos, para responderle.",
                f"Se borran {contact_days} después de que usted los envíe.",
            ),
            *privacy_outreach.spanish(contact_days),
            h2("Comentarios y avisos de problemas"),
            bullets(
                "Un comentario guarda el nombre que usted da (o “Residente”) y lo que escribió. "
                "Los comentarios se publican solo después de que un moderador los revise, en "
                "la versión del moderador. Las palabras de un comentario que no se publica se "
                f"borran {rejected_days} después de la decisión.",
                "Cuando usted envía un aviso sobre un comentario o un reporte publicado, "
                "guardamos su motivo y su nota, y un código irreconocible hecho a partir del "
                "elemento y de su dirección, que nos permite contar un solo aviso por persona. "
                "Ese código no se puede volver a convertir en su dirección y no permite "
                "relacionar los avisos que usted envíe sobre dos elementos diferentes.",
            ),
            h2("Los números que publicamos"),
            p(
                "Solo publicamos totales, nunca información sobre personas individuales. Las "
                "personas en LEAD reciben servicios por consumo de sustancias, y los "
                "expedientes que las identifican están protegidos por la ley federal (42 CFR "
                "Part 2 y HIPAA).",
                "Ningún número publicado muestra una cantidad entre 1 y 10. Esas cantidades "
                "pequeñas se marcan como suprimidas, igual que cualquier otro número que "
                "permitiría calcularlas.",
            ),
            h2("Cuentas del personal"),
            bullets(
                "Cuando falla un inicio de sesión del personal, el nombre de la cuenta y la "
                f"dirección desde la que se intentó se guardan durante {lockout_hours}, para "
                "impedir que adivinen contraseñas, y luego se borran.",
                f"Una sesión del personal termina después de {session_hours}. Lo que el "
                "personal publica, aprueba o rechaza queda anotado en el registro de auditoría "
                "del sitio.",
            ),
            h2("Preguntas"),
            p(
                "Para preguntar sobre su información, comuníquese con el programa en "
                f'<a href="mailto:{SAMPLE_EMAIL}">{SAMPLE_EMAIL}</a> (dirección de ejemplo '
                "para el sitio de demostración).",
            ),
        ],
    }


# Site settings ---------------------------------------------------------------------------

# Only the texts a visitor reads, under the English keys (the settings keep each in a
# ``<name>_es`` field, and a partner's or complaint route's in ``<text>_es``, matched by
# position); email addresses and phone numbers are those of the English settings. An empty
# text, or a name kept as it is, has no Spanish version: it is shown in English, marked so.
SITE_SETTINGS = {
    "organisation_name": "LEAD Baltimore",
    "tagline": "Desvío asistido por las fuerzas del orden (LEAD)",
    # A postal address reads the same in every language.
    "contact_address": "",
    "help_line_name": "988 Línea de Prevención del Suicidio y Crisis",
    "help_line_hours": "las 24 horas del día, los 7 días de la semana",
    "emergency_text": "En caso de emergencia, llame al 911.",
    "partners": [
        {"type": "partner", "value": {"name": name, "role": role, "url": ""}}
        for name, role in [
            ("Open Society Institute-Baltimore", "Financiador principal"),
            ("Departamento de Policía de Baltimore", "Agentes que envían personas al programa"),
            ("Fiscalía de la Ciudad de Baltimore", "Socio en la acusación penal"),
            ("Behavioral Health System Baltimore", "Supervisa la administración de casos"),
            ("Baltimore Crisis Response Inc.", "Administradores de casos"),
            ("Defensoría Pública de Maryland", "Socio en la defensa legal"),
        ]
    ],
    "footer_text": (
        "<p>Un sitio de información pública de los socios del programa piloto LEAD Baltimore. "
        "Los datos de contacto del programa que se muestran en este sitio de demostración son "
        "ejemplos.</p>"
    ),
    "pilot_status_note": "",
    "moderators": (
        "personal comunitario capacitado del programa LEAD (texto de ejemplo: aquí el programa "
        "dice quién modera)"
    ),
    "complaint_routes": [
        {
            "type": "route",
            "value": {
                "name": "Junta de Revisión Civil de la Ciudad de Baltimore",
                "name_es": "",
                "description": (
                    "Una agencia independiente de la ciudad. Investiga las quejas por fuerza "
                    "excesiva, lenguaje abusivo, acoso, arresto ilegal y detención ilegal por "
                    "parte de agentes de la policía de Baltimore. Puede presentar su queja por "
                    "internet, por teléfono, en su oficina (7 E. Redwood St., piso 9) o "
                    "en cualquier estación de distrito de la policía. Hay plazos (90 días en "
                    "casos de fuerza excesiva), así que no espere."
                ),
                "description_es": "",
                "phone": "410-396-3151",
                "website": "https://civilrights.baltimorecity.gov/civilian-review-board",
            },
        },
        {
            "type": "route",
            "value": {
                "name": ("Oficina de Integridad Pública del Departamento de Policía de Baltimore"),
                "name_es": "",
                "description": (
                    "La oficina de asuntos internos de la policía. Investiga las quejas sobre "
                    "agentes de la policía de Baltimore. Puede presentar una queja en "
                    "cualquier estación de policía."
                ),
                "description_es": "",
                "phone": "",
                "website": "https://www.baltimorepolice.org",
            },
        },
    ],
}

"""The Spanish outcomes page, news index and stories, and help pages, by the English page's
path.

Each text mirrors one in ``outcomes``, ``news`` or ``help_pages``, with the same keys, blocks
and links. Chart blocks keep the English chart's title: it names the chart record, whose
Spanish title is the chart's own. News dates, sample contact details and page settings are
read from the English pages and the site settings, so the two languages cannot disagree.
"""

from home.demo import news
from home.demo.content import callout, complaint_routes, contact_card, english, h2, link, p
from home.demo.help_pages import SAMPLE_ADDRESS, SAMPLE_EMAIL, SAMPLE_PHONE
from home.demo.home_page import LAST_REVIEWED
from home.demo.spanish import NBSP, PROGRAM_NAME
from publicdata.demo_charts import chart_block

# The outcomes page -----------------------------------------------------------------------

OUTCOMES = {
    "title": "Resultados del programa piloto",
    "show_in_menus": True,
    "summary": (
        "Cuántas personas atendió LEAD, qué ayuda recibieron, con qué frecuencia volvieron a "
        "ser arrestadas y cuánto costó: los números del programa piloto en gráficos."
    ),
    "intro": (
        "<p>Cada gráfico de esta página sale de un conjunto de datos publicado. Abra “Tabla” "
        "debajo de un gráfico para ver sus números exactos, o descárguelos. Hasta que se "
        "publiquen las cifras del propio programa piloto, los gráficos de Baltimore muestran "
        "datos de muestra, marcados como tales.</p>"
    ),
    "body": [
        h2("A quiénes llegó LEAD"),
        chart_block("People referred and enrolled each month", heading_level="3"),
        chart_block("Referrals by type", heading_level="3"),
        h2("La ayuda que recibieron las personas"),
        chart_block("Services received each quarter", heading_level="3"),
        h2("Arrestos"),
        chart_block("Re-arrest within 12 months, all cohorts", heading_level="3"),
        chart_block("Re-arrest within 12 months", heading_level="3"),
        p(
            "En Seattle, donde comenzó LEAD, la Universidad de Washington encontró que los "
            f"participantes tenían un 60{NBSP}% menos de probabilidades de ser arrestados en "
            "los seis meses después de entrar al programa."
        ),
        chart_block("Seattle: lower odds of arrest", heading_level="3"),
        h2("Costos"),
        chart_block("Cost per person per year", heading_level="3"),
    ],
}

# News ------------------------------------------------------------------------------------

NEWS_INDEX = {
    "title": "Noticias",
    "show_in_menus": True,
    "search_description": "Noticias sobre el programa piloto LEAD de Baltimore.",
    "intro": "<p>Noticias sobre el programa piloto LEAD y las personas que lo hacen funcionar.</p>",
}

COALITION = {
    "title": "Líderes de la policía piden alternativas al arresto",
    "date": news.COALITION["date"],
    "date_precision": news.COALITION["date_precision"],
    "summary": (
        "El comisionado de policía de Baltimore se unió a decenas de jefes de policía y "
        "fiscales en un llamado nacional a reducir el número de personas en prisión."
    ),
    "body": [
        p(
            "En octubre de 2015, decenas de los principales jefes de policía y fiscales del "
            "país se reunieron en Washington, D.C. para lanzar una nueva coalición, "
            f"{english('Law Enforcement Leaders to Reduce Crime and Incarceration')} (Líderes de "
            "las Fuerzas del Orden para Reducir el Delito y el Encarcelamiento). El comisionado "
            "de la policía de Baltimore, Kevin Davis, estaba entre ellos.",
            "La coalición fijó cuatro prioridades. Una de ellas es “aumentar las alternativas "
            "al arresto y a los juicios penales, en especial el tratamiento de salud mental y "
            "de drogas”.",
        ),
        h2("Lo que significa para Baltimore"),
        p(
            "Los grupos que trabajan en el tratamiento de la adicción a las drogas en "
            "Baltimore, entre ellos OSI-Baltimore, llevaban años pidiendo esto. El próximo paso "
            "es decidir qué alternativas usar y cómo, con funcionarios estatales y locales, "
            "expertos en salud y la participación continua de la comunidad.",
        ),
    ],
}

ANNOUNCEMENT = {
    "title": "Baltimore traerá LEAD a la ciudad",
    "date": news.ANNOUNCEMENT["date"],
    "date_precision": news.ANNOUNCEMENT["date_precision"],
    "summary": (
        "OSI-Baltimore, el Departamento de Policía de Baltimore y Behavioral Health System "
        "Baltimore anunciaron planes para un programa piloto de LEAD."
    ),
    "body": [
        p(
            f"A finales de 2015, Baltimore anunció que pondría a prueba {PROGRAM_NAME} (LEAD) "
            "con un programa piloto. OSI-Baltimore es el principal financiador. El "
            "Departamento de Policía de Baltimore, la Fiscalía y "
            f"{english('Behavioral Health System Baltimore')} dirigen el trabajo, y la "
            "Defensoría Pública también participa.",
            "LEAD comenzó en Seattle en 2011. Según el artículo de opinión que anunció el "
            f"programa piloto, “{english('New Baltimore approach to addiction')}” (Tara Huffman "
            f"y Scott Nolen, de OSI-Baltimore, {english('The Baltimore Sun')}, diciembre de "
            "2015), permite que los agentes envíen a servicios de la comunidad a personas que, "
            "de otro modo, serían acusadas de delitos menores de drogas, para que puedan "
            "empezar su recuperación sin pasar por la cárcel y sin antecedentes penales.",
        ),
        h2("Un comienzo pequeño"),
        p(
            "El programa piloto funcionará en una zona de la ciudad con mucha actividad de "
            "drogas, y podría extenderse a otros vecindarios si da tan buenos resultados como se "
            "espera. " + link("/lead/what-is-lead/", "Lea qué es LEAD"),
        ),
    ],
}

LAUNCH = {
    "title": "Comienza el programa piloto LEAD en el lado oeste del centro",
    "date": news.LAUNCH["date"],
    "summary": (
        "El programa piloto de tres años comenzó con más de 120 agentes capacitados y con "
        "administradores de casos que trabajan junto al distrito de policía."
    ),
    "body": [
        p(
            "El programa piloto LEAD de Baltimore se presentó en una conferencia de prensa el "
            "6 de febrero de 2017. El programa piloto, de tres años, cubre cerca de media milla "
            "cuadrada en el lado oeste del centro de la ciudad.",
            "Más de 120 agentes han recibido capacitación. Los administradores de casos de "
            f"{english('Baltimore Crisis Response Inc.')}, supervisados por "
            f"{english('Behavioral Health System Baltimore')}, trabajan junto al distrito de "
            "policía. Los socios esperan que el programa piloto atienda a unas 60 personas al "
            "mismo tiempo.",
        ),
        h2("Quién puede participar"),
        p(
            "A las personas a quienes la policía podría arrestar en la zona piloto por un "
            "delito menor de posesión de drogas o de prostitución se les puede ofrecer LEAD. "
            + link("/lead/eligibility-and-referral/", "Cómo funciona una derivación"),
        ),
    ],
}

# By the English story's slug.
STORIES = {
    "police-leaders-call-for-alternatives-to-arrest": COALITION,
    "baltimore-to-bring-lead-to-the-city": ANNOUNCEMENT,
    "lead-pilot-launches": LAUNCH,
}

# Help pages ------------------------------------------------------------------------------

# The Spanish stories' own tags, in the order of news.TAGS: the Spanish news index
# filters its stories by them.
TAGS = {
    "police-leaders-call-for-alternatives-to-arrest": ["policía", "nacional"],
    "baltimore-to-bring-lead-to-the-city": ["anuncio", "organizaciones aliadas"],
    "lead-pilot-launches": ["lanzamiento", "zona piloto"],
}

OFFICE_HOURS = "De lunes a viernes, de 9 a. m. a 5 p. m."
ALL_DAY = "Las 24 horas del día, los 7 días de la semana"

GET_HELP = {
    "title": "Consiga ayuda ahora",
    # A page to act on, not to discuss: no comment section.
    "comments_open": False,
    "summary": (
        "Líneas de crisis, tratamiento, vivienda y comida: a quién llamar, de día o de noche."
    ),
    "show_in_menus": True,
    "last_reviewed": LAST_REVIEWED,
    "body": [
        callout(
            "En caso de emergencia, llame al 911",
            "Si alguien está en peligro o tuvo una sobredosis, llame al 911 de inmediato.",
            tone="warning",
        ),
        h2("Líneas de crisis y de apoyo"),
        contact_card(
            # The service's own name in Spanish.
            "988 Línea de Prevención del Suicidio y Crisis",
            "Apoyo gratuito y confidencial en una crisis de salud mental o de consumo de "
            "sustancias, para usted o para alguien que le preocupa.",
            phone="988",
            text_message="988",
            website="https://988lifeline.org",
            hours=ALL_DAY,
        ),
        contact_card(
            "Maryland 211",
            "Lo pone en contacto con ayuda local para tratamiento de drogas, vivienda, comida, "
            "facturas y más.",
            phone="211",
            website="https://211md.org",
            hours=ALL_DAY,
        ),
        h2("El programa LEAD"),
        contact_card(
            "LEAD Baltimore",
            "Preguntas sobre LEAD o sobre una derivación. Estos datos de contacto son ejemplos "
            "para el sitio de demostración.",
            phone=SAMPLE_PHONE,
            email=SAMPLE_EMAIL,
            hours=OFFICE_HOURS,
        ),
        h2("Ayuda legal"),
        p(
            "La Defensoría Pública de Maryland representa a las personas que no pueden pagar un "
            "abogado. " + link("/lead/your-rights/", "Lea sobre sus derechos"),
        ),
    ],
}

CONTACT = {
    "title": "Comuníquese con el programa",
    # A page to act on, not to discuss: no comment section.
    "comments_open": False,
    "summary": (
        "Cuéntele al programa LEAD sobre una interacción con la policía o haga una pregunta. "
        "No tiene que dar su nombre."
    ),
    "show_in_menus": False,
    "last_reviewed": LAST_REVIEWED,
    "body": [
        h2("Cuéntenos sobre una interacción con la policía"),
        p(
            "El programa quiere saber cómo lo trató la policía en la zona piloto, bien o mal. "
            "El personal lee cada mensaje. No tiene que dar su nombre: si quiere una respuesta, "
            "deje un número de teléfono o un correo electrónico y díganos cómo prefiere que nos "
            "comuniquemos con usted.",
        ),
        complaint_routes(),
        contact_card(
            "LEAD Baltimore",
            "Estos datos de contacto son ejemplos para el sitio de demostración.",
            phone=SAMPLE_PHONE,
            email=SAMPLE_EMAIL,
            # A postal address reads the same in every language.
            address=SAMPLE_ADDRESS,
            hours=OFFICE_HOURS,
        ),
        callout(
            "Qué pasa con lo que nos cuenta",
            "Nada de lo que nos cuente se publica sin su permiso y sin la revisión de un "
            "moderador. Sus datos de contacto nunca se publican. "
            + link("/privacy/", "Lea el aviso de privacidad"),
        ),
        p("Si necesita ayuda ahora, " + link("/get-help/", "vea a quién llamar") + "."),
    ],
}

PAGES = {
    "outcomes/": OUTCOMES,
    "news/": NEWS_INDEX,
    **{f"news/{slug}/": fields for slug, fields in STORIES.items()},
    "get-help/": GET_HELP,
    "contact/": CONTACT,
}

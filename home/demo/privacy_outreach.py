"""The privacy notice's section on reports entered by staff, the "help now" question and
the update emails, in English and Spanish: what is kept, for how long, and who sees it.
Its period is the contact details' retention, read from the settings as the rest of the
notice's periods are."""

from home.demo.content import bullets, h2


def english(contact_days):
    return [
        h2("Reports given by phone, on paper or in person"),
        bullets(
            "If you give a report to a case manager or outreach worker, or by phone, they "
            "enter it for you. It is kept and moderated like a report sent on the web, with "
            "how and when it reached us. Which staff member entered it is kept in the site’s "
            "audit log, seen only by administrators, never published.",
        ),
        h2("If you say you need help now"),
        bullets(
            "If you answer that you need help now, or write that you are in danger, we show "
            "you the crisis lines at once and moderators read your report first. We keep "
            "that mark with your report, seen only by moderators; it is never published and "
            "never counted in the numbers we publish.",
        ),
        h2("Emails about your report"),
        bullets(
            "If you ask to be emailed when your report is decided or answered, we keep that "
            "email address apart from any contact details, encrypted, and use it only for "
            "this: one email when your report is published or not, and one if the program "
            "answers it. The emails never contain what you wrote or your receipt code.",
            "Nobody reads the address: the site uses it to send the emails and nothing else. "
            "It is deleted after the last email, when you follow the stop link in an email, "
            f"or {contact_days} after you send your report, whichever comes first.",
        ),
    ]


def spanish(contact_days):
    return [
        h2("Reportes dados por teléfono, en papel o en persona"),
        bullets(
            "Si da su reporte a un administrador de casos o a un trabajador de LEAD, o por "
            "teléfono, esa persona lo ingresa por usted. Se guarda y se modera igual que un "
            "reporte enviado por internet, junto con cómo y cuándo nos llegó. Qué miembro "
            "del personal lo ingresó queda en el registro de auditoría del sitio, que solo "
            "ven los administradores; nunca se publica.",
        ),
        h2("Si dice que necesita ayuda ahora"),
        bullets(
            "Si responde que necesita ayuda ahora, o escribe que está en peligro, le "
            "mostramos de inmediato las líneas de crisis y los moderadores leen su reporte "
            "primero. Guardamos esa marca con su reporte; solo la ven los moderadores, nunca "
            "se publica y nunca se cuenta en los números que publicamos.",
        ),
        h2("Correos sobre su reporte"),
        bullets(
            "Si pide que le escribamos cuando se decida o se responda su reporte, guardamos "
            "ese correo electrónico aparte de cualquier dato de contacto, cifrado, y lo "
            "usamos solo para esto: un correo cuando su reporte se publique o no, y otro si "
            "el programa lo responde. Los correos nunca contienen lo que usted escribió ni "
            "su código de recibo.",
            "Nadie lee la dirección: el sitio la usa para enviar los correos y nada más. Se "
            "borra después del último correo, cuando usted abra el enlace para dejar de "
            f"recibirlos o {contact_days} después de enviar su reporte, lo que ocurra primero.",
        ),
    ]

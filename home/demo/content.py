"""Small constructors for StreamField content in raw form, so demo texts read as prose."""


def h2(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def h3(text):
    return {"type": "heading", "value": {"text": text, "level": "h3"}}


def p(*paragraphs):
    """One rich-text block of one or more paragraphs (strings may hold inline HTML)."""
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}


def bullets(*items, intro=None):
    html = f"<p>{intro}</p>" if intro else ""
    html += "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    return {"type": "paragraph", "value": html}


def callout(title, *paragraphs, tone="info"):
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return {"type": "callout", "value": {"tone": tone, "title": title, "body": body}}


def faq(questions, title=""):
    return {
        "type": "faq",
        "value": {
            "title": title,
            "questions": [
                {"question": question, "answer": f"<p>{answer}</p>"}
                for question, answer in questions
            ],
        },
    }


def figure(figure, label, source, source_url="", detail=""):
    return {
        "figure": figure,
        "label": label,
        "detail": detail,
        "source": source,
        "source_url": source_url,
    }


def key_figures(*figures, title=""):
    return {"type": "key_figures", "value": {"title": title, "figures": list(figures)}}


def contact_card(title, description="", **ways):
    value = {
        "title": title,
        "description": description,
        "phone": "",
        "text_message": "",
        "email": "",
        "website": "",
        "address": "",
        "hours": "",
    }
    value.update(ways)
    return {"type": "contact_card", "value": value}


def table(caption, headings, rows, source="", first_column_is_header=True):
    return {
        "type": "table",
        "value": {
            "caption": caption,
            "first_column_is_header": first_column_is_header,
            "source": source,
            "table": {
                "columns": [{"type": "text", "heading": heading} for heading in headings],
                "rows": [{"values": list(row)} for row in rows],
                "caption": "",
            },
        },
    }


def link(path, text):
    return f'<a href="{path}">{text}</a>'


def pilot_status():
    """Where the pilot stands, as the site settings say (home.blocks.PilotStatusBlock)."""
    return {"type": "pilot_status", "value": None}


def complaint_routes():
    """The official ways to complain about an officer, from the site settings."""
    return {"type": "complaint_routes", "value": None}


def who_moderates():
    """Who moderates residents' reports, from the site settings."""
    return {"type": "who_moderates", "value": None}


def english(text):
    """Words left in English inside another language's text (a name, a title), marked so
    that they are read in English."""
    return f'<span lang="en">{text}</span>'

"""Demo data of the feedback app: the feedback page and the pilot-area neighbourhoods.

The neighbourhood names are real places on the west side of downtown Baltimore, used as
editable sample data; staff keep the official list in the admin.
"""

from feedback.models import Neighbourhood

NEIGHBOURHOODS = ["Market Center", "Seton Hill", "Heritage Crossing", "Poppleton", "Downtown West"]

PAGE = {
    "title": "Tell us about a police interaction",
    "show_in_menus": True,
    "search_description": (
        "Tell the LEAD program how police treated you in the pilot area. Anonymous, and "
        "nothing is public until a moderator has reviewed it."
    ),
    "intro": (
        "<p>Were you stopped, questioned, arrested, offered LEAD or helped by police in the "
        "pilot area? Tell the program what happened. It takes about three minutes and you "
        "don’t have to give your name.</p>"
    ),
    "thank_you_text": (
        "<p>A moderator will read your report within a few working days. With your receipt "
        "code you can see whether it was published and read any response from the "
        "program.</p>"
    ),
    "status_intro": (
        "<p>Enter the receipt code you were given when you sent your report to see what "
        "happened to it.</p>"
    ),
    "published_intro": "",
}


def build_neighbourhoods(site):
    changed = []
    for order, name in enumerate(NEIGHBOURHOODS):
        _, created = Neighbourhood.objects.get_or_create(name=name, defaults={"sort_order": order})
        if created:
            changed.append(f"neighbourhood {name}")
    return changed

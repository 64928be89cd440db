"""Who answers questions about a dataset: the contact the dataset names, or else the
program's contact.

The program's contact lives in the site settings, which belong to another app; that app
registers a provider here (``provide_program_contact``), so this app never needs to know
where site settings are kept.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Contact:
    name: str
    email: str


_program_contact = None


def provide_program_contact(provider):
    """``provider(request=None)`` returns the program's ``Contact`` (for the request's site,
    or the default site without one), or None when it has none."""
    global _program_contact
    _program_contact = provider


def program_contact(request=None):
    found = _program_contact(request) if _program_contact else None
    return found if found and found.email else None


def dataset_contact(dataset, request=None):
    """The dataset's own contact when it gives an email address, otherwise the program's;
    an empty email when neither has one."""
    if dataset.contact_email:
        return Contact(dataset.contact_name, dataset.contact_email)
    program = program_contact(request)
    if program is None:
        return Contact(dataset.contact_name, "")
    return Contact(dataset.contact_name or program.name, program.email)

"""Staff accounts: strong passwords, sessions that end."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short-1", "at least 12 characters"),
        ("password1234", "too common"),
        ("839274619283", "entirely numeric"),
    ],
)
def test_weak_staff_passwords_are_refused(db, password, problem):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert problem in " ".join(error.value.messages)


def test_a_long_unusual_password_is_accepted(db):
    validate_password("tram-lantern-harbour-47")


def test_a_staff_session_ends_after_a_working_day(client, admin_user):
    response = client.post("/admin/login/", {"username": "admin", "password": "password"})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert client.get("/admin/").status_code == 200
    # However the browser keeps the cookie, the server forgets the session after 8 hours.
    from django.contrib.sessions.models import Session

    expires = Session.objects.get(session_key=cookie.value).expire_date
    assert abs((expires - timezone.now()) - timedelta(hours=8)) < timedelta(minutes=1)

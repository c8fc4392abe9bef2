import pytest


@pytest.mark.django_db
def test_pages_set_no_optional_cookies_before_a_choice(client, demo_pages):
    response = client.get("/")
    assert "Cookies on Borsetshire Council" in response.content.decode()
    assert "cookies_policy" not in response.cookies


@pytest.mark.django_db
def test_accepting_records_the_choice_and_returns_to_the_page(client, demo_pages):
    response = client.post("/cookies/", {"cookies": "accept", "next": "/parking/"})
    assert response.status_code == 302
    assert response["Location"] == "/parking/"
    assert response.cookies["cookies_policy"].value == "accepted"
    page = client.get("/parking/").content.decode()
    assert "accepted additional cookies." in page
    assert "Accept additional cookies" not in page


@pytest.mark.django_db
def test_cookie_choice_never_redirects_off_site(client):
    response = client.post("/cookies/", {"cookies": "reject", "next": "https://evil.example/"})
    assert response["Location"] == "/cookies/"


@pytest.mark.django_db
def test_cookies_page_without_a_choice_says_what_to_do(client):
    response = client.post("/cookies/", {})
    assert response.status_code == 400
    assert "Select whether you accept additional cookies" in response.content.decode()

from community import services
from tests.factories.designs import make_design


def test_public_profile_shows_comments_designs_and_trust_level(client, member, maker, design):
    services.comment_post(author=member, target=design, text="A *thoughtful* comment")
    make_design(maker=member, title="Sam's Draft", state="draft")
    make_design(maker=member, title="Sam's Public Poster")
    page = client.get(f"/members/{member.handle}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Trust level 1" in html
    assert "<em>thoughtful</em>" in html and "Night Owl" in html
    assert "Sam&#x27;s Public Poster" in html and "Draft" not in html
    assert member.email not in html


def test_profile_handle_lookup_is_case_insensitive_and_unknown_is_404(client, member):
    assert client.get("/members/SAM-MEMBER/").status_code == 301
    assert client.get("/members/nobody-here/").status_code == 404


def test_profile_page_queries_do_not_grow_with_comments(client, member, design, django_assert_max_num_queries):
    for i in range(8):
        services.comment_post(author=member, target=design, text=f"comment {i}")
    client.get(f"/members/{member.handle}/")  # once-per-process work (the footer's links) is not measured
    with django_assert_max_num_queries(10):
        client.get(f"/members/{member.handle}/")

from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.mail import outbox_messages
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.notifications.services import notify


def test_notify_writes_in_app_and_mails_only_after_commit(app, make_user):
    user = make_user(Role.PRODUCER, full_name="Phạm Thị Hiếu")
    with app.test_request_context():
        notify([user], "Hồ sơ OCOP đã được tiếp nhận", "Đang kiểm tra.", "http://x.vn/dossiers/1")
        assert outbox_messages(app) == []
        db.session.commit()
    [message] = outbox_messages(app)
    assert message["To"] == user.email and message["Subject"] == "Hồ sơ OCOP đã được tiếp nhận"
    assert db.session.scalar(select(Notification.link)) == "/dossiers/1"


def test_the_in_app_link_keeps_its_query(app, make_user):
    user = make_user(Role.PRODUCER)
    with app.test_request_context():
        link = "http://x.vn/dossiers/new?registration_type=re_evaluation&previous_certificate=NB-2021-0001"
        notify([user], "Giấy chứng nhận sắp hết hạn", "Đánh giá lại.", link)
        db.session.commit()
    assert db.session.scalar(select(Notification.link)) == (
        "/dossiers/new?registration_type=re_evaluation&previous_certificate=NB-2021-0001"
    )


def test_a_savepoint_neither_sends_nor_drops_the_mail_of_its_transaction(app, make_user):
    user = make_user(Role.PRODUCER)
    with app.test_request_context():
        notify([user], "Đã cấp giấy chứng nhận", "—")
        db.session.begin_nested().commit()
        assert outbox_messages(app) == []
        db.session.begin_nested().rollback()
        db.session.commit()
    assert [m["Subject"] for m in outbox_messages(app)] == ["Đã cấp giấy chứng nhận"]


def test_nothing_is_mailed_when_the_change_is_rolled_back(app, make_user):
    user = make_user(Role.PRODUCER)
    with app.test_request_context():
        notify([user], "Không gửi", "—")
        db.session.rollback()
        db.session.commit()
    assert outbox_messages(app) == []


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, auth, make_user):
    user = make_user(Role.PRODUCER)
    notification = Notification(
        user_id=user.id, subject="Yêu cầu bổ sung hồ sơ OCOP", link="/dossiers/"
    )
    db.session.add(notification)
    db.session.commit()
    auth.login(user)
    assert "Yêu cầu bổ sung hồ sơ OCOP" in client.get("/notifications/").text
    response = client.post(f"/notifications/{notification.id}/open")
    assert response.headers["Location"] == "/dossiers/"
    db.session.refresh(notification)
    assert notification.read_at is not None


def test_a_foreign_link_is_never_followed(client, auth, make_user):
    user = make_user(Role.PRODUCER)
    notification = Notification(user_id=user.id, subject="x", link="//evil.example/")
    db.session.add(notification)
    db.session.commit()
    auth.login(user)
    assert (
        client.post(f"/notifications/{notification.id}/open").headers["Location"]
        == "/notifications/"
    )


def test_someone_elses_notification_is_refused(client, auth, make_user):
    owner, other = make_user(Role.PRODUCER), make_user(Role.PRODUCER)
    notification = Notification(user_id=owner.id, subject="x")
    db.session.add(notification)
    db.session.commit()
    auth.login(other)
    assert client.post(f"/notifications/{notification.id}/open").status_code == 403


def unread_of(user) -> list[str]:
    return db.session.scalars(
        select(Notification.subject).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    ).all()


def test_mark_all_as_read_clears_the_users_own_unread_only(client, auth, make_user):
    user, other = make_user(Role.PRODUCER), make_user(Role.PRODUCER)
    for n in range(3):
        db.session.add(Notification(user_id=user.id, subject=f"Thông báo {n}", link="/"))
    db.session.add(Notification(user_id=other.id, subject="Của người khác", link="/"))
    db.session.commit()
    auth.login(user)
    assert "Đánh dấu tất cả là đã đọc" in client.get("/notifications/").text

    page = client.post("/notifications/read-all", follow_redirects=True).text

    assert "Đã đánh dấu 3 thông báo là đã đọc." in page
    assert "Đánh dấu tất cả là đã đọc" not in page
    db.session.expire_all()
    assert unread_of(user) == [] and unread_of(other) == ["Của người khác"]


def test_nobody_is_notified_of_what_they_just_did(app, make_user):
    from flask_login import login_user

    secretary, member = make_user(Role.SECRETARY), make_user(Role.COUNCIL_MEMBER)
    with app.test_request_context():
        login_user(secretary)
        notify([secretary, member], "Hồ sơ đã được đưa vào phiên họp", "—")
        notify([secretary], "Biên nhận của chính bạn", "—", include_actor=True)
        db.session.commit()
    assert unread_of(member) == ["Hồ sơ đã được đưa vào phiên họp"]
    assert unread_of(secretary) == ["Biên nhận của chính bạn"]
    assert [m["To"] for m in outbox_messages(app)] == [member.email, secretary.email]

from sqlalchemy import select

from evalapp.auth.models import Role, User
from evalapp.extensions import db


def test_create_admin_asks_for_the_password(runner):
    result = runner.invoke(
        args=["users", "create-admin", "--email", "admin@so-nn.vn", "--name", "Quản trị viên"],
        input="Mật khẩu quản trị 2026\nMật khẩu quản trị 2026\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "admin@so-nn.vn"))
    assert user.has_role(Role.ADMIN)


def test_create_admin_refuses_a_weak_password(runner):
    result = runner.invoke(
        args=["users", "create-admin", "--email", "admin@so-nn.vn", "--name", "Quản trị viên"],
        input="ngan\nngan\n",
    )
    assert result.exit_code != 0
    assert "ít nhất 12 ký tự" in result.output
    assert db.session.scalar(select(User)) is None

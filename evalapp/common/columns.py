from sqlalchemy import Enum


def enum_column(enum_class, length: int = 32) -> Enum:
    """A string enum stored as its values in a VARCHAR (portable; no native PostgreSQL type)."""
    return Enum(
        enum_class,
        native_enum=False,
        length=length,
        values_callable=lambda members: [member.value for member in members],
    )

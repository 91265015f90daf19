"""The folded search's pieces that need no database: what is folded, how a typed word becomes a
LIKE pattern, and which schema objects the models-vs-migrations comparison leaves out."""

import evalapp.models  # noqa: F401 - registers the searchable tables
from evalapp.common.search import (
    create_index_ddl,
    folded_of,
    included_in_schema,
    like_pattern,
)


def test_names_are_folded_together_and_missing_ones_skipped():
    assert folded_of("Giỏ Cói", None, "HTX  Nga Sơn", "") == "gio coi htx nga son"


def test_a_typed_wildcard_is_a_letter_in_the_pattern():
    assert like_pattern("100%") == "%100\\%%"
    assert like_pattern("g_o") == "%g\\_o%"
    assert like_pattern("a\\b") == "%a\\\\b%"


def test_each_database_gets_its_own_index():
    postgresql = " ".join(create_index_ddl("certificates", "postgresql"))
    sqlite = " ".join(create_index_ddl("certificates", "sqlite"))
    assert "gin_trgm_ops" in postgresql and "pg_trgm" in postgresql
    assert "tokenize='trigram'" in sqlite and "AFTER UPDATE OF search_text" in sqlite


def test_the_schema_comparison_leaves_the_search_indexes_out():
    assert not included_in_schema("certificates_search", "table", {})
    assert not included_in_schema("certificates_search_data", "table", {})
    assert not included_in_schema("ix_users_search_trgm", "index", {})
    assert included_in_schema("certificates", "table", {})
    assert included_in_schema("ix_certificates_issued_on", "index", {})

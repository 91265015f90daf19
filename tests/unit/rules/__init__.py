"""Unit tests of `evalapp.rules`: plain values, no app and no database."""

"""Backups and restore: `flask backup OUT_DIR`, `flask backup verify DIR`, `flask restore DIR`."""

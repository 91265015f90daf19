"""The versioned JSON API (`/api/v1`): the public register for anyone, and a unit's rounds,
dossiers, results and statistics for clients holding that unit's token."""

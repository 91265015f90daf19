"""The unit's figures (issue 18, item 1): certificates by star class, year, product group, commune
and status, computed by SQL aggregates, shown as tables beside charts and downloadable."""

"""The Conduit application's own code: settings, database, auth and queries.

Route files under `routes/` stay small and import what they need from here.
"""

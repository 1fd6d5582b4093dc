"""Registering and logging in: no token needed, one is handed out."""

tags = ["User and Authentication"]

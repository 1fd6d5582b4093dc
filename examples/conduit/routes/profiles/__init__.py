"""Profiles of other users, and following them."""

tags = ["Profile"]

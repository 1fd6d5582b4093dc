"""Favoriting an article, and taking it back."""

tags = ["Favorites"]

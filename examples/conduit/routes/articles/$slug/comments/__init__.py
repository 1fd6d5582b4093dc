"""Comments on one article."""

tags = ["Comments"]

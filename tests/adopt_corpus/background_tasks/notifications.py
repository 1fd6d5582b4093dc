SENT: list[str] = []


def send_email(address: str) -> None:
    SENT.append(address)
